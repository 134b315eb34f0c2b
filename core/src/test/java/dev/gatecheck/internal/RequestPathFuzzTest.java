package dev.gatecheck.internal;

import static dev.gatecheck.testing.FuzzInput.preview;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fuzzes request path normalisation ({@link RequestPath#normalise}, {@link RequestPath#within}) over raw paths
 * (UTF-8, as Jetty reads a request target): the normal form is its own normal form, has no dot, empty or parameter
 * segment and nothing left to decode, the one-scan fast path agrees with the full resolution, a malformed percent
 * escape is refused, and a path is placed below a context path exactly when its normal form lies there. Seeds:
 * {@code src/test/resources/dev/gatecheck/route/RequestPathFuzzTestInputs}.
 */
class RequestPathFuzzTest {

    /** A {@code %} not followed by two ASCII hex digits. */
    private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    @FuzzTest
    @DictionaryEntries({"%2e", "%2E", "%2f", "%5c", "%25", "%3b", "%00", "%c0%ae", "..", ";", "//", "\\",
            "\u0660", "\u0662", "\uFF0E", "\uFF0F", "\uFF10"}) // Unicode look-alikes of digits, '.' and '/'
    void normalFormIsStableAndPlain(byte[] data) {
        String raw = utf8(data);
        Optional<String> normal = RequestPath.normalise(raw);
        assertThat(normal).as("fast path and full resolution of %s", preview(raw)).isEqualTo(RequestPath.resolve(raw));
        if (RequestPath.isPlain(raw)) {
            assertThat(normal).as("%s is plain, so its own normal form", preview(raw)).contains(raw);
        }
        normal.ifPresent(n -> assertIsANormalForm(n, raw));
        for (String segment : raw.split("/", -1)) {
            String beforeParameters = segment.split(";", 2)[0];
            if (MALFORMED_ESCAPE.matcher(beforeParameters).find()) {
                assertThat(normal).as("%s has a malformed escape", preview(raw)).isEmpty();
            }
        }
    }

    /** The input is a context path, a line break, a raw path; contexts not in the canonical form are skipped. */
    @FuzzTest
    void placesAPathBelowItsContextExactlyWhenItsNormalFormLiesThere(byte[] data) {
        String text = utf8(data);
        int newline = text.indexOf('\n');
        String context = newline < 0 ? "" : text.substring(0, newline);
        String raw = text.substring(newline + 1);
        Optional<String> within = RequestPath.within(raw, context);
        String root = context.equals("/") ? "" : context;
        if (!root.isEmpty() && !(RequestPath.normalise(root).equals(Optional.of(root)) && !root.endsWith("/"))) {
            return; // a container gives a decoded, canonical context path without a trailing '/'
        }
        String what = preview(raw) + " below context " + preview(context);
        Optional<String> normal = RequestPath.normalise(raw);
        List<String> contextSegments = segments(root);
        List<String> pathSegments = normal.map(RequestPathFuzzTest::segments).orElse(List.of());
        boolean below = normal.isPresent() && pathSegments.size() >= contextSegments.size()
                && pathSegments.subList(0, contextSegments.size()).equals(contextSegments);
        assertThat(within.isPresent()).as("%s is placed: normal form %s", what, normal).isEqualTo(below);
        within.ifPresent(path -> {
            assertThat(segments(path)).as("segments of %s", what)
                    .isEqualTo(pathSegments.subList(contextSegments.size(), pathSegments.size()));
            assertThat(path).as("%s", what).startsWith("/");
            if (!path.equals("/")) {
                assertThat(path.endsWith("/")).as("trailing '/' of %s", what).isEqualTo(normal.get().endsWith("/"));
            }
        });
    }

    private static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    private static void assertIsANormalForm(String normal, String raw) {
        String what = preview(normal) + " from " + preview(raw);
        assertThat(RequestPath.normalise(normal)).as("normalising %s again", what).contains(normal);
        assertThat(normal).as("normal form %s", what).startsWith("/")
                .doesNotContain(";").doesNotContain("%").doesNotContain("\\")
                .doesNotContainPattern("[\\x00-\\x1f\\x7f]");
        String body = normal.length() > 1 && normal.endsWith("/") ? normal.substring(0, normal.length() - 1) : normal;
        if (!body.equals("/")) {
            for (String segment : body.substring(1).split("/", -1)) {
                assertThat(segment).as("a segment of %s", what).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
            }
        }
    }
}
