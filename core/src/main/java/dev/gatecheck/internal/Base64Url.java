package dev.gatecheck.internal;

import java.util.Base64;

/** Canonical base64url (RFC 7515 §2): URL alphabet, no padding, no whitespace, zero trailing bits. Internal. */
public final class Base64Url {
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Base64Url() {
    }

    /** Decodes the canonical base64url in {@code s[from, to)}, or returns null when it is not canonical. */
    public static byte[] decode(String s, int from, int to) {
        int length = to - from;
        if (length == 0 || length % 4 == 1) {
            return null;
        }
        int last = 0;
        for (int i = from; i < to; i++) {
            last = value(s.charAt(i));
            if (last < 0) {
                return null;
            }
        }
        // The unused low bits of the final character must be zero, or two encodings decode alike.
        int unusedBits = switch (length % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        if ((last & ((1 << unusedBits) - 1)) != 0) {
            return null;
        }
        return DECODER.decode(s.substring(from, to));
    }

    /** Encodes without padding. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        if (c == '_') {
            return 63;
        }
        return -1;
    }
}
