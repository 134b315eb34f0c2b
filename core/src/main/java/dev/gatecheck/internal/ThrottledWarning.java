package dev.gatecheck.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the occurrences of something worth a warning and says when one is due: at most once per interval of the
 * engine's clock, so an outage under load writes one line a minute, not one per request. Lock-free. Internal.
 */
public final class ThrottledWarning {
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong count = new AtomicLong();

    /** Warnings at most once per {@code interval} of {@code clock}. */
    public ThrottledWarning(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /**
     * Counts one occurrence; returns how many there were since the last warning when one is due now (the caller
     * writes it), else 0.
     */
    public long occurred() {
        long occurrences = count.incrementAndGet();
        long now = clock.millis();
        long next = nextMillis.get();
        if (now < next || !nextMillis.compareAndSet(next, now + intervalMillis)) {
            return 0;
        }
        count.addAndGet(-occurrences);
        return occurrences;
    }
}
