package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an application behind a programmatically registered {@link GatecheckFilter} sees, over real HTTP in a
 * real container. Each container runs these scenarios through a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilterScenarios {
    private static final String AUTHORIZATION = "Authorization";

    private final ServletContainer container;
    private final TestIssuer issuer = new TestIssuer();
    private final String alice = "Bearer " + issuer.token("alice", "\"org\":\"acme\",\"roles\":[\"user\"]");
    private final String root = "Bearer " + issuer.token("root", "\"roles\":[\"admin\"]");
    private TestApplication app;
    private ServletContainer.Deployment deployment;

    FilterScenarios(ServletContainer container) {
        this.container = container;
    }

    @BeforeAll
    void deploy() throws Exception {
        app = TestApplication.guardedBy(new GatecheckFilter(issuer.gatecheck()));
        deployment = container.deploy(app);
    }

    @AfterAll
    void undeploy() throws Exception {
        deployment.close();
    }

    private Http.Reply get(String path, String... headers) {
        return Http.get(deployment.uri(path), headers);
    }

    @Test
    void showsTheTokenIdentityAsPrincipal() {
        Map<String, String> seen = get("/api/users", AUTHORIZATION, alice).report();

        assertThat(seen).containsEntry("principal", "alice")
                .containsEntry("principal-is-identity", "true")
                .containsEntry("remote-user", "alice")
                .containsEntry("auth-type", "BEARER");
    }

    @Test
    void answersIsUserInRoleFromTheTokenRoles() {
        Map<String, String> seen = get("/api/users", AUTHORIZATION, alice).report();

        assertThat(seen).containsEntry("in-role-user", "true")
                .containsEntry("in-role-admin", "false")
                .containsEntry("in-role-any", "true");
    }

    @Test
    void showsIdentityHeadersDerivedFromTheToken() {
        Map<String, String> seen = get("/api/users", AUTHORIZATION, alice).report();

        assertThat(seen).containsEntry("x-user-id", "alice")
                .containsEntry("x-user-org", "acme")
                .containsEntry("x-user-roles", "user");
    }

    @Test
    void hidesSpoofedUserIdHeaderFromServlet() {
        Map<String, String> seen = get("/api/users", AUTHORIZATION, alice, "X-User-ID", "admin").report();

        assertThat(seen).containsEntry("x-user-id", "alice").containsEntry("x-user-id-all", "alice");
    }

    @Test
    void hidesUnderscoreSpellingOfSpoofedUserIdHeader() {
        Map<String, String> seen = get("/api/users", AUTHORIZATION, alice, "X_User_ID", "admin").report();

        assertThat(seen).containsEntry("x_user_id", "null").containsEntry("x_user_id-all", "");
        assertThat(seen.get("names").split(",")).doesNotContain("x_user_id");
    }

    @Test
    void hidesIdentityHeadersTheTokenDoesNotProvide() {
        Map<String, String> seen = get("/api/users", AUTHORIZATION, root, "X-User-Org", "acme").report();

        assertThat(seen).containsEntry("x-user-org", "null").containsEntry("x-user-org-all", "");
        assertThat(seen.get("names").split(",")).doesNotContain("x-user-org");
    }

    @Test
    void hidesSpoofedIdentityHeadersOnPublicRoute() {
        Map<String, String> seen = get("/health", "X-User-ID", "admin", "X-User-Roles", "admin").report();

        assertThat(seen).containsEntry("principal", "null")
                .containsEntry("x-user-id", "null")
                .containsEntry("x-user-roles", "null")
                .containsEntry("in-role-admin", "false");
    }

    @Test
    void hidesAuthorizationHeaderFromServlet() {
        Map<String, String> seen = get("/api/users", AUTHORIZATION, alice).report();

        assertThat(seen).containsEntry("authorization", "null").containsEntry("authorization-all", "");
        assertThat(seen.get("names").split(",")).doesNotContain("authorization");
    }

    @Test
    void listsExactlyTheHeadersTheServletCanRead() {
        Map<String, String> seen = get("/api/users", AUTHORIZATION, alice, "X-User-ID", "admin", "X_User_Roles", "admin",
                "X-Trace", "t-1").report();

        assertThat(seen.get("names").split(","))
                .contains("x-user-id", "x-user-org", "x-user-roles", "x-trace")
                .doesNotContain("authorization", "x_user_roles");
    }

    @Test
    void readsIntAndDateHeadersFromTheSameView() {
        String numeric = "Bearer " + issuer.token("42", "");
        Map<String, String> seen = get("/api/users", AUTHORIZATION, numeric, "X-Count", "7",
                "If-Modified-Since", "Sun, 29 Nov 2026 12:00:00 GMT").report();

        assertThat(seen).containsEntry("int-x-user-id", "42")
                .containsEntry("int-authorization", "-1")
                .containsEntry("date-authorization", "-1")
                .containsEntry("int-x-count", "7")
                .containsEntry("date-if-modified-since",
                        Long.toString(Instant.parse("2026-11-29T12:00:00Z").toEpochMilli()));
    }

    @Test
    void joinsListClaimsWithCommas() {
        String reader = "Bearer " + issuer.token("bob", "\"roles\":[\"reader\",\"writer\"]");

        String roles = get("/api/users", AUTHORIZATION, reader).report().get("x-user-roles");

        assertThat(Set.of(roles.split(","))).containsExactlyInAnyOrder("reader", "writer");
    }

    @Test
    void refusesATokenWhoseOrgHoldsALineBreakInsteadOfShowingIt() {
        String sneaky = "Bearer " + issuer.token("mallory", "\"org\":\"acme\\r\\nX-Admin: true\"");

        Http.Reply reply = get("/api/users", AUTHORIZATION, sneaky);

        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("{\"error\":\"invalid_token\",\"detail\":\"claim_invalid\"}");
    }

    @Test
    void deniesMissingTokenWithChallengeAndJsonBody() {
        Http.Reply reply = get("/api/users");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
        assertThat(reply.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(reply.header("Cache-Control")).contains("no-store");
        assertThat(reply.body()).startsWith("{\"error\":\"missing_authorization_header\",\"detail\":");
    }

    @Test
    void deniedRequestNeverReachesTheServlet() {
        int before = app.servletRuns();

        get("/api/users", AUTHORIZATION, "Bearer not.a.token");
        get("/admin/users", AUTHORIZATION, alice);

        assertThat(app.servletRuns()).isEqualTo(before);
    }

    @Test
    void deniesTokenSignedByAnotherKey() {
        String forged = "Bearer " + issuer.forgedToken("alice");

        Http.Reply reply = get("/api/users", AUTHORIZATION, forged);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer error=\"invalid_token\""));
        assertThat(reply.body()).contains("\"error\":\"invalid_token\"");
    }

    @Test
    void deniesTwoCredentialsAsInvalidRequest() {
        Http.Reply reply = get("/api/users", AUTHORIZATION, alice, AUTHORIZATION, root);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("\"error\":\"invalid_request\"");
    }

    @Test
    void deniesUserWithoutTheRouteRole() {
        Http.Reply reply = get("/admin/users", AUTHORIZATION, alice);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).contains("\"error\":\"forbidden\"");
        assertThat(reply.header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void allowsUserWithTheRouteRole() {
        Http.Reply reply = get("/admin/users", AUTHORIZATION, root);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("principal", "root").containsEntry("in-role-admin", "true");
    }

    @Test
    void servesPublicRouteWithoutToken() {
        Http.Reply reply = get("/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("principal", "null").containsEntry("auth-type", "null");
    }

    @Test
    void identifiesCallerWhoSendsTokenToPublicRoute() {
        assertThat(get("/health", AUTHORIZATION, alice).report()).containsEntry("principal", "alice");
    }

    @Test
    void letsCorsPreflightThroughWithoutToken() {
        Http.Reply reply = Http.send("OPTIONS", deployment.uri("/api/users"),
                "Origin", "https://app.example", "Access-Control-Request-Method", "DELETE");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("principal", "null");
    }

    @Test
    void authenticatesOptionsRequestThatIsNotAPreflight() {
        assertThat(Http.send("OPTIONS", deployment.uri("/api/users")).status()).isEqualTo(401);
    }

    @Test
    void appliesRoleRouteToPathWithParameters() {
        assertThat(get("/admin;x=1/users", AUTHORIZATION, alice).status()).isEqualTo(403);
    }

    @Test
    void appliesRoleRouteToPercentEncodedPath() {
        assertThat(get("/%61dmin/users", AUTHORIZATION, alice).status()).isEqualTo(403);
    }

    @Test
    void appliesRoleRouteToPathWithDotSegments() {
        assertThat(get("/health/../admin/users", AUTHORIZATION, alice).status()).isEqualTo(403);
    }

    @Test
    void appliesRoleRouteBehindContextPathWithParameters() {
        URI uri = URI.create(deployment.uri("/admin/users").toString()
                .replace(ServletContainer.CONTEXT_PATH + "/", ServletContainer.CONTEXT_PATH + ";x=1/"));

        assertThat(Http.get(uri, AUTHORIZATION, alice).status()).isEqualTo(403);
    }

    @Test
    void givesGatecheckTheRawRequest() {
        Map<String, String> raw = get("/raw/a%20b;p=1/c?x=%41&y", "X-Multi", "1", "x-multi", "2").report();

        assertThat(raw).containsEntry("method", "GET")
                .containsEntry("path", ServletContainer.CONTEXT_PATH + "/raw/a%20b;p=1/c")
                .containsEntry("context-path", ServletContainer.CONTEXT_PATH)
                .containsEntry("query", "x=%41&y")
                .containsEntry("x-multi", "1|2")
                .containsEntry("has-x-multi-name", "true")
                .containsEntry("peer", "127.0.0.1")
                .containsEntry("client-certificates", "0")
                .containsEntry("body", "absent");
    }

    @Test
    void forwardKeepsIdentityWithoutAuthenticatingAgain() {
        Http.Reply reply = get("/api/forward", AUTHORIZATION, alice, "X-User-ID", "admin");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("dispatcher", "FORWARD")
                .containsEntry("principal", "alice").containsEntry("x-user-id", "alice");
    }

    @Test
    void includeKeepsIdentityWithoutAuthenticatingAgain() {
        Http.Reply reply = get("/api/include", AUTHORIZATION, alice, "X-User-ID", "admin");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("dispatcher", "INCLUDE")
                .containsEntry("principal", "alice").containsEntry("x-user-id", "alice");
    }

    @Test
    void asyncDispatchKeepsIdentityWithoutAuthenticatingAgain() {
        Http.Reply reply = get("/api/async", AUTHORIZATION, alice, "X-User-ID", "admin");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("dispatcher", "ASYNC")
                .containsEntry("principal", "alice")
                .containsEntry("x-user-id", "alice")
                .containsEntry("authorization", "null");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"start", "start-given", "context"})
    void asyncContextHandsOutTheAuthenticatedRequest(String how) {
        Http.Reply reply = get("/api/async-report/" + how, AUTHORIZATION, alice, "X-User-ID", "admin");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).as("the request of the async context (%s)", how)
                .containsEntry("principal", "alice")
                .containsEntry("x-user-id", "alice")
                .containsEntry("authorization", "null");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"start", "start-given"})
    void asyncListenerEventsHandOutTheAuthenticatedRequest(String how) throws Exception {
        CompletableFuture<Map<String, String>> completed = app.nextCompletedAsync();

        assertThat(get("/api/async-report/" + how, AUTHORIZATION, alice, "X-User-ID", "admin").status()).isEqualTo(200);

        assertThat(completed.get(10, TimeUnit.SECONDS)).as("the request of the completion event (%s)", how)
                .containsEntry("principal", "alice")
                .containsEntry("x-user-id", "alice")
                .containsEntry("authorization", "null")
                .containsEntry("supplied-is-context-request", "true");
    }

    @Test
    void hidesClientTrailersNamedLikeHiddenHeaders() {
        String request = "POST " + ServletContainer.CONTEXT_PATH + "/api/trailers HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: " + alice + "\r\nTransfer-Encoding: chunked\r\nTE: trailers\r\n"
                + "Connection: close\r\n\r\n"
                + "5\r\nhello\r\n0\r\n"
                + "Authorization: " + root + "\r\nX-User-ID: admin\r\nx_user_roles: admin\r\nX-Trace: t-1\r\n\r\n";

        Http.Raw reply = Http.exchange(deployment.port(), request.getBytes(StandardCharsets.US_ASCII));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).as("trailers the servlet reads").containsEntry("trailer-names", "x-trace")
                .containsEntry("trailer-x-trace", "t-1");
    }

    @Test
    void errorPageSeesTheAuthenticatedRequest() {
        Http.Reply reply = get("/api/fail", AUTHORIZATION, alice, "X-User-ID", "admin");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.report()).containsEntry("dispatcher", "ERROR")
                .containsEntry("principal", "alice")
                .containsEntry("x-user-id", "alice")
                .containsEntry("authorization", "null");
    }
}
