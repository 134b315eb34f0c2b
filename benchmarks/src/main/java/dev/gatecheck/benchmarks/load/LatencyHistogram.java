package dev.gatecheck.benchmarks.load;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-size, lock-free, log-linear latency histogram (no HdrHistogram dependency): values in nanoseconds, exact
 * below 256 ns, then 128 buckets per power of two, so a percentile is within 1/128 (0.8%) of the recorded value.
 * 7,296 buckets cover every {@code long}; memory is fixed however long the run.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;
    private static final int EXACT = 2 * SUB;
    private static final int BUCKETS = EXACT + (62 - SUB_BITS) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts.incrementAndGet(index(value));
        total.increment();
        sum.add(value);
        max.accumulate(value);
    }

    long count() {
        return total.sum();
    }

    long maxNanos() {
        return max.get();
    }

    double meanNanos() {
        long n = total.sum();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }

    /**
     * The value at {@code percentile} (0-100): the highest value of the bucket holding the rank-th smallest
     * recorded value, capped at the recorded maximum; 0 when empty.
     */
    long percentileNanos(double percentile) {
        long n = total.sum();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(highest(i), max.get());
            }
        }
        return max.get();
    }

    static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int mantissa = (int) (value >>> (exponent - SUB_BITS));
        return EXACT + (exponent - SUB_BITS - 1) * SUB + (mantissa - SUB);
    }

    /** The highest value that falls into bucket {@code index}. */
    static long highest(int index) {
        if (index < EXACT) {
            return index;
        }
        int exponent = (index - EXACT) / SUB + SUB_BITS + 1;
        long mantissa = SUB + (index - EXACT) % SUB;
        int shift = exponent - SUB_BITS;
        return ((mantissa + 1) << shift) - 1;
    }
}
