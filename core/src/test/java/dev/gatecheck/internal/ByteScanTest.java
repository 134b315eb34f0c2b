package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time search agrees with a plain byte loop on every byte value, offset and length. */
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
        for (int at : new int[] {0, 7, 13, 40, 63, 77, 99}) { // the first word, a word, a block of four, the tail
            for (int value = 0; value < 256; value++) {
                byte[] a = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(3).substring(0, 100)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                a[at] = (byte) value;
                boolean stops = value == '"' || value == '\\' || value < 0x20 || value >= 0x80;
                assertThat(ByteScan.endOfPlainAscii(a, 0, a.length)).as("byte 0x%02x at %d", value, at)
                        .isEqualTo(stops ? at : a.length);
            }
        }
    }

    /**
     * Mostly printable ASCII with now and then any byte, one in 8 or one in 64, so that runs cross word and block
     * boundaries before they stop.
     */
    private static byte[] bytes(Random random) {
        byte[] a = new byte[random.nextInt(120)];
        int rarity = random.nextBoolean() ? 8 : 64;
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (random.nextInt(rarity) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(0x5F));
        }
        return a;
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
