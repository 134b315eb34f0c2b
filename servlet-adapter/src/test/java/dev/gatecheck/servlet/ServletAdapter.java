package dev.gatecheck.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.testing.AdapterUnderTest;
import dev.gatecheck.testing.Seen;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servlet adapter on one {@link ServletContainer}, for the shared scenario table: {@link GatecheckFilter} in
 * front of everything, registered in code, and one servlet at {@code /} that reports what it sees of the request
 * through the Servlet API.
 */
final class ServletAdapter implements AdapterUnderTest {
    private final ServletContainer container;

    ServletAdapter(ServletContainer container) {
        this.container = container;
    }

    @Override
    public String toString() {
        return "servlet filter on " + container;
    }

    @Override
    public Deployment deploy(Gatecheck gatecheck) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ServletContainer.Deployment running = container.deploy(new ReportApplication(gatecheck, runs));
        return Deployment.of(running.uri(""), runs, running);
    }

    /** The filter, and the report servlet at {@code /}. */
    private record ReportApplication(Gatecheck gatecheck, AtomicInteger runs) implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            FilterRegistration.Dynamic filter = context.addFilter("gatecheck", new GatecheckFilter(gatecheck));
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            Servlets.add(context, "report", new HttpServlet() {
                @Override
                protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    byte[] body = req.getInputStream().readAllBytes();
                    runs.incrementAndGet();
                    resp.setContentType("text/plain;charset=utf-8");
                    resp.getOutputStream().write(Seen.report(new ServletApi(req), body).getBytes(StandardCharsets.UTF_8));
                }
            }, "/");
        }
    }

    /** The Servlet API's view of the caller. */
    private record ServletApi(HttpServletRequest request) implements Seen.Api {
        @Override
        public Principal principal() {
            return request.getUserPrincipal();
        }

        @Override
        public Optional<Identity> identity() {
            return request.getUserPrincipal() instanceof Identity identity ? Optional.of(identity) : Optional.empty();
        }

        @Override
        public String authType() {
            return request.getAuthType();
        }

        @Override
        public boolean isUserInRole(String role) {
            return request.isUserInRole(role);
        }

        @Override
        public List<String> headers(String name) {
            return Collections.list(request.getHeaders(name));
        }

        @Override
        public Collection<String> headerNames() {
            return Collections.list(request.getHeaderNames());
        }

        @Override
        public Map<String, String> more() {
            return Map.of("remote-user", String.valueOf(request.getRemoteUser()));
        }
    }
}
