package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.testing.Http;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What only the Servlet API shows of a request behind a programmatically registered {@link GatecheckFilter}, over
 * real HTTP in a real container: the int and date header accessors, the context path, the raw request Gatecheck is
 * given, forward, include, async and error dispatches, trailers. What every adapter must do is the shared table
 * ({@link dev.gatecheck.testing.AdapterScenarios}, run by {@link JettyAdapterTest} and {@link TomcatAdapterTest}).
 * Each container runs these scenarios through a subclass.
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

        Http.Reply reply = Http.exchange(deployment.port(), request.getBytes(StandardCharsets.US_ASCII));

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
