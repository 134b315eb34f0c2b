package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.testing.Http;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No accessor of the request behind the filter shows a client's copy of an identity header or
 * {@code Authorization}: {@link RequestWalk} calls every method of the request (and of its async context) the
 * application receives in every kind of dispatch, for a multipart request whose headers and trailers carry
 * spoofed identity headers ({@code X-User-ID}, {@code X-User-Org}, {@code X-User-Roles}, {@code x_user_id}) and
 * whose {@code Authorization} carries the token. Each container runs these scenarios through a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessorScenarios {
    private static final String BOUNDARY = "walk-boundary";

    private final ServletContainer container;
    private final TestIssuer issuer = new TestIssuer();
    /** alice's token, of role user. */
    final String token = issuer.token("alice", "\"org\":\"acme\",\"roles\":[\"user\"]");
    private WalkApplication app;
    /** The application of {@link WalkApplication}, behind the filter. */
    ServletContainer.Deployment deployment;

    AccessorScenarios(ServletContainer container) {
        this.container = container;
    }

    @BeforeAll
    void deploy() throws Exception {
        app = new WalkApplication(new GatecheckFilter(issuer.gatecheck()));
        deployment = container.deploy(app);
    }

    @AfterAll
    void undeploy() {
        deployment.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/walk/plain, 200, REQUEST",
            "/api/forward, 200, FORWARD",
            "/api/include, 200, INCLUDE",
            "/api/async-dispatch, 200, ASYNC",
            "/api/fail, 500, ERROR",
            "/api/walk/start?async=start, 200, REQUEST",
            "/api/walk/start-given?async=start-given, 200, REQUEST"})
    void noAccessorShowsAClientCopyOfAnIdentityHeaderOrAuthorization(String target, int status, String dispatcher) {
        Map<String, String> seen = walk(target, "text/plain", "note-content", status, dispatcher);

        // Jetty discards a body nobody read before it sends an error page, and the trailers with it.
        boolean bodyRead = seen.get(walked(target) + "getInputStream()").contains("note-content");
        assertThat(bodyRead || dispatcher.equals("ERROR")).as("the walk read the body").isTrue();
        assertThat(seen.get(walked(target) + "getTrailerFields()")).as("the trailers after the body")
                .containsIgnoringCase(bodyRead ? "x-trace" : "");
    }

    /** Jetty sends no error page for a multipart request, and reads no trailers after multipart parts. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/walk/plain, REQUEST",
            "/api/forward, FORWARD",
            "/api/include, INCLUDE",
            "/api/async-dispatch, ASYNC",
            "/api/walk/start?async=start, REQUEST",
            "/api/walk/start-given?async=start-given, REQUEST"})
    void noPartShowsAClientCopyOfAnIdentityHeaderOrAuthorization(String target, String dispatcher) {
        Map<String, String> seen = walk(target, "multipart/form-data; boundary=" + BOUNDARY, MULTIPART, 200, dispatcher);

        assertThat(seen.get(walked(target) + "getParts()")).as("the parts").contains("file-content", "note-content");
    }

    /** The walk of a request with {@code body}, checked for the identity and for any client copy. */
    private Map<String, String> walk(String target, String contentType, String body, int status, String dispatcher) {
        Http.Reply reply = send(target, contentType, body);

        assertThat(reply.status()).as("status of %s (%.200s)", target, reply.body()).isEqualTo(status);
        Map<String, String> seen = reply.report();
        String walked = walked(target);
        assertThat(seen).as("what the application saw of %s", target)
                .containsEntry(walked + "getDispatcherType()", dispatcher)
                .containsEntry(walked + "getHeader(X-User-ID)", "alice")
                .containsEntry(walked + "getHeader(x_user_id)", "null")
                .containsEntry(walked + "getHeader(Authorization)", "null")
                .containsEntry(walked + "isUserInRole(spoof-role)", "false");
        assertThat(seen.get(walked + "getUserPrincipal()")).startsWith("alice ");
        assertNoClientCopy(seen, target);
        return seen;
    }

    /** Where the walk of the request is: the request itself, or the one its async context hands out. */
    private static String walked(String target) {
        return target.contains("async=") ? "async.getRequest()." : "";
    }

    @Test
    void asyncListenersSeeNoClientCopy() throws Exception {
        CompletableFuture<Map<String, String>> walks = app.nextListenerWalks();

        assertThat(send("/api/walk/listen?async=start", "text/plain", "note-content").status()).isEqualTo(200);

        Map<String, String> heard = walks.get(10, TimeUnit.SECONDS);
        assertThat(heard).containsEntry("listener.context.async.getRequest().getHeader(X-User-ID)", "alice")
                .containsEntry("listener-given.supplied.getHeader(X-User-ID)", "alice");
        assertNoClientCopy(heard, "the completion events");
    }

    @Test
    void asyncContextIsTheOneStarted() {
        Map<String, String> seen = send("/api/walk/start?async=start", "text/plain", "note-content").report();

        assertThat(seen).containsEntry("getAsyncContext() is the started one", "true");
    }

    /** Fails naming every accessor whose value holds a spoofed value or the token (its signature, say). */
    void assertNoClientCopy(Map<String, String> seen, String where) {
        String signature = token.substring(token.lastIndexOf('.') + 1);
        List<String> shown = seen.entrySet().stream()
                .filter(e -> e.getValue().contains("spoof") || e.getValue().contains(signature))
                .map(e -> e.getKey() + " = " + e.getValue()).toList();
        assertThat(shown).as("accessors of %s that show what the client sent", where).isEmpty();
    }

    private static final String MULTIPART = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n"
            + "\r\nnote-content\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\""
            + "\r\nContent-Type: text/plain\r\n\r\nfile-content\r\n--" + BOUNDARY + "--\r\n";

    /** A POST of {@code body} in one chunk, spoofed identity headers in its headers and trailers. */
    private Http.Reply send(String target, String contentType, String body) {
        String request = "POST " + ServletContainer.CONTEXT_PATH + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "X-User-ID: spoof-id\r\nX-User-Org: spoof-org\r\nX-User-Roles: spoof-role\r\n"
                + "x_user_id: spoof-underscore\r\nContent-Type: " + contentType + "\r\n"
                + "Transfer-Encoding: chunked\r\nTE: trailers\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n"
                + "X-User-ID: spoof-trailer\r\nAuthorization: Bearer spoof-trailer-token\r\n"
                + "x_user_roles: spoof-trailer\r\nX-Trace: t-1\r\n\r\n";
        return Http.exchange(deployment.port(), request.getBytes(StandardCharsets.US_ASCII));
    }
}
