package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CORS preflights through the filter, to servlets that override {@code service()} and so run their own code for
 * {@code OPTIONS}: only what a browser sends as a preflight passes without authentication, never on a {@code deny}
 * route; an {@code OPTIONS} request with a body or a credential is authenticated like any other. {@code /admin/*}
 * needs role {@code admin}, {@code /admin/reset} is denied, {@code /hooks/github} is GitHub-signed, other paths
 * need a token. Each container runs these through a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PreflightScenarios {
    private static final String[] BROWSER = {"Origin", "https://app.example", "Access-Control-Request-Method", "DELETE",
        "Access-Control-Request-Headers", "content-type"};
    private static final byte[] SIXTEEN_BYTES = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final ServletContainer container;
    private final TestIssuer issuer = new TestIssuer();
    private TestApplication app;
    private ServletContainer.Deployment deployment;

    PreflightScenarios(ServletContainer container) {
        this.container = container;
    }

    @BeforeAll
    void deploy() throws Exception {
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(TestIssuer.ISSUER).audiences(TestIssuer.AUDIENCE).jwks(issuer.jwks()))
                .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
                .route(new Route("reset", List.of("/admin/reset"), Set.of(), AuthMode.DENY, Requirements.NONE))
                .route(Route.webhook("github", List.of("/hooks/github"),
                        WebhookSpec.of("github", "a-github-secret-of-more-than-32-bytes")))
                .build());
        app = TestApplication.guardedBy(new GatecheckFilter(gatecheck));
        deployment = container.deploy(app);
    }

    @AfterAll
    void undeploy() {
        deployment.close();
    }

    private Http.Reply options(String path, String... headers) {
        return Http.send("OPTIONS", deployment.uri(path), headers);
    }

    /** {@code OPTIONS} with {@code body}, sent so that a refusal never races the container's close. */
    private Http.Sent optionsWithBody(String path, boolean chunked, String... headers) throws IOException {
        return Http.sendExpectingContinue("OPTIONS", deployment.uri(path), SIXTEEN_BYTES, chunked, headers);
    }

    private static String[] browserAnd(String... more) {
        String[] headers = java.util.Arrays.copyOf(BROWSER, BROWSER.length + more.length);
        System.arraycopy(more, 0, headers, BROWSER.length, more.length);
        return headers;
    }

    @Test
    void letsABrowserPreflightReachTheServletAnonymously() {
        Http.Reply reply = options("/admin/users", browserAnd("X-User-ID", "admin", "X-User-Roles", "admin"));

        assertThat(reply.status()).as("a preflight is not authenticated").isEqualTo(200);
        assertThat(reply.report()).as("what the servlet sees of a skipped preflight")
                .containsEntry("principal", "null")
                .containsEntry("in-role-admin", "false")
                .containsEntry("x-user-id", "null")
                .containsEntry("x-user-roles", "null");
    }

    @Test
    void refusesAPreflightToADenyRoute() {
        int before = app.servletRuns();

        Http.Reply reply = options("/admin/reset", BROWSER);

        assertThat(reply.status()).as("a deny route wins over the preflight skip").isEqualTo(403);
        assertThat(reply.body()).contains("\"error\":\"forbidden\"");
        assertThat(app.servletRuns()).as("the servlet never ran").isEqualTo(before);
    }

    @Test
    void authenticatesAnOptionsRequestWithABody() throws IOException {
        int before = app.servletRuns();

        Http.Sent sent = optionsWithBody("/hooks/other", false, BROWSER);

        assertThat(sent.status()).as("a body makes it an ordinary OPTIONS request").isEqualTo(401);
        assertThat(sent.body()).contains("\"error\":\"missing_authorization_header\"");
        assertThat(app.servletRuns()).as("the servlet never read the body").isEqualTo(before);
    }

    @Test
    void authenticatesAnOptionsRequestWithAChunkedBody() throws IOException {
        int before = app.servletRuns();

        Http.Sent sent = optionsWithBody("/hooks/other", true, BROWSER);

        assertThat(sent.status()).as("Transfer-Encoding makes it an ordinary OPTIONS request").isEqualTo(401);
        assertThat(app.servletRuns()).as("the servlet never read the body").isEqualTo(before);
    }

    @Test
    void checksTheAuthorizationHeaderOfAnOptionsRequest() {
        Http.Reply junk = options("/admin/users", browserAnd("Authorization", "Bearer junk"));
        Http.Reply admin = options("/admin/users", browserAnd("Authorization",
                "Bearer " + issuer.token("root", "\"roles\":[\"admin\"]")));

        assertThat(junk.status()).as("a credential on an OPTIONS request is checked").isEqualTo(401);
        assertThat(junk.body()).contains("\"error\":\"invalid_token\"");
        assertThat(admin.report()).as("and a valid one names the caller").containsEntry("principal", "root");
    }

    @Test
    void refusesTheRequestOfTheIssue() throws IOException {
        int before = app.servletRuns();

        Http.Sent sent = optionsWithBody("/admin/users", false, "Origin", "x", "Access-Control-Request-Method", "x",
                "Authorization", "Bearer junk");

        assertThat(sent.status()).as("Origin x, method x, a junk token and a body are no preflight").isEqualTo(401);
        assertThat(sent.body()).contains("\"error\":\"invalid_token\"");
        assertThat(app.servletRuns()).isEqualTo(before);
    }

    @Test
    void authenticatesAnOptionsRequestWithEmptyPreflightHeaders() {
        Http.Reply reply = options("/admin/users", "Origin", "", "Access-Control-Request-Method", "");

        assertThat(reply.status()).as("empty Origin and Access-Control-Request-Method are no preflight").isEqualTo(401);
    }

    @Test
    void authenticatesAnOptionsRequestWithACookie() {
        assertThat(options("/admin/users", browserAnd("Cookie", "session=1")).status()).isEqualTo(401);
    }

    @Test
    void checksTheSignatureOfAnOptionsRequestWithABodyOnAWebhookRoute() throws IOException {
        int before = app.servletRuns();

        Http.Sent sent = optionsWithBody("/hooks/github", false, BROWSER);

        assertThat(sent.status()).as("an unsigned body never reaches the webhook servlet").isEqualTo(401);
        assertThat(sent.body()).contains("\"error\":\"invalid_signature\"");
        assertThat(app.servletRuns()).isEqualTo(before);
    }

    @Test
    void letsAPreflightToAWebhookRouteThroughWithoutABody() {
        Map<String, String> seen = options("/hooks/github", BROWSER).report();

        assertThat(seen).containsEntry("principal", "null").containsEntry("body-bytes", "0");
    }
}
