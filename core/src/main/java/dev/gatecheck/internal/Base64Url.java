package dev.gatecheck.internal;

import java.util.Arrays;
import java.util.Base64;

/** Canonical base64url (RFC 7515 §2): URL alphabet, no padding, no whitespace, zero trailing bits. Internal. */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** The 6-bit value of each byte of the URL alphabet, -1 for every other character. */
    private static final byte[] VALUES = new byte[256];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    /**
     * Decodes the canonical base64url in the bytes {@code s[from, to)} (a token's Latin-1 bytes), or returns null
     * when it is not canonical. One pass with a table and no data-dependent branch: every request decodes its
     * token's segments, and a chain of comparisons mispredicts on random base64.
     */
    public static byte[] decode(byte[] s, int from, int to) {
        int length = to - from;
        if (length <= 0 || length % 4 == 1) {
            return null;
        }
        byte[] out = new byte[length * 3 / 4];
        int invalid = 0; // negative once any character is outside the alphabet
        int o = 0;
        int i = from;
        for (int quantaEnd = from + (length & ~3); i < quantaEnd; i += 4) {
            int a = at(s, i);
            int b = at(s, i + 1);
            int c = at(s, i + 2);
            int d = at(s, i + 3);
            invalid |= a | b | c | d;
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        int rest = to - i;
        if (rest > 0) {
            int a = at(s, i);
            int b = at(s, i + 1);
            int c = rest == 3 ? at(s, i + 2) : 0;
            invalid |= a | b | c;
            // The unused low bits of the final character must be zero, or two encodings decode alike.
            int unused = rest == 2 ? b & 0xF : c & 0x3;
            invalid |= unused == 0 ? 0 : -1;
            int bits = a << 18 | b << 12 | c << 6;
            out[o++] = (byte) (bits >> 16);
            if (rest == 3) {
                out[o] = (byte) (bits >> 8);
            }
        }
        return invalid < 0 ? null : out;
    }

    /** Encodes without padding. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    private static int at(byte[] s, int i) {
        return VALUES[s[i] & 0xFF];
    }
}
