package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict RFC 8259 parser used for token headers, claims and key sets. */
class JsonTest {
    private static final int DEPTH = 16;

    private static Map<String, Object> parse(String text) throws Json.JsonException {
        return Json.parseObject(text, DEPTH);
    }

    private static Object value(String json) throws Json.JsonException {
        return parse("{\"v\":" + json + "}").get("v");
    }

    // --- valid -------------------------------------------------------------------------------------------------

    static Stream<Arguments> validValues() {
        return Stream.of(
                Arguments.of("\"text\"", "text"),
                Arguments.of("\"\"", ""),
                Arguments.of("true", true),
                Arguments.of("false", false),
                Arguments.of("0", 0L),
                Arguments.of("-0", 0L),
                Arguments.of("42", 42L),
                Arguments.of("-17", -17L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                Arguments.of("9223372036854775808", 9.223372036854775808E18),
                Arguments.of("1.5", 1.5),
                Arguments.of("-0.25", -0.25),
                Arguments.of("1.0", 1.0),
                Arguments.of("1e3", 1000.0),
                Arguments.of("1E+3", 1000.0),
                Arguments.of("25e-1", 2.5),
                Arguments.of("1e-400", 0.0),
                Arguments.of("[]", List.of()),
                Arguments.of("[1,\"a\",[true]]", List.of(1L, "a", List.of(true))),
                Arguments.of("{}", Map.of()),
                Arguments.of("{\"a\":{\"b\":1}}", Map.of("a", Map.of("b", 1L))),
                Arguments.of("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\" \\ / \b \f \n \r \t"),
                Arguments.of("\"\\u0041\\u00e9\\u20AC\"", "Aé€"),
                Arguments.of("\"\\ud83d\\ude00\"", "\uD83D\uDE00"),
                Arguments.of("\"\uD83D\uDE00 raw\"", "\uD83D\uDE00 raw"),
                Arguments.of("\"\\u0000\"", "\u0000"),
                Arguments.of("\"caf\u00e9 \u007f\"", "café \u007f"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validValues")
    void parsesValidValue(String json, Object expected) throws Json.JsonException {
        assertThat(value(json)).as("value of %s", json).isEqualTo(expected);
    }

    @Test
    void integersInLongRangeAreLongsAndOthersAreDoubles() throws Json.JsonException {
        assertThat(value("123")).isInstanceOf(Long.class);
        assertThat(value("-9223372036854775808")).isInstanceOf(Long.class);
        assertThat(value("123.0")).isInstanceOf(Double.class);
        assertThat(value("1e2")).isInstanceOf(Double.class);
        assertThat(value("99999999999999999999")).isInstanceOf(Double.class);
    }

    @Test
    void parsesNullAsNull() throws Json.JsonException {
        Map<String, Object> map = parse("{\"v\":null}");

        assertThat(map).containsKey("v");
        assertThat(map.get("v")).isNull();
    }

    @Test
    void keepsMemberOrder() throws Json.JsonException {
        assertThat(parse("{\"z\":1,\"a\":2,\"m\":3}").keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void acceptsInsignificantWhitespace() throws Json.JsonException {
        assertThat(parse(" \t\r\n{ \"a\" : [ 1 , 2 ] }\n ")).isEqualTo(Map.of("a", List.of(1L, 2L)));
    }

    @Test
    void parsedStructuresAreReadOnly() throws Json.JsonException {
        Map<String, Object> map = parse("{\"a\":[1],\"o\":{}}");

        assertThatThrownBy(() -> map.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) map.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<?, ?>) map.get("o")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Objects of more than 16 members get an index: every member is found, in document order, absent names not. */
    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {1, 2, 15, 16, 17, 31, 32, 33, 200, 1000})
    void findsEveryMemberOfObjectsOfAnySize(int members) throws Json.JsonException {
        String json = IntStream.range(0, members).mapToObj(i -> "\"m" + i + "\":" + i)
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        Map<String, Object> map = parse(json);

        assertThat(map).hasSize(members);
        assertThat(map.keySet()).first().isEqualTo("m0");
        for (int i = 0; i < members; i++) {
            assertThat(map.get("m" + i)).as("member m%d of %d", i, members).isEqualTo((long) i);
        }
        assertThat(map.containsKey("m" + members)).as("a name not in the object").isFalse();
        assertThat(map.get(7)).as("a key that is not a string").isNull();
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {2, 16, 17, 500})
    void refusesADuplicateOfTheFirstMemberInObjectsOfAnySize(int members) {
        String json = IntStream.range(0, members).mapToObj(i -> "\"m" + i + "\":" + i)
                .collect(java.util.stream.Collectors.joining(",", "{", ",\"m0\":0}"));

        assertThatThrownBy(() -> parse(json)).isInstanceOf(Json.JsonException.class).hasMessage("duplicate_member");
    }

    @Test
    void objectsEqualMapsWithTheSameMembers() throws Json.JsonException {
        Map<String, Object> parsed = parse("{\"a\":1,\"b\":null,\"c\":[\"x\"]}");
        java.util.LinkedHashMap<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("a", 1L);
        expected.put("b", null);
        expected.put("c", List.of("x"));

        assertThat(parsed).isEqualTo(expected);
        assertThat(parsed.hashCode()).isEqualTo(expected.hashCode());
        assertThat(parsed.containsKey("b")).as("a member whose value is null").isTrue();
        assertThat(parsed.toString()).isEqualTo(expected.toString());
    }

    // --- invalid -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "", " ", "[]", "\"s\"", "1", "null", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":1 \"b\":2}",
            "{a:1}", "{'a':1}", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":[1 2]}",
            "{\"a\":01}", "{\"a\":-01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":1e+}",
            "{\"a\":-}", "{\"a\":0x10}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":1e400}",
            "{\"a\":-1e400}", "{\"a\":tru}", "{\"a\":True}", "{\"a\":nul}", "{\"a\":undefined}",
            "{\"a\":\"unterminated}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"\\\"}",
            "{\"a\":\"\\a\"}", "{\"a\":\"raw\nnewline\"}", "{\"a\":\"raw\ttab\"}", "{\"a\":\"raw\u0000nul\"}",
            "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800x\"}", "{\"a\":\"\\ud800\\u0041\"}",
            "{\"a\":\"\\ud800\\ud800\"}", "{\"a\":\"\ud800\"}", "{\"a\":\"\udc00\"}", "{\"a\":\"\ud800x\"}",
            "{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":2,\"a\":1}", "{\"a\":{\"x\":1,\"x\":1}}", "{\"\\u0061\":1,\"a\":2}",
            "\uFEFF{\"a\":1}", "{\"a\":1}\u0000", "{\"a\"\u00a0:1}", "/*c*/{\"a\":1}", "{\"a\":1 // c\n}"
    })
    void refusesInvalidDocument(String text) {
        assertThatThrownBy(() -> parse(text)).as("'%s' must be refused", text).isInstanceOf(Json.JsonException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"1e9999999999", "1e-9999999999", "-1E2147483648", "1e99999999999999999999"})
    void refusesNumberWhoseExponentOverflowsWithAJsonException(String number) {
        // Not a NumberFormatException escaping the parser: a token with such a claim must be a 401, not a 500.
        assertThatThrownBy(() -> value(number)).as(number).isInstanceOf(Json.JsonException.class);
    }

    @Test
    void refusesOverlongNumberLiteral() {
        assertThatThrownBy(() -> value("1." + "0".repeat(100))).isInstanceOf(Json.JsonException.class);
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {255, 256, 3000})
    void aLongStringValueReadsAsItsStringEveryWay(int length) throws Json.JsonException {
        String text = "x".repeat(length - 1) + "y";
        Map<String, Object> map = parse("{\"pad\":\"" + text + "\",\"n\":{\"deep\":\"" + text + "\"},\"a\":[\"" + text
                + "\"]}");
        Map<String, Object> expected = Map.of("pad", text, "n", Map.of("deep", text), "a", List.of(text));

        assertThat(map.get("pad")).as("get").isEqualTo(text);
        assertThat(map.values()).as("values").allSatisfy(v -> assertThat(v).isNotInstanceOf(JsonObject.LongText.class));
        assertThat(map).as("equals, through the entries").isEqualTo(expected);
        assertThat(expected).as("equals, the other way").isEqualTo(map);
        assertThat(map.hashCode()).isEqualTo(expected.hashCode());
        Map<String, Object> visited = new java.util.HashMap<>();
        map.forEach(visited::put);
        assertThat(visited).as("forEach").isEqualTo(expected);
        assertThat(map.get("pad")).as("read twice, one string").isSameAs(map.get("pad"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"sub\":\"alice\",\"sub\":\"admin\"}", "{\"sub\":\"alice\",\"\\u0073ub\":\"admin\"}",
            "{\"\\u0073ub\":\"alice\",\"sub\":\"admin\"}", "{\"iss\":1,\"x\":2,\"sub\":3,\"x\":4}",
            "{\"x\":1,\"\\u0078\":2}", "{\"caf\u00e9\":1,\"caf\\u00e9\":2}"})
    void refusesDuplicateMembersHoweverTheirNamesAreSpelled(String json) {
        assertThatThrownBy(() -> parse(json)).as(json)
                .isInstanceOf(Json.JsonException.class).hasMessage("duplicate_member");
    }

    /** RFC 8259 §7: the four digits of a unicode escape are ASCII HEXDIG; Arabic-Indic or fullwidth digits are not. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\"\\u\u0660\u0660\u0664\u0661\"", "\"\\u00\u0664\u0661\"",
            "\"\\u\uFF10\uFF10\uFF14\uFF11\"", "\"\\u004\uFF21\""})
    void refusesUnicodeEscapesWithNonAsciiDigits(String string) {
        assertThatThrownBy(() -> value(string)).as("%s is not a JSON string", string).hasMessage("bad_escape");
    }

    @Test
    void refusesLoneSurrogatesWithAReasonCode() {
        assertThatThrownBy(() -> value("\"\\udead\"")).hasMessage("lone_surrogate");
    }

    @Test
    void errorMessagesNeverEchoTheInput() {
        assertThatThrownBy(() -> parse("{\"secret-member\":sEcReT}")).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain("secret").doesNotContain("sEcReT"));
    }

    // --- depth cap ---------------------------------------------------------------------------------------------

    private static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    private static String nestedArrays(int depth) {
        return "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    @Test
    void acceptsNestingUpToTheCap() throws Json.JsonException {
        assertThat(Json.parseObject(nestedObjects(DEPTH), DEPTH)).isNotNull();
        assertThat(Json.parseObject(nestedArrays(DEPTH), DEPTH)).isNotNull();
    }

    @Test
    void refusesNestingOneBeyondTheCap() {
        assertThatThrownBy(() -> Json.parseObject(nestedObjects(DEPTH + 1), DEPTH)).hasMessage("too_deep");
        assertThatThrownBy(() -> Json.parseObject(nestedArrays(DEPTH + 1), DEPTH)).hasMessage("too_deep");
    }

    @Test
    void depthOneAllowsOnlyAFlatObject() throws Json.JsonException {
        assertThat(Json.parseObject("{\"a\":1,\"b\":\"x\"}", 1)).hasSize(2);
        assertThatThrownBy(() -> Json.parseObject("{\"a\":[]}", 1)).hasMessage("too_deep");
    }

    @Test
    void refusesVeryDeepNestingWithoutOverflowingTheStack() {
        String deep = "{\"a\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";

        assertThatThrownBy(() -> Json.parseObject(deep, DEPTH)).hasMessage("too_deep");
    }

    // --- quote -------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plain", "", "quote \" backslash \\ slash /", "line\nbreak\rtab\t", "ctl \u0001\u001f \u007f",
            "unicode é € \uD83D\uDE00", "sep \u2028 \u2029", "lone \ud800 surrogate"})
    void quoteProducesAStringLiteralThatParsesBack(String s) throws Json.JsonException {
        String literal = Json.quote(s);

        assertThat(literal).startsWith("\"").endsWith("\"");
        assertThat(literal).as("no raw control characters").doesNotContainPattern("[\\x00-\\x1f]");
        if (s.contains("\ud800") && !s.contains("\udc00")) {
            assertThatThrownBy(() -> value(literal)).as("a lone surrogate stays refused").isInstanceOf(Json.JsonException.class);
        } else {
            assertThat(value(literal)).isEqualTo(s);
        }
    }

    /** Random strings over an alphabet heavy in characters that need escaping. */
    static Stream<String> randomStrings() {
        Random random = new Random(8259);
        char[] alphabet = {'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f',
                '\u007f', 'é', '€', '\u2028'};
        return IntStream.range(0, 200).mapToObj(i -> {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(24);
            for (int c = 0; c < n; c++) {
                if (random.nextInt(10) == 0) {
                    s.append("\uD83D\uDE00");
                } else {
                    s.append(alphabet[random.nextInt(alphabet.length)]);
                }
            }
            return s.toString();
        });
    }

    @ParameterizedTest
    @MethodSource("randomStrings")
    void quoteRoundTripsRandomStrings(String s) throws Json.JsonException {
        assertThat(value(Json.quote(s))).isEqualTo(s);
    }

    @Test
    void registeredNamesAreOneSharedInstanceHoweverTheyAreWritten() throws Json.JsonException {
        String plain = parse("{\"iss\":1}").keySet().iterator().next();
        String escaped = parse("{\"\\u0069ss\":1}").keySet().iterator().next();

        assertThat(plain).isEqualTo("iss").isSameAs(escaped).isSameAs(parse("{\"iss\":2}").keySet().iterator().next());
        String unregistered = parse("{\"issx\":1}").keySet().iterator().next();
        assertThat(unregistered).as("a name that is not registered").isEqualTo("issx")
                .isNotSameAs(parse("{\"issx\":1}").keySet().iterator().next());
    }

    @Test
    void integersUpToTheirLimitsAreLongsAndBeyondThemDoubles() throws Json.JsonException {
        assertThat(value("123456789012345678")).isEqualTo(123456789012345678L);
        assertThat(value("-12345678901234567")).isEqualTo(-12345678901234567L);
        assertThat(value("-0")).isEqualTo(0L);
        assertThat(value("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(value("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(value("9223372036854775808")).isEqualTo(9.223372036854775808E18);
    }
}
