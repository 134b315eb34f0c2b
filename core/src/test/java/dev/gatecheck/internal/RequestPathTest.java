package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RequestPath#normalise}: every spelling of a path resolves to the one the container will serve, and
 * ambiguous spellings are refused rather than guessed.
 */
class RequestPathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/admin, /admin",
            "/api/../admin, /admin",
            "/api/v1/../../admin, /admin",
            "/admin;x, /admin",
            "/admin;jsessionid=1/x, /admin/x",
            "/api;a=b/users;c=d/7, /api/users/7",
            "/;x/admin, /admin",
            "//admin, /admin",
            "/api//users///7, /api/users/7",
            "/./admin, /admin",
            "/admin/., /admin/",
            "/admin/x/.., /admin/",
            "/public/..;/admin, /admin",
            "/public/..;x=y/admin, /admin",
            "/api/%2e%2e/admin, /admin",
            "/api/%2E%2E/admin, /admin",
            "/api/.%2e/admin, /admin",
            "/%2e/admin, /admin",
            "/adm%69n, /admin",
            "/caf%C3%A9, /café",
            "/café, /café",
            "/a%20b, /a b",
            "/ADMIN, /ADMIN",
            "/Admin/Users, /Admin/Users",
            "/, /",
            "'', /",
            "/admin/, /admin/",
            "/admin//, /admin/",
            "/admin/x/../, /admin/",
            "/admin/./, /admin/",
            "/admin/%2e, /admin/",
            "/admin/x/..;p, /admin/",
            "/admin/.., /"
    })
    void normalises(String raw, String expected) {
        assertThat(RequestPath.normalise(raw)).as("normal form of '%s'", raw).contains(expected);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
            "/a/%2F/b",          // encoded slash: ambiguous between containers
            "/a%2fb",
            "/a/%5C/b",          // encoded backslash
            "/a\\b",             // raw backslash
            "/a/%25/b",          // encoded percent: double decoding
            "/a%252e%252e/b",
            "/a/%3B/b",          // encoded semicolon
            "/a/%00/b",          // NUL
            "/a/%0D%0A/b",       // CR LF
            "/a/%09/b",          // tab
            "/a/%7F",            // DEL
            "/a\u0001b",         // raw control character
            "/a/%C0%AF/b",       // overlong UTF-8 for /
            "/a/%C0%AE%C0%AE/b", // overlong UTF-8 for .
            "/a/%FF",            // not UTF-8
            "/a/%E2%82",         // truncated UTF-8 sequence
            "/a/%",              // truncated escape
            "/a/%2",
            "/a/%zz",
            "/..",               // above the root
            "/../admin",
            "/a/../..",
            "/a/../../admin",
            "/%2e%2e/admin",
            "/..;/admin",
            "admin",             // not absolute
            "*",
            "http://host/admin"
    })
    void refuses(String raw) {
        assertThat(RequestPath.normalise(raw)).as("'%s' must be refused", raw).isEmpty();
    }

    /** RFC 3986 §2.1: an escape is {@code %} and two ASCII hex digits, not Arabic-Indic or fullwidth ones. */
    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
            "/adm%\u0666\u0669n",             // Arabic-Indic 6 and 9: not %69, 'i'
            "/public/%\u0662e%\u0662e/admin", // Arabic-Indic 2: not %2e%2e, '..'
            "/adm%6\uFF19n",                   // fullwidth 9
            "/adm%\uFF16\uFF19n"
    })
    void refusesEscapesWithNonAsciiHexDigits(String raw) {
        assertThat(RequestPath.normalise(raw)).as("'%s' must be refused", raw).isEmpty();
    }

    @Test
    void keepsCaseSoUpperCaseIsADifferentPath() {
        assertThat(RequestPath.normalise("/ADMIN")).isNotEqualTo(RequestPath.normalise("/admin"));
    }

    /** Random mixes of segments, dot segments, empty segments and path parameters. */
    static Stream<String> generatedPaths() {
        Random random = new Random(20261129);
        String[] parts = {"a", "b", "api", ".", "..", "", "x;y=1", "%2e", "%41", "..;", "c%20d"};
        return IntStream.range(0, 300).mapToObj(i -> {
            StringBuilder path = new StringBuilder();
            int n = 1 + random.nextInt(7);
            for (int s = 0; s < n; s++) {
                path.append('/').append(parts[random.nextInt(parts.length)]);
            }
            return path.toString();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedPaths")
    void normalFormIsStableAndFreeOfDotEmptyAndParameterSegments(String raw) {
        RequestPath.normalise(raw).ifPresent(normal -> {
            assertThat(RequestPath.normalise(normal)).as("normalising '%s' again", normal).contains(normal);
            String body = normal.endsWith("/") && normal.length() > 1 ? normal.substring(0, normal.length() - 1) : normal;
            if (!body.equals("/")) {
                assertThat(body.substring(1).split("/", -1)).as("segments of '%s' from '%s'", normal, raw)
                        .allSatisfy(segment -> {
                            assertThat(segment).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
                            assertThat(segment).doesNotContain(";");
                        });
            }
        });
    }

    /** Random paths over plain characters and every character the normal form cares about, fixed seed. */
    static Stream<String> randomPaths() {
        Random random = new Random(3986);
        String chars = "/////aab.;%2e\\\u00e9\u0001\u007f";
        return IntStream.range(0, 2000).mapToObj(n -> {
            StringBuilder path = new StringBuilder(random.nextInt(8) == 0 ? "" : "/");
            for (int i = random.nextInt(12); i > 0; i--) {
                path.append(chars.charAt(random.nextInt(chars.length())));
            }
            return path.toString();
        });
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("randomPaths")
    void theFastPathForPlainPathsAgreesWithTheFullResolution(String raw) {
        assertThat(RequestPath.normalise(raw)).as("normalise('%s')", raw).isEqualTo(RequestPath.resolve(raw));
        if (RequestPath.isPlain(raw)) {
            assertThat(RequestPath.resolve(raw)).as("'%s' is its own normal form", raw).contains(raw);
        }
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource({
            "/app/api/users, /app, /api/users",
            "/api/users, '', /api/users",
            "/app/admin;x=1/%61, /app, /admin/a",
            "/app, /app, /",
            "/app/, /app, /",
            "/app;jsessionid=1/api, /app, /api",
            "/%61pp/admin, /app, /admin",
            "/shop/v2/admin, /shop/v2, /admin",
            "/./app/admin, /app, /admin",
            "/a/./b/admin, /a/b, /admin",
            "///a/b/admin, /a/b, /admin",
            "/app/x/../admin, /app, /admin",
            "/api/users, /, /api/users"
    })
    void resolvesTheWholePathThenDropsTheContextPath(String raw, String context, String expected) {
        assertThat(RequestPath.within(raw, context)).as("%s in context %s", raw, context).contains(expected);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
            "/apps/admin, /app",
            "/other/admin, /app",
            "/app/../admin, /app",
            "/a/c/admin, /a/b",
            "/, /app"
    })
    void refusesAPathWhoseNormalFormIsNotBelowTheContext(String raw, String context) {
        assertThat(RequestPath.within(raw, context)).as("%s in context %s", raw, context).isEmpty();
    }

    @ParameterizedTest(name = "{0} in {1}, dispatched as {2}")
    @CsvSource({
            "/app/prefix/a, /app, /prefix/a",
            "/app/prefix/a/.., /app, /prefix",
            "/app/prefix/a/.., /app, /prefix/",
            "/app/prefix/a/., /app, /prefix/a/",
            "/app/prefix/a/, /app, /prefix/a",
            "/app/, /app, /",
            "/%61pp/./admin;x, /app, /admin"
    })
    void decidesOnThePathTheContainerDispatchesWhenItDiffersAtMostByATrailingSlash(String raw, String context,
                                                                                   String dispatched) {
        assertThat(RequestPath.within(raw, context, Optional.of(dispatched)))
                .as("%s in context %s dispatched as %s", raw, context, dispatched).contains(dispatched);
    }

    @ParameterizedTest(name = "{0} in {1}, dispatched as {2}")
    @CsvSource({"/app/docs/, /app, /docs/index.jsp", "/app/, /app, /index.html", "/app/docs/., /app, /docs/index.jsp"})
    void decidesOnTheWelcomeFileTheContainerServesADirectoryWith(String raw, String context, String dispatched) {
        assertThat(RequestPath.within(raw, context, Optional.of(dispatched)))
                .as("%s in context %s dispatched as %s", raw, context, dispatched).contains(dispatched);
    }

    @Test
    void takesTheEmptyDispatchedPathForTheContextRoot() {
        assertThat(RequestPath.within("/", "", Optional.of(""))).contains("/");
    }

    @ParameterizedTest(name = "{0} in {1}, dispatched as {2}")
    @CsvSource({
            "/app/secret//../prefix/a, /app, /secret/prefix/a",
            "/app/secret/%2e%2e/prefix/a, /app, /secret/../prefix/a",
            "/app/admin, /app, /Admin",
            "/app/admin, /app, /admin/x",
            "/app/docs, /app, /docs/index.jsp",
            "/app/docs/, /app, /docs/a/index.jsp",
            "/admin, '', /"
    })
    void refusesAPathTheContainerDispatchesElsewhere(String raw, String context, String dispatched) {
        assertThat(RequestPath.within(raw, context, Optional.of(dispatched)))
                .as("%s in context %s dispatched as %s", raw, context, dispatched).isEmpty();
    }

    @Test
    void decidesOnItsOwnNormalFormWhenTheDispatchedPathIsUnknown() {
        assertThat(RequestPath.within("/app/secret//../prefix/a", "/app", Optional.empty())).contains("/prefix/a");
    }
}
