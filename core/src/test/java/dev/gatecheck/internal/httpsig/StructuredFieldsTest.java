package dev.gatecheck.internal.httpsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strict RFC 8941 subset behind {@code Signature-Input} (dictionary of inner lists of strings with parameters)
 * and {@code Signature} (dictionary of byte sequences). Accepted inputs parse to exactly the expected values;
 * everything else is a {@link StructuredFields.ParseException} with a short reason, never another exception.
 */
class StructuredFieldsTest {

    // ---- Signature-Input ------------------------------------------------------------------------------------------

    static Stream<Arguments> acceptedInnerListDictionaries() {
        return Stream.of(
                Arguments.of("the profile's shape",
                        "gw=(\"@method\" \"@path\" \"@query\" \"x-user-id\");created=1732848000;keyid=\"gw-2026\";alg=\"hmac-sha256\"",
                        "gw", List.of("@method", "@path", "@query", "x-user-id"),
                        params("created", 1732848000L, "keyid", "gw-2026", "alg", "hmac-sha256")),
                Arguments.of("RFC 9421 B.2.5", "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473"
                        + ";keyid=\"test-shared-secret\"", "sig-b25", List.of("date", "@authority", "content-type"),
                        params("created", 1618884473L, "keyid", "test-shared-secret")),
                Arguments.of("empty inner list", "gw=()", "gw", List.of(), params()),
                Arguments.of("spaces inside the parentheses", "gw=( \"@method\"  \"@path\" )", "gw",
                        List.of("@method", "@path"), params()),
                Arguments.of("leading spaces", "   gw=(\"@method\")", "gw", List.of("@method"), params()),
                Arguments.of("trailing spaces and tabs", "gw=(\"@method\") \t", "gw", List.of("@method"), params()),
                Arguments.of("escaped quote and backslash", "gw=(\"a\\\"b\" \"c\\\\d\")", "gw",
                        List.of("a\"b", "c\\d"), params()),
                Arguments.of("negative integer", "gw=();created=-5", "gw", List.of(), params("created", -5L)),
                Arguments.of("15-digit integer", "gw=();created=999999999999999", "gw", List.of(),
                        params("created", 999999999999999L)),
                Arguments.of("boolean parameter", "gw=();flag", "gw", List.of(), params("flag", Boolean.TRUE)),
                Arguments.of("key with digits, _ - . *", "g_w-1.*=()", "g_w-1.*", List.of(), params()),
                Arguments.of("key starting with *", "*gw=()", "*gw", List.of(), params()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedInnerListDictionaries")
    void acceptsSignatureInputs(String name, String value, String label, List<String> items,
                                Map<String, Object> params) throws Exception {
        Map<String, StructuredFields.InnerList> parsed = StructuredFields.innerListDictionary(value);
        assertThat(parsed).as("%s: labels", name).containsOnlyKeys(label);
        assertThat(parsed.get(label).items()).as("%s: components", name).containsExactlyElementsOf(items);
        assertThat(parsed.get(label).params()).as("%s: parameters", name).containsExactlyEntriesOf(params);
    }

    @Test
    void keepsSeveralLabelsInOrder() throws Exception {
        assertThat(StructuredFields.innerListDictionary("b=(\"x\"), a=(\"y\"),c=()").keySet())
                .as("labels of a three-member dictionary").containsExactly("b", "a", "c");
    }

    static Stream<Arguments> refusedInnerListDictionaries() {
        return Stream.of(
                Arguments.of("empty", "", "empty"),
                Arguments.of("only spaces", "   ", "empty"),
                Arguments.of("trailing comma", "gw=(\"@method\"),", "trailing_comma"),
                Arguments.of("trailing comma and space", "gw=(\"@method\"), ", "trailing_comma"),
                Arguments.of("leading comma", ",gw=(\"@method\")", "bad_key"),
                Arguments.of("two commas", "a=(), , b=()", "bad_key"),
                Arguments.of("upper-case label", "GW=(\"@method\")", "bad_key"),
                Arguments.of("label with an upper-case letter", "gW=(\"@method\")", "expected_equals"),
                Arguments.of("label starting with a digit", "1gw=()", "bad_key"),
                Arguments.of("label without a value (boolean member)", "gw", "expected_equals"),
                Arguments.of("label and a bare item", "gw=\"@method\"", "expected_'('"),
                Arguments.of("component without quotes", "gw=(@method)", "expected_'\"'"),
                Arguments.of("token component", "gw=(method)", "expected_'\"'"),
                Arguments.of("integer component", "gw=(1)", "expected_'\"'"),
                Arguments.of("parameters on a component", "gw=(\"@method\";req)", "component_parameters_not_supported"),
                Arguments.of("sf on a header component", "gw=(\"x-user-id\";sf)", "component_parameters_not_supported"),
                Arguments.of("no space between components", "gw=(\"a\"\"b\")", "bad_inner_list"),
                Arguments.of("tab between components", "gw=(\"a\"\t\"b\")", "bad_inner_list"),
                Arguments.of("unterminated inner list", "gw=(\"@method\"", "bad_inner_list"),
                Arguments.of("unterminated string", "gw=(\"@method)", "unterminated_string"),
                Arguments.of("bad escape", "gw=(\"a\\b\")", "bad_escape"),
                Arguments.of("escape at the end", "gw=(\"a\\", "bad_escape"),
                Arguments.of("control character", "gw=(\"a\u0001b\")", "bad_string_character"),
                Arguments.of("DEL", "gw=(\"a\u007fb\")", "bad_string_character"),
                Arguments.of("non-ASCII", "gw=(\"x-üser\")", "bad_string_character"),
                Arguments.of("decimal parameter", "gw=();created=1.5", "bad_integer"),
                Arguments.of("16-digit parameter", "gw=();created=1234567890123456", "bad_integer"),
                Arguments.of("lone minus", "gw=();created=-", "bad_integer"),
                Arguments.of("token parameter", "gw=();keyid=gw-2026", "unsupported_parameter_value"),
                Arguments.of("byte-sequence parameter", "gw=();keyid=:YWJj:", "unsupported_parameter_value"),
                Arguments.of("empty parameter value", "gw=();created=", "unsupported_parameter_value"),
                Arguments.of("upper-case parameter key", "gw=();Created=1", "bad_key"),
                Arguments.of("empty parameter key", "gw=();=1", "bad_key"),
                Arguments.of("parameter twice", "gw=();created=1;created=2", "duplicate_parameter"),
                Arguments.of("label twice", "gw=(), gw=()", "duplicate_label"),
                Arguments.of("space before a parameter", "gw=() ;created=1", "expected_comma"),
                Arguments.of("garbage after the member", "gw=()x", "expected_comma"),
                Arguments.of("nested inner list", "gw=((\"a\"))", "expected_'\"'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedInnerListDictionaries")
    void refusesMalformedSignatureInputs(String name, String value, String reason) {
        assertThatThrownBy(() -> StructuredFields.innerListDictionary(value)).as(name)
                .isInstanceOf(StructuredFields.ParseException.class).hasMessage(reason);
    }

    // ---- Signature ------------------------------------------------------------------------------------------------

    static Stream<Arguments> acceptedByteSequenceDictionaries() {
        return Stream.of(
                Arguments.of("RFC 9421 B.2.5", "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:", "sig-b25",
                        "pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8="),
                Arguments.of("no padding needed", "gw=:YWJj:", "gw", "YWJj"),
                Arguments.of("two padding characters", "gw=:YQ==:", "gw", "YQ=="),
                Arguments.of("empty byte sequence", "gw=::", "gw", ""),
                Arguments.of("surrounding spaces", "  gw=:YWJj:  ", "gw", "YWJj"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedByteSequenceDictionaries")
    void acceptsSignatures(String name, String value, String label, String base64) throws Exception {
        Map<String, byte[]> parsed = StructuredFields.byteSequenceDictionary(value);
        assertThat(parsed).as("%s: labels", name).containsOnlyKeys(label);
        assertThat(parsed.get(label)).as("%s: bytes", name).isEqualTo(Base64.getDecoder().decode(base64));
    }

    static Stream<Arguments> refusedByteSequenceDictionaries() {
        return Stream.of(
                Arguments.of("empty", "", "empty"),
                Arguments.of("trailing comma", "gw=:YWJj:,", "trailing_comma"),
                Arguments.of("upper-case label", "GW=:YWJj:", "bad_key"),
                Arguments.of("no colons", "gw=YWJj", "expected_':'"),
                Arguments.of("unterminated", "gw=:YWJj", "unterminated_bytes"),
                Arguments.of("characters outside base64", "gw=:YW J:", "bad_base64"),
                Arguments.of("base64url alphabet", "gw=:-_8=:", "bad_base64"),
                Arguments.of("length not a multiple of 4", "gw=:YWJ:", "bad_base64"),
                Arguments.of("three padding characters", "gw=:Y===:", "bad_base64"),
                Arguments.of("padding in the middle", "gw=:YQ==YWJj:", "bad_base64"),
                Arguments.of("parameters", "gw=:YWJj:;x=1", "parameters_not_supported"),
                Arguments.of("string value", "gw=\"YWJj\"", "expected_':'"),
                Arguments.of("label twice", "gw=:YWJj:, gw=:YWJj:", "duplicate_label"),
                Arguments.of("inner list value", "gw=(:YWJj:)", "expected_':'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByteSequenceDictionaries")
    void refusesMalformedSignatures(String name, String value, String reason) {
        assertThatThrownBy(() -> StructuredFields.byteSequenceDictionary(value)).as(name)
                .isInstanceOf(StructuredFields.ParseException.class).hasMessage(reason);
    }

    // ---- serialisation --------------------------------------------------------------------------------------------

    @Test
    void serialisesWhatItParses() throws Exception {
        Map<String, Object> params = params("created", 1732848000L, "keyid", "gw \"2026\" \\ x", "alg", "hmac-sha256");
        String text = StructuredFields.serialize(List.of("@method", "x-user-id"), params);
        assertThat(text).isEqualTo("(\"@method\" \"x-user-id\");created=1732848000;keyid=\"gw \\\"2026\\\" \\\\ x\""
                + ";alg=\"hmac-sha256\"");
        StructuredFields.InnerList parsed = StructuredFields.innerListDictionary("gw=" + text).get("gw");
        assertThat(parsed.items()).as("components after a round trip").containsExactly("@method", "x-user-id");
        assertThat(parsed.params()).as("parameters after a round trip").containsExactlyEntriesOf(params);
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
