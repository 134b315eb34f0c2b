package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.testing.Http;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spellings of a protected path that reach the container's canonical context in another form than Gatecheck
 * received it: dot segments before or inside the context path, empty segments, absolute-form request targets.
 * Sent on a raw socket, since HTTP clients normalise them. Gatecheck must decide on the servlet the container
 * runs: the admin route answers (403 for a caller without the role), or the request is refused with a 4xx;
 * the servlet never runs and nothing answers 500. Each container runs these scenarios through a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContextPathScenarios {
    private final ServletContainer container;
    private final TestIssuer issuer = new TestIssuer();
    private final String user = "Bearer " + issuer.token("alice", "\"roles\":[\"user\"]");
    private DispatchApplication app;
    private ServletContainer.Deployment atApp;
    private ServletContainer.Deployment atAB;

    ContextPathScenarios(ServletContainer container) {
        this.container = container;
    }

    @BeforeAll
    void deploy() throws Exception {
        app = new DispatchApplication(issuer);
        atApp = container.deploy(app, "/app");
        atAB = container.deploy(app, "/a/b");
    }

    @AfterAll
    void undeploy() {
        atApp.close();
        atAB.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/./app/admin", "/x/../app/admin", "/app/./admin", "//app/admin", "/.//app/admin",
            "/%2e/app/admin", "http://127.0.0.1:{port}/app/admin", "http://127.0.0.1:{port}/./app/admin",
            "HTTP://127.0.0.1:{port}/x/../app/admin"})
    void deniesAdminRouteToUserWhateverTheSpellingOfContextApp(String spelling) {
        assertDeniedWithoutReachingAdmin(atApp, spelling, user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/./b/admin", "/./a/b/admin", "/a/b/./admin", "///a/b/admin", "/a//b/admin",
            "/a;x/b;y/admin", "/a/%62/admin", "http://127.0.0.1:{port}/a/./b/admin"})
    void deniesAdminRouteToUserWhateverTheSpellingOfContextAB(String spelling) {
        assertDeniedWithoutReachingAdmin(atAB, spelling, user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/./app/admin", "/./app/secret", "http://127.0.0.1:{port}/./app/admin"})
    void deniesAnonymousCallerWhateverTheSpellingOfContextApp(String spelling) {
        assertDeniedWithoutReachingAdmin(atApp, spelling);
    }

    @ParameterizedTest
    @ValueSource(strings = {"///a/b/admin", "///a/b/secret", "/a/./b/secret"})
    void deniesAnonymousCallerWhateverTheSpellingOfContextAB(String spelling) {
        assertDeniedWithoutReachingAdmin(atAB, spelling);
    }

    /** Tomcat serves such a directory through the welcome file {@code index.ext}, at its own path. */
    @ParameterizedTest
    @ValueSource(strings = {"/app/", "/app/other/", "/app/docs/./"})
    void servesADirectoryUnderTheRouteOfWhatTheContainerServes(String target) {
        Http.Reply reply = Http.raw(atApp.port(), target);

        assertThat(reply.status()).as("status of %s (%.120s)", target, reply.body()).isEqualTo(200);
        Map<String, String> served = reply.report();
        assertThat(served.get("route")).as("route decided for %s, served as %s", target, served.get("dispatched"))
                .isEqualTo(DispatchApplication.ROUTES.get(served.get("servlet")));
    }

    private void assertDeniedWithoutReachingAdmin(ServletContainer.Deployment deployment, String spelling,
                                                  String... authorization) {
        String target = spelling.replace("{port}", Integer.toString(deployment.port()));
        int before = app.servletRuns();

        Http.Reply reply = authorization.length == 0 ? Http.raw(deployment.port(), target)
                : Http.raw(deployment.port(), target, "Authorization", authorization[0]);

        assertThat(app.servletRuns()).as("%s reached servlet %s", target, reply.report().get("servlet"))
                .isEqualTo(before);
        assertThat(reply.status()).as("status of %s (%.120s)", target, reply.body()).isBetween(400, 499);
    }
}
