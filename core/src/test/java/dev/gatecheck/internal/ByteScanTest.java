package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time searches agree with a plain byte loop on every byte value, offset and length. */
class ByteScanTest {
    private static final int CASES = 50_000;

    /** A range of random bytes: {@code a[from, to)}. */
    private record Slice(byte[] a, int from, int to) {
        static Slice random(Random random) {
            byte[] a = bytes(random);
            int from = random.nextInt(a.length + 1);
            return new Slice(a, from, from + random.nextInt(a.length - from + 1));
        }

        @Override
        public String toString() {
            return "[" + from + ", " + to + ") of " + java.util.HexFormat.of().formatHex(a);
        }
    }

    @Test
    void indexOfFindsTheFirstTargetLikeAByteLoop() {
        Random random = new Random(8);
        for (int n = 0; n < CASES; n++) {
            Slice s = Slice.random(random);
            byte target = random.nextBoolean() ? (byte) '.' : (byte) random.nextInt(256);
            assertThat(ByteScan.indexOf(s.a(), s.from(), s.to(), target)).as("%s in %s", target, s)
                    .isEqualTo(loopIndexOf(s.a(), s.from(), s.to(), target));
        }
    }

    @Test
    void endOfPlainAsciiStopsWhereAByteLoopDoes() {
        Random random = new Random(9);
        for (int n = 0; n < CASES; n++) {
            Slice s = Slice.random(random);
            assertThat(ByteScan.endOfPlainAscii(s.a(), s.from(), s.to())).as("%s", s)
                    .isEqualTo(loopEndOfPlainAscii(s.a(), s.from(), s.to()));
        }
    }

    @Test
    void everyByteValueEitherStopsAPlainRunOrNot() {
        for (int value = 0; value < 256; value++) {
            byte[] a = "abcdefghijklmnopqrstuvwxyz".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            a[13] = (byte) value; // inside the second word
            boolean stops = value == '"' || value == '\\' || value < 0x20 || value >= 0x80;
            assertThat(ByteScan.endOfPlainAscii(a, 0, a.length)).as("byte 0x%02x", value).isEqualTo(stops ? 13 : a.length);
        }
    }

    /** Mostly printable ASCII with now and then any byte, so that runs cross word boundaries before they stop. */
    private static byte[] bytes(Random random) {
        byte[] a = new byte[random.nextInt(40)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (random.nextInt(8) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(0x5F));
        }
        return a;
    }

    private static int loopIndexOf(byte[] a, int from, int to, byte target) {
        for (int i = from; i < to; i++) {
            if (a[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private static int loopEndOfPlainAscii(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = a[i] & 0xFF;
            if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) {
                return i;
            }
        }
        return to;
    }
}
