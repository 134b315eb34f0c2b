package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test of the path Gatecheck decides on against the servlet the container runs. For every
 * spelling of a path to each kind of servlet mapping ({@link PathSpellings}), sent as it is on a socket, either
 * the servlet that ran is the one guarded by the route Gatecheck decided ({@link DispatchApplication#ROUTES}),
 * or the request was refused (a 3xx or 4xx from Gatecheck or the container) and no servlet ran. Each container
 * runs these scenarios through a subclass; one deployment per context path.
 */
abstract class PathDifferentialScenarios {
    /** One path below the context path for each servlet mapping. */
    static final List<String> PATHS = List.of(
            "/exact", "/prefix/a", "/docs/a.ext", "/other/b", "/admin/x", "/secret/x");

    private final ServletContainer container;
    private final TestIssuer issuer = new TestIssuer();
    private final String admin = "Bearer " + issuer.token("root", "\"roles\":[\"admin\"]");

    PathDifferentialScenarios(ServletContainer container) {
        this.container = container;
    }

    @ParameterizedTest(name = "context path \"{0}\"")
    @ValueSource(strings = {"", "/app", "/a/b"})
    void runsTheServletOfTheRouteGatecheckDecidedOrNone(String contextPath) throws Exception {
        DispatchApplication app = new DispatchApplication(issuer);
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int sent = 0;
        try (ServletContainer.Deployment deployment = container.deploy(app, contextPath)) {
            String authority = "127.0.0.1:" + deployment.port();
            for (String path : PATHS) {
                for (String spelling : PathSpellings.of(contextPath, path)) {
                    String target = spelling.replace(PathSpellings.AUTHORITY, authority);
                    int before = app.servletRuns();
                    Http.Reply reply = Http.raw(deployment.port(), target, "Authorization", admin);
                    boolean ran = app.servletRuns() != before;
                    String outcome = outcome(reply, ran);
                    outcomes.merge(outcome, 1, Integer::sum);
                    disagreement(reply, ran).ifPresent(why -> disagreements.add(container
                            + ", context \"" + contextPath + "\", " + target + ": " + why));
                    sent++;
                }
            }
        }
        // The suite's size and what each container made of it, for the record.
        System.out.printf("%s, context \"%s\": %d spellings: %s%n", container, contextPath, sent, outcomes);
        assertThat(disagreements).as("requests where the container ran another servlet than Gatecheck decided on")
                .isEmpty();
    }

    private static Optional<String> disagreement(Http.Reply reply, boolean ran) {
        Map<String, String> report = reply.report();
        if (ran) {
            String servlet = report.get("servlet");
            String expected = DispatchApplication.ROUTES.get(servlet);
            return expected != null && expected.equals(report.get("route")) && reply.status() == 200
                    ? Optional.empty()
                    : Optional.of("servlet " + servlet + " (" + report.get("match") + ", dispatched "
                            + report.get("dispatched") + ") ran with status " + reply.status()
                            + ", but Gatecheck decided on route " + report.get("route"));
        }
        return reply.status() >= 300 && reply.status() < 500 ? Optional.empty()
                : Optional.of("no servlet ran, status " + reply.status());
    }

    private static String outcome(Http.Reply reply, boolean ran) {
        if (ran) {
            return "servlet " + reply.report().get("servlet");
        }
        return (reply.body().startsWith("{\"error\"") ? "Gatecheck " : "container ") + reply.status();
    }
}
