package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Canonical base64url (RFC 7515 §2): exactly one spelling of every byte string is accepted. */
class Base64UrlTest {

    private static byte[] decode(String s) {
        // As the pre-check reads a token: its Latin-1 bytes, any other character as '?'.
        return Base64Url.decode(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
    }

    /** Random byte arrays of every length from 1 to 96 (all three length classes mod 3), fixed seed. */
    static Stream<byte[]> randomBytes() {
        Random random = new Random(7515);
        return IntStream.rangeClosed(1, 96).mapToObj(length -> {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("randomBytes")
    void decodeOfEncodeIsIdentity(byte[] bytes) {
        String encoded = Base64Url.encode(bytes);

        assertThat(encoded).as("url alphabet, no padding").matches("[A-Za-z0-9_-]+");
        assertThat(decode(encoded)).as("decode(encode(%d bytes))", bytes.length).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("randomBytes")
    void decodesWithinBoundsOfALargerString(byte[] bytes) {
        String encoded = Base64Url.encode(bytes);
        String framed = "xx." + encoded + ".yy";

        assertThat(Base64Url.decode(framed.getBytes(StandardCharsets.US_ASCII), 3, 3 + encoded.length()))
                .isEqualTo(bytes);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("randomBytes")
    void refusesEveryNonCanonicalSpellingOfTheLastCharacter(byte[] bytes) {
        String encoded = Base64Url.encode(bytes);
        int unusedBits = switch (encoded.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String head = encoded.substring(0, encoded.length() - 1);
        int last = alphabet.indexOf(encoded.charAt(encoded.length() - 1));
        for (int bits = 1; bits < (1 << unusedBits); bits++) {
            String variant = head + alphabet.charAt(last | bits);
            assertThat(decode(variant)).as("'%s' sets unused trailing bits", variant).isNull();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("randomBytes")
    void refusesPaddingAndTheStandardAlphabet(byte[] bytes) {
        String padded = Base64.getUrlEncoder().encodeToString(bytes);
        if (!padded.endsWith("=")) {
            padded = padded + "==";
        }
        assertThat(decode(padded)).as("padding").isNull();
        String standard = Base64.getEncoder().withoutPadding().encodeToString(bytes);
        if (standard.contains("+") || standard.contains("/")) {
            assertThat(decode(standard)).as("standard alphabet '%s'", standard).isNull();
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "A", "AAAAA", "QQ=", "QQ==", "Q Q", " QQ", "QQ ", "QQ\n", "Q+", "Q/", "Q.", "Q=Q",
            "QR", "QUF", "QUJ"})
    void refusesNonCanonicalInput(String s) {
        assertThat(decode(s)).as("'%s'", s).isNull();
    }

    @Test
    void emptyInputIsNeverAValidSegment() {
        assertThat(Base64Url.encode(new byte[0])).isEmpty();
        assertThat(decode("")).as("an empty JWS segment is refused").isNull();
    }

    @Test
    void acceptsCanonicalShortForms() {
        assertThat(decode("QQ")).containsExactly('A');
        assertThat(decode("QUI")).containsExactly('A', 'B');
        assertThat(decode("QUJD")).containsExactly('A', 'B', 'C');
        assertThat(decode("-_8")).containsExactly(0xfb, 0xff);
    }

    /** Random strings over the alphabet and a few outsiders, fixed seed, every length from 0 to 40. */
    static Stream<String> randomStrings() {
        Random random = new Random(4648);
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=. \u00e9\u0100";
        return IntStream.range(0, 400).mapToObj(n -> {
            StringBuilder s = new StringBuilder();
            int length = n % 41;
            for (int i = 0; i < length; i++) {
                // Mostly alphabet characters, so that most strings are valid and all code paths are reached.
                s.append(chars.charAt(random.nextInt(random.nextInt(10) == 0 ? chars.length() : 64)));
            }
            return s.toString();
        });
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("randomStrings")
    void agreesWithTheJdkDecoderOnCanonicalInputAndRefusesTheRest(String s) {
        byte[] jdk;
        try {
            jdk = s.isEmpty() || s.contains("=") ? null : Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            jdk = null;
        }
        byte[] ours = decode(s);

        if (jdk == null) {
            assertThat(ours).as("'%s' is not base64url", s).isNull();
        } else if (Base64Url.encode(jdk).equals(s)) {
            assertThat(ours).as("'%s' is canonical", s).isEqualTo(jdk);
        } else {
            assertThat(ours).as("'%s' sets unused trailing bits", s).isNull();
        }
    }

    /**
     * Run hot enough for the JIT to compile the JDK decoder (with its vector stub where the CPU has one), on segments
     * inside larger arrays, of lengths around the stub's 32- and 64-byte blocks, with padding and outsiders at the
     * end where the stubs went wrong: every answer agrees with a plain strict decoder written separately, whether the
     * segment is decoded in place or copied out first (as on a JDK without the fix of JDK-8321599).
     */
    @Test
    void agreesWithAPlainStrictDecoderOnceCompiled() {
        Random random = new Random(8321599);
        String outsiders = "=+/. \u00e9";
        for (int n = 0; n < 40_000; n++) {
            int length = 1 + random.nextInt(random.nextBoolean() ? 200 : 70);
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            StringBuilder text = new StringBuilder(Base64Url.encode(bytes));
            switch (random.nextInt(4)) {
                case 0 -> text.append(random.nextBoolean() ? "=" : "=="); // padding after a valid segment
                case 1 -> text.setCharAt(random.nextInt(text.length()), outsiders.charAt(random.nextInt(outsiders.length())));
                case 2 -> text.setLength(text.length() - 1 - random.nextInt(Math.min(3, text.length()))); // cut
                default -> { } // canonical
            }
            String framed = "xx." + text + ".yy";
            byte[] latin1 = framed.getBytes(StandardCharsets.ISO_8859_1);
            int to = 3 + text.length();
            boolean inPlace = n % 2 == 0;
            assertThat(Base64Url.decode(latin1, 3, to, inPlace)).as("'%s', in place: %s", text, inPlace)
                    .isEqualTo(plainStrictDecode(text.toString()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"17.0.11", "17.0.15", "21.0.3", "21.0.9", "22", "25.0.1"})
    void decodesInPlaceOnAJdkWithTheOffsetFix(String jdk) {
        assertThat(Base64Url.decodesSegmentsInPlace(Runtime.Version.parse(jdk))).as("JDK %s", jdk).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"17", "17.0.2", "17.0.10", "18.0.2", "20.0.2", "21", "21.0.2"})
    void copiesSegmentsOutOnAJdkWithoutIt(String jdk) {
        assertThat(Base64Url.decodesSegmentsInPlace(Runtime.Version.parse(jdk))).as("JDK %s", jdk).isFalse();
    }

    /** Canonical base64url the slow, obvious way: character by character, then the trailing bits. */
    private static byte[] plainStrictDecode(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        if (s.isEmpty() || s.length() % 4 == 1) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int bits = 0;
        int count = 0;
        for (char c : s.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                return null;
            }
            bits = bits << 6 | value;
            count += 6;
            if (count >= 8) {
                count -= 8;
                out.write(bits >> count);
                bits &= (1 << count) - 1;
            }
        }
        return bits == 0 ? out.toByteArray() : null; // leftover bits must be zero
    }
}
