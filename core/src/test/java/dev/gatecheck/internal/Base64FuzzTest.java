package dev.gatecheck.internal;

import static dev.gatecheck.testing.FuzzInput.latin1;
import static dev.gatecheck.testing.FuzzInput.preview;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatecheck.internal.token.B64Token;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fuzzes the two base64 grammars a token passes, against independent spellings of them: the RFC 6750
 * {@code b64token} grammar ({@link B64Token}, as a regular expression) and canonical base64url ({@link Base64Url},
 * as the JDK's decoder plus re-encoding). Seeds:
 * {@code src/test/resources/dev/gatecheck/internal/Base64FuzzTestInputs}.
 */
class Base64FuzzTest {
    /** RFC 6750 §2.1: {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    @FuzzTest
    void acceptsExactlyTheB64TokenGrammar(byte[] data) {
        String token = latin1(data);
        assertThat(B64Token.matches(token)).as("b64token %s", preview(token))
                .isEqualTo(B64TOKEN.matcher(token).matches());
    }

    @FuzzTest
    void decodesExactlyCanonicalBase64Url(byte[] data) {
        decodesLikeTheJdk(data, 0, data.length);
        if (data.length > 2) {
            decodesLikeTheJdk(data, 1, data.length - 1); // a segment inside a token: the bounds are honoured
        }
    }

    private static void decodesLikeTheJdk(byte[] data, int from, int to) {
        String text = latin1(Arrays.copyOfRange(data, from, to));
        Optional<byte[]> expected = canonical(text);
        byte[] decoded = Base64Url.decode(data, from, to);
        if (expected.isEmpty()) {
            assertThat(decoded).as("%s is not canonical base64url, yet decodes", preview(text)).isNull();
            return;
        }
        assertThat(decoded).as("canonical base64url %s", preview(text)).isEqualTo(expected.get());
        assertThat(Base64Url.encode(decoded)).as("re-encoding of %s", preview(text)).isEqualTo(text);
    }

    /** The URL alphabet spelled out on its own: {@link Base64Url} now leaves the alphabet to the JDK's decoder. */
    private static final Pattern URL_ALPHABET = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * The bytes of {@code text} when it is canonical base64url (RFC 7515 §2): only the URL alphabet, which the JDK
     * decodes, and encodes back to the same text (so no stray trailing bits).
     */
    private static Optional<byte[]> canonical(String text) {
        if (!URL_ALPHABET.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)
                    ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
