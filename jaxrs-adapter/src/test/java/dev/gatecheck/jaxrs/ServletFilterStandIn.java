package dev.gatecheck.jaxrs;

import dev.gatecheck.AuthRequest;
import dev.gatecheck.Decision;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.HeaderChanges;
import dev.gatecheck.Rejection;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Plays the servlet adapter's part of the contract in front of a JAX-RS servlet: it authenticates with its own
 * engine, leaves the {@link Decision.Allow} under {@link Gatecheck#DECISION_ATTRIBUTE}, and passes on a request
 * whose hidden headers ({@code Authorization} included) are gone. A JAX-RS side that authenticated again would
 * find no credential.
 */
final class ServletFilterStandIn implements Filter {
    private final Gatecheck gatecheck;

    ServletFilterStandIn(Gatecheck gatecheck) {
        this.gatecheck = gatecheck;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        var auth = AuthRequest.builder(request.getMethod(),
                request.getRequestURI().substring(request.getContextPath().length()));
        if (request.getQueryString() != null) {
            auth.query(request.getQueryString());
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            Collections.list(request.getHeaders(name)).forEach(value -> auth.header(name, value));
        }
        Decision decision = gatecheck.authenticate(auth.build());
        if (decision instanceof Decision.Deny deny) {
            Rejection rejection = deny.rejection();
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(rejection.status());
            rejection.headers().forEach(response::setHeader);
            response.getOutputStream().write(rejection.body().getBytes(StandardCharsets.UTF_8));
            return;
        }
        Decision.Allow allow = (Decision.Allow) decision;
        request.setAttribute(Gatecheck.DECISION_ATTRIBUTE, allow);
        chain.doFilter(new Viewed(request, allow.headers()), res);
    }

    /** The request as Gatecheck lets the application see it. */
    private static final class Viewed extends HttpServletRequestWrapper {
        private final HeaderChanges changes;

        Viewed(HttpServletRequest request, HeaderChanges changes) {
            super(request);
            this.changes = changes;
        }

        @Override
        public String getHeader(String name) {
            return changes.valueOf(name).orElse(changes.hides(name) ? null : super.getHeader(name));
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (changes.valueOf(name).isPresent()) {
                return Collections.enumeration(List.of(changes.valueOf(name).get()));
            }
            return changes.hides(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!changes.hides(name)) {
                    names.add(name);
                }
            }
            names.addAll(changes.added().keySet());
            return Collections.enumeration(names);
        }
    }
}
