package dev.gatecheck.internal;

import static dev.gatecheck.testing.FuzzInput.preview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatecheck.testing.JacksonJson;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.nio.charset.CharacterCodingException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fuzzes the strict JSON parser of token headers and claims against an independent parser (Jackson, duplicate
 * names refused): Gatecheck accepts only JSON, reads it to the same values, and refuses JSON only for its documented
 * limits (depth, lone surrogates, numbers over 64 characters or out of range). Seeds:
 * {@code src/test/resources/dev/gatecheck/internal/JsonFuzzTestInputs}.
 */
class JsonFuzzTest {
    private static final int MAX_DEPTH = 16;
    private static final Pattern NON_ASCII_IN_ESCAPE = Pattern.compile("\\\\u[0-9A-Fa-f]{0,3}[^\\x00-\\x7f]");

    @FuzzTest
    @DictionaryEntries({"\\u", "\\ud800", "\\udc00", "\\u0000", "1e", "-0", "1e400", "1e-400", "9223372036854775808",
            "\u0660", "\uFF10", "\uFF21"}) // the last three: Unicode look-alikes of hex digits
    void readsExactlyTheJsonObjectsJacksonReads(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        JacksonJson.Reading reference = JacksonJson.read(text);
        Map<String, Object> parsed;
        try {
            parsed = Json.parseObject(text, MAX_DEPTH);
        } catch (Json.JsonException e) {
            reference.value().ifPresent(value -> assertThat(deliberateRefusal(e.getMessage(), value, reference, text))
                    .as("Gatecheck refuses JSON that Jackson reads (%s): %s", e.getMessage(), preview(text))
                    .isTrue());
            return;
        }
        if (reference.value().isEmpty()) {
            fail("Gatecheck accepts what Jackson refuses as JSON: " + preview(text));
        }
        assertSame(parsed, reference.value().get(), "$", text);
    }

    /**
     * Token claims are parsed straight from their decoded bytes: bytes that are not UTF-8 by the JDK's strict decoder
     * (overlong forms, encoded surrogates, stray continuation bytes, code points past U+10FFFF) are refused, and any
     * other bytes read exactly as the text they decode to.
     */
    @FuzzTest
    void readsUtf8BytesExactlyAsTheTextTheyDecodeTo(byte[] data) {
        String outcome = outcome(() -> Json.parseObject(data, 0, data.length, MAX_DEPTH));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException notUtf8) {
            assertThat(outcome).as("bytes that are not UTF-8: %s", HexFormat.of().formatHex(data))
                    .startsWith("refused");
            return;
        }
        assertThat(outcome).as("the bytes of %s", preview(text))
                .isEqualTo(outcome(() -> Json.parseObject(text, MAX_DEPTH)));
    }

    private interface Parse {
        Map<String, Object> run() throws Json.JsonException;
    }

    /** The parsed object as text, or "refused: " and the reason. */
    private static String outcome(Parse parse) {
        try {
            return "parsed: " + parse.run();
        } catch (Json.JsonException e) {
            return "refused: " + e.getMessage();
        }
    }

    /**
     * The refusals Gatecheck makes on purpose of text that is JSON; and one of text Jackson reads wrongly: it takes the
     * four hex digits of a unicode escape each masked to 8 bits, so {@code U+0563} passes for the hex digit {@code c}.
     */
    private static boolean deliberateRefusal(String reason, Object value, JacksonJson.Reading reference, String text) {
        return switch (reason) {
            case "bad_escape" -> NON_ASCII_IN_ESCAPE.matcher(text).find();
            case "not_an_object" -> !(value instanceof Map);
            case "too_deep" -> reference.depth() > MAX_DEPTH;
            case "lone_surrogate" -> reference.loneSurrogate();
            case "bad_number" -> reference.longestNumber() > 64;
            case "number_out_of_range" -> reference.hugeNumber();
            default -> false;
        };
    }

    private static void assertSame(Object actual, Object expected, String where, String text) {
        if (expected instanceof Map<?, ?> map) {
            assertThat(actual).as("%s is an object in %s", where, preview(text)).isInstanceOf(Map.class);
            Map<?, ?> got = (Map<?, ?>) actual;
            assertThat(List.copyOf(got.keySet())).as("member names of %s in %s", where, preview(text))
                    .isEqualTo(List.copyOf(map.keySet()));
            map.forEach((name, value) -> assertSame(got.get(name), value, where + "." + name, text));
        } else if (expected instanceof List<?> list) {
            assertThat(actual).as("%s is an array in %s", where, preview(text)).isInstanceOf(List.class);
            List<?> got = (List<?>) actual;
            assertThat(got).as("length of %s in %s", where, preview(text)).hasSameSizeAs(list);
            Iterator<?> values = got.iterator();
            for (int i = 0; i < list.size(); i++) {
                assertSame(values.next(), list.get(i), where + "[" + i + "]", text);
            }
        } else if (expected instanceof Double d) {
            // Compared as numbers: -0.0 and 0.0 are the same JSON value.
            assertThat(actual).as("%s is a double in %s", where, preview(text)).isInstanceOf(Double.class);
            assertThat((Double) actual == d.doubleValue()).as("%s: %s read as %s in %s", where, d, actual,
                    preview(text)).isTrue();
        } else {
            assertThat(actual).as("%s in %s", where, preview(text)).isEqualTo(expected);
        }
    }
}
