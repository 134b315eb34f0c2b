package dev.gatecheck.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of a JSON string's plain run eight bytes at a time, with the bit tricks of "Bit Twiddling Hacks" on
 * one {@code long} (JDK 17 has no vectorised search in a {@code byte[]}): one load and a few arithmetic steps per
 * eight bytes instead of eight compares and branches. Internal.
 */
public final class ByteScan {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;

    private ByteScan() {
    }

    /**
     * The index of the first byte in {@code a[from, to)} that ends a plain JSON string run: a quote, a backslash, a
     * control character or any byte of 0x80 and above (so the run before it is printable ASCII); {@code to} if none.
     * Most names and values end in their first word; a long one is read four words a step.
     */
    public static int endOfPlainAscii(byte[] a, int from, int to) {
        int i = from;
        if (i <= to - Long.BYTES) {
            long stops = stops(word(a, i));
            if (stops != 0) {
                return i + firstFlagged(stops);
            }
            i += Long.BYTES;
        }
        while (i <= to - 4 * Long.BYTES
                && (stops(word(a, i)) | stops(word(a, i + 8)) | stops(word(a, i + 16)) | stops(word(a, i + 24))) == 0) {
            i += 4 * Long.BYTES;
        }
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long stops = stops(word(a, i));
            if (stops != 0) {
                return i + firstFlagged(stops);
            }
        }
        for (; i < to; i++) {
            byte b = a[i];
            if (b == '"' || b == '\\' || b < 0x20) { // a byte of 0x80 and above is negative
                return i;
            }
        }
        return to;
    }

    /**
     * The high bit of each byte of {@code x} that is a quote, a backslash, below 0x20 or from 0x80, and maybe of bytes
     * after the first such one. Subtracting borrows into a byte's high bit only from a byte that is zero after the
     * xor or below 0x20, which is a stop itself, and a byte from 0x80 is a stop whatever the subtraction gives: so
     * the lowest flagged byte is exactly the first stop, and no stop means no flag.
     */
    private static long stops(long x) {
        return (((x ^ QUOTES) - ONES) | ((x ^ BACKSLASHES) - ONES) | (x - SPACES) | x) & HIGH_BITS;
    }

    /** The index in its word of the lowest byte whose high bit {@code flags} has (the word is little-endian). */
    private static int firstFlagged(long flags) {
        return Long.numberOfTrailingZeros(flags) >>> 3;
    }

    private static long word(byte[] a, int i) {
        return (long) WORDS.get(a, i);
    }
}
