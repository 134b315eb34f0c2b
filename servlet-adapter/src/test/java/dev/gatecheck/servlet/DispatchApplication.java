package dev.gatecheck.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application with one servlet for each kind of servlet mapping, each guarded by a route of its own, and
 * {@link GatecheckFilter} in front of them all. Every servlet reports what the container dispatched it as and
 * the route Gatecheck decided on ({@link #report}), so a test can tell whether the two agree.
 */
final class DispatchApplication implements ServletContainerInitializer {
    /** Servlet name to its mapping. */
    static final Map<String, String> MAPPINGS = Map.of(
            "exact", "/exact",
            "prefix", "/prefix/*",
            "ext", "*.ext",
            "default", "/",
            "admin", "/admin/*",
            "secret", "/secret/*");

    /**
     * Servlet name to the route that guards it. Routes cannot name an extension, so {@code *.ext} and the default
     * servlet share the public route {@code rest} ({@code /*}).
     */
    static final Map<String, String> ROUTES = Map.of(
            "exact", "exact",
            "prefix", "prefix",
            "ext", "rest",
            "default", "rest",
            "admin", "admin",
            "secret", "secret");

    private final Gatecheck gatecheck;
    private final AtomicInteger runs = new AtomicInteger();

    DispatchApplication(TestIssuer issuer) {
        this.gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(TestIssuer.ISSUER).audiences(TestIssuer.AUDIENCE).jwks(issuer.jwks()))
                .route(new Route("exact", List.of("/exact"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .route(new Route("prefix", List.of("/prefix/*"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
                .route(new Route("secret", List.of("/secret/*"), Set.of(), AuthMode.DENY, Requirements.NONE))
                .route(new Route("rest", List.of("/*"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .build());
    }

    /** How many times a servlet of this application ran. */
    int servletRuns() {
        return runs.get();
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addFilter("gatecheck", new GatecheckFilter(gatecheck))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        MAPPINGS.forEach((name, pattern) -> context.addServlet(name, new MappedServlet()).addMapping(pattern));
    }

    /** Reports {@link #report} of every request. */
    private final class MappedServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            runs.incrementAndGet();
            StringBuilder body = new StringBuilder();
            report(req).forEach((k, v) -> body.append(k).append(": ").append(v).append('\n'));
            resp.setContentType("text/plain;charset=utf-8");
            resp.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The servlet that runs, how the container matched it, the path it dispatched, and the route Gatecheck decided. */
    static Map<String, String> report(HttpServletRequest req) {
        HttpServletMapping mapping = req.getHttpServletMapping();
        String decided = req.getAttribute(Gatecheck.DECISION_ATTRIBUTE) instanceof Decision.Allow allow ? allow.route()
                : "(no decision)";
        return Map.of(
                "servlet", mapping.getServletName(),
                "match", mapping.getMappingMatch() + " " + mapping.getPattern(),
                "dispatched", req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo()),
                "route", decided);
    }
}
