package dev.gatecheck.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/** Canonical base64url (RFC 7515 §2): URL alphabet, no padding, no whitespace, zero trailing bits. Internal. */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final boolean SEGMENTS_IN_PLACE = decodesSegmentsInPlace(Runtime.version());
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
        return decode(s, from, to, SEGMENTS_IN_PLACE);
    }

    /** {@link #decode(byte[], int, int)}, handing the JDK the segment in place or a copy of it. */
    static byte[] decode(byte[] s, int from, int to, boolean inPlace) {
        int length = to - from;
        if (length <= 0 || length % 4 == 1 || !isCanonicalLast(s[to - 1], length % 4)) {
            return null;
        }
        // The JDK's AVX-512 decoder has mishandled padding at the end of its input (JDK-8392044) and, before
        // JDK-8321599 was fixed, input that starts inside an array: so it only ever sees a segment whose last byte is
        // in the alphabet, copied out first where that fix is missing. An '=' before the last byte is refused by the
        // JDK like any other byte outside the alphabet.
        ByteBuffer segment = inPlace ? ByteBuffer.wrap(s, from, length)
                : ByteBuffer.wrap(Arrays.copyOfRange(s, from, to));
        ByteBuffer out;
        try {
            out = DECODER.decode(segment);
        } catch (IllegalArgumentException notBase64Url) {
            return null;
        }
        if (out.remaining() != length * 3 / 4) {
            return null;
        }
        // The JDK decodes into an array of exactly the decoded length; a copy only should that ever change.
        byte[] bytes = out.array();
        return out.position() == 0 && bytes.length == out.remaining() ? bytes
                : Arrays.copyOfRange(bytes, out.position(), out.limit());
    }

    /** Whether {@code jdk}'s decoder reads a segment that starts inside an array right: JDK-8321599 is fixed. */
    static boolean decodesSegmentsInPlace(Runtime.Version jdk) {
        return switch (jdk.feature()) {
            case 17 -> jdk.update() >= 11;
            case 18, 19, 20 -> false;
            case 21 -> jdk.update() >= 3;
            default -> jdk.feature() > 21;
        };
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
