package dev.gatecheck;

import static dev.gatecheck.testing.SpecFixture.allowed;
import static dev.gatecheck.testing.SpecFixture.denied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.testing.SpecFixture;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What counts as a CORS preflight under {@code gatecheck.preflight=skip}: exactly what a browser sends. Every other
 * {@code OPTIONS} request is authenticated like any request of its route ({@code /admin/*} needs role
 * {@code admin}, so without a valid credential it is refused).
 */
class CorsPreflightTest {
    private static final String ORIGIN = "Origin";
    private static final String METHOD = "Access-Control-Request-Method";
    private static final String WEBHOOK_SECRET = "whsec-for-the-preflight-tests-0123456789";

    private final Gatecheck gatecheck = SpecFixture.gatecheck(
            "gatecheck.token.sources", "header,query:access_token",
            "gatecheck.routes.admin.paths", "/admin/*",
            "gatecheck.routes.admin.roles", "admin",
            "gatecheck.routes.internal.paths", "/internal/*",
            "gatecheck.routes.internal.auth", "deny",
            "gatecheck.routes.hooks.paths", "/hooks/github",
            "gatecheck.routes.hooks.webhook", "github",
            "gatecheck.routes.hooks.secrets", WEBHOOK_SECRET);

    private static AuthRequest.Builder request(String method, String path, String... headers) {
        AuthRequest.Builder builder = AuthRequest.builder(method, path);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static AuthRequest options(String... headers) {
        return request("OPTIONS", "/admin/x", headers).build();
    }

    /** What a browser sends to {@code path} before a cross-origin {@code DELETE}. */
    private static AuthRequest.Builder browserTo(String path) {
        return request("OPTIONS", path, ORIGIN, "https://app.test", METHOD, "DELETE").header("Accept", "*/*")
                .header("Access-Control-Request-Headers", "content-type");
    }

    /** What a browser sends to {@code /admin/x} before a cross-origin {@code DELETE}, plus {@code more} headers. */
    private static AuthRequest browser(String... more) {
        AuthRequest.Builder builder = browserTo("/admin/x");
        for (int i = 0; i < more.length; i += 2) {
            builder.header(more[i], more[i + 1]);
        }
        return builder.build();
    }

    static Stream<Arguments> preflights() {
        return Stream.of(
                arguments("what a browser sends", browser()),
                arguments("a registered method other than GET/POST", options(ORIGIN, "https://app.test", METHOD, "PROPFIND")),
                arguments("Origin null (a sandboxed page)", options(ORIGIN, "null", METHOD, "PUT")),
                arguments("Content-Length: 0", browser("Content-Length", "0")),
                arguments("a query without a token", request("OPTIONS", "/admin/x", ORIGIN, "https://app.test",
                        METHOD, "GET").query("page=2").build()),
                arguments("an empty buffered body", request("OPTIONS", "/admin/x", ORIGIN, "https://app.test",
                        METHOD, "GET").body(new byte[0]).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preflights")
    void skipsAPreflightAsABrowserSendsIt(String what, AuthRequest request) {
        Decision.Allow allow = allowed(gatecheck.authenticate(request));

        assertThat(allow.identity()).as("%s: a skipped preflight has no caller", what).isEmpty();
    }

    static Stream<Arguments> notPreflights() {
        return Stream.of(
                arguments("no Origin", options(METHOD, "DELETE")),
                arguments("an empty Origin", options(ORIGIN, "", METHOD, "DELETE")),
                arguments("a blank Origin", options(ORIGIN, " ", METHOD, "DELETE")),
                arguments("two Origins", options(ORIGIN, "https://a.test", ORIGIN, "https://b.test", METHOD, "DELETE")),
                arguments("no Access-Control-Request-Method", options(ORIGIN, "https://app.test")),
                arguments("an empty Access-Control-Request-Method", options(ORIGIN, "https://app.test", METHOD, "")),
                arguments("a method that is not registered", options(ORIGIN, "https://app.test", METHOD, "x")),
                arguments("a method in lower case", options(ORIGIN, "https://app.test", METHOD, "delete")),
                arguments("a list of methods", options(ORIGIN, "https://app.test", METHOD, "GET, POST")),
                arguments("a method with spaces", options(ORIGIN, "https://app.test", METHOD, " GET")),
                arguments("CONNECT, which Fetch never sends", options(ORIGIN, "https://app.test", METHOD, "CONNECT")),
                arguments("TRACE, which Fetch never sends", options(ORIGIN, "https://app.test", METHOD, "TRACE")),
                arguments("two Access-Control-Request-Methods",
                        options(ORIGIN, "https://app.test", METHOD, "GET", METHOD, "GET")),
                arguments("another method than OPTIONS",
                        request("POST", "/admin/x", ORIGIN, "https://app.test", METHOD, "POST").build()),
                arguments("options in lower case",
                        request("options", "/admin/x", ORIGIN, "https://app.test", METHOD, "GET").build()),
                arguments("a Content-Length", browser("Content-Length", "16")),
                arguments("a Transfer-Encoding", browser("Transfer-Encoding", "chunked")),
                arguments("a buffered body", browserTo("/admin/x").body(bytes("0123456789abcdef")).build()),
                arguments("an Authorization header", browser("Authorization", "Bearer junk")),
                arguments("another Authorization scheme", browser("Authorization", "Basic YWxpY2U6eA==")),
                arguments("a Cookie", browser("Cookie", "session=1")),
                arguments("a DPoP proof", browser("DPoP", "junk")),
                arguments("a token in the configured query source",
                        browserTo("/admin/x").query("access_token=junk").build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notPreflights")
    void authenticatesAnOptionsRequestThatIsNotExactlyAPreflight(String what, AuthRequest request) {
        assertThat(gatecheck.authenticate(request))
                .as("%s: not a preflight, so /admin/x needs a valid token with role admin", what)
                .isInstanceOf(Decision.Deny.class);
    }

    @Test
    void aSkippedPreflightHidesClientIdentityHeaders() {
        Decision.Allow allow = allowed(gatecheck.authenticate(browser("X-User-ID", "admin", "X-User-Roles", "admin")));

        assertThat(allow.headers().hides("X-User-ID")).as("client X-User-ID hidden").isTrue();
        assertThat(allow.headers().hides("X-User-Roles")).as("client X-User-Roles hidden").isTrue();
        assertThat(allow.headers().added()).as("nothing shown in their place").isEmpty();
    }

    @Test
    void aDenyRouteRefusesAPreflight() {
        denied(gatecheck.authenticate(browserTo("/internal/x").build()), 403, "forbidden");
    }

    @Test
    void aPreflightWithATokenIsAuthenticatedAsItsCaller() {
        AuthRequest withToken = browserTo("/admin/x").bearer(SpecFixture.token("alice", "\"roles\":[\"admin\"]")).build();

        Decision.Allow allow = allowed(gatecheck.authenticate(withToken));

        assertThat(allow.identity()).get().extracting(Identity::subject).isEqualTo("alice");
    }

    @Test
    void aPreflightWithABodyOnAWebhookRouteHasItsSignatureChecked() {
        AuthRequest unsigned = browserTo("/hooks/github").body(bytes("{\"action\":\"deleted\"}")).build();

        denied(gatecheck.authenticate(unsigned), 401, "invalid_signature");
    }

    @Test
    void aPreflightOnAWebhookRouteIsSkippedWithoutABody() {
        AuthRequest preflight = browserTo("/hooks/github").build();

        assertThat(gatecheck.exchange(preflight).bodyLimit()).as("the adapter still reads what arrives, to see it is empty")
                .isPresent();
        assertThat(allowed(gatecheck.authenticate(browserTo("/hooks/github").body(new byte[0]).build())).identity())
                .as("no webhook identity on a skipped preflight").isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
