package dev.gatecheck.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: no overlong forms, no encoded surrogates, nothing past U+10FFFF, no truncated sequence. */
final class Utf8 {
    private Utf8() {
    }

    /** The text of {@code bytes[from, from + length)}, or null when those bytes are not UTF-8. */
    static String decode(byte[] bytes, int from, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
