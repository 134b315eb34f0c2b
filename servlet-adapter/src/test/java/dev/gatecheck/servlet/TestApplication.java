package dev.gatecheck.servlet;

import dev.gatecheck.auth.Identity;
import dev.gatecheck.testing.Bytes;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The application under test, registered through the standard {@link ServletContext} API the way a user
 * registers the filter in code. Its servlets report what they see of the request ({@link Report}).
 *
 * <ul>
 *   <li>{@code /api/*}, {@code /admin/*}, {@code /health}, {@code /unguarded}: the report</li>
 *   <li>{@code /raw/*}: what Gatecheck is given of the request ({@link RawView})</li>
 *   <li>{@code /hooks/*}: the parameters, then the body's size and SHA-256 as read from the input stream</li>
 *   <li>{@code /api/forward}, {@code /api/include}: forward to / include {@code /admin/whoami}</li>
 *   <li>{@code /api/async}: starts async and dispatches to {@code /admin/whoami}</li>
 *   <li>{@code /api/async-report/*}: starts async ({@code start}, {@code start-given}: with the request and
 *       response it got) and reports the request of the async context ({@code context}: from
 *       {@code getAsyncContext()}); a listener reports the request of its completion event
 *       ({@link #completedAsync})</li>
 *   <li>{@code /api/trailers}: reads the body, then reports the trailer fields ({@code trailer-<name>}, and
 *       {@code trailer-names})</li>
 *   <li>{@code /api/fail}, {@code /unguarded/fail}: {@code sendError(500)}, answered by the error page</li>
 *   <li>{@value ServletContainer#ERROR_PAGE}: the report, from the container's error dispatch</li>
 * </ul>
 */
final class TestApplication implements ServletContainerInitializer {
    private final Filter filter;
    private final Map<String, String> initParams;
    private final Consumer<FilterRegistration.Dynamic> mapping;
    private final AtomicInteger reports = new AtomicInteger();
    private volatile CompletableFuture<Map<String, String>> completedAsync = new CompletableFuture<>();

    private TestApplication(Filter filter, Map<String, String> initParams, Consumer<FilterRegistration.Dynamic> mapping) {
        this.filter = filter;
        this.initParams = initParams;
        this.mapping = mapping;
    }

    /** {@code filter} in front of everything, for every dispatcher type. */
    static TestApplication guardedBy(Filter filter) {
        return guardedBy(filter, Map.of());
    }

    /** {@code filter} with {@code initParams}, in front of everything, for every dispatcher type. */
    static TestApplication guardedBy(Filter filter, Map<String, String> initParams) {
        return new TestApplication(filter, initParams,
                f -> f.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*"));
    }

    /** {@code filter} on {@code /api/*} requests only, and on every error dispatch. */
    static TestApplication guardingApiAndErrorPages(Filter filter) {
        return new TestApplication(filter, Map.of(), f -> {
            f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/api/*");
            f.addMappingForUrlPatterns(EnumSet.of(DispatcherType.ERROR), false, "/*");
        });
    }

    /**
     * What the next async request's listener sees when it completes: the report of the event's async context
     * request, and whether the event's supplied request is that same request.
     */
    CompletableFuture<Map<String, String>> nextCompletedAsync() {
        completedAsync = new CompletableFuture<>();
        return completedAsync;
    }

    /** How many times a servlet of this application reported on a request. */
    int servletRuns() {
        return reports.get();
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration.Dynamic gatecheck = context.addFilter("gatecheck", filter);
        gatecheck.setAsyncSupported(true);
        gatecheck.setInitParameters(initParams);
        mapping.accept(gatecheck);

        Servlets.add(context, "report", new ReportServlet(), "/api/*", "/admin/*", "/health", "/unguarded",
                ServletContainer.ERROR_PAGE);
        Servlets.add(context, "hooks", new BodyServlet(), "/hooks/*");
        Servlets.add(context, "raw", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                write(resp, RawView.of(new ServletAuthRequest(unwrapped(req))));
            }
        }, "/raw/*");
        Servlets.add(context, "forward", Servlets.forwardTo("/admin/whoami"), "/api/forward");
        Servlets.add(context, "include", Servlets.including("/admin/whoami"), "/api/include");
        Servlets.add(context, "async", Servlets.asyncDispatchTo("/admin/whoami"), "/api/async");
        Servlets.add(context, "async-report", new AsyncReportServlet(), "/api/async-report/*");
        Servlets.add(context, "trailers", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                req.getInputStream().readAllBytes();
                // Keys are lower case by the Servlet API, but Tomcat keeps the client's case.
                Map<String, String> trailers = new TreeMap<>();
                req.getTrailerFields().forEach((name, value) -> trailers.put(name.toLowerCase(Locale.ROOT), value));
                Map<String, String> r = new LinkedHashMap<>();
                r.put("trailer-names", String.join(",", trailers.keySet()));
                trailers.forEach((name, value) -> r.put("trailer-" + name, value));
                reports.incrementAndGet();
                write(resp, r);
            }
        }, "/api/trailers");
        Servlets.add(context, "fail", Servlets.failing(), "/api/fail", "/unguarded/fail");
    }

    /** Reports the parameters and the body as the application reads them, and who called. */
    private final class BodyServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            reports.incrementAndGet();
            Map<String, String> r = new LinkedHashMap<>();
            r.put("principal", req.getUserPrincipal() == null ? "null" : req.getUserPrincipal().getName());
            r.put("auth-type", String.valueOf(req.getAuthType()));
            r.put("x-user-id", String.valueOf(req.getHeader("X-User-ID")));
            req.getParameterMap().forEach((name, values) -> r.put("param-" + name, String.join("|", values)));
            byte[] body = req.getInputStream().readAllBytes();
            r.put("body-bytes", Integer.toString(body.length));
            r.put("body-sha256", Bytes.sha256Hex(body));
            write(resp, r);
        }
    }

    /** Reports the request an async context hands out; see the class comment. */
    private final class AsyncReportServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String how = req.getPathInfo().substring(1);
            AsyncContext async = how.equals("start-given") ? req.startAsync(req, resp) : req.startAsync();
            CompletableFuture<Map<String, String>> completed = completedAsync;
            async.addListener(new RequestWalk.NoListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    Map<String, String> seen = Report.of((HttpServletRequest) event.getAsyncContext().getRequest());
                    seen.put("supplied-is-context-request", Boolean.toString(
                            event.getSuppliedRequest() == null
                                    || event.getSuppliedRequest() == event.getAsyncContext().getRequest()));
                    completed.complete(seen);
                }
            });
            AsyncContext shown = how.equals("context") ? req.getAsyncContext() : async;
            reports.incrementAndGet();
            write(resp, Report.of((HttpServletRequest) shown.getRequest()));
            async.complete();
        }
    }

    /** The container's own request under every wrapper. */
    private static HttpServletRequest unwrapped(HttpServletRequest request) {
        jakarta.servlet.ServletRequest inner = request;
        while (inner instanceof jakarta.servlet.ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return (HttpServletRequest) inner;
    }

    private static void write(HttpServletResponse resp, Map<String, String> report) throws IOException {
        StringBuilder text = new StringBuilder();
        report.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        resp.setContentType("text/plain;charset=utf-8");
        resp.getOutputStream().write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What Gatecheck is given of a request. */
    static final class RawView {
        private RawView() {
        }

        static Map<String, String> of(ServletAuthRequest raw) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("method", raw.method());
            r.put("path", raw.path());
            r.put("context-path", raw.contextPath());
            r.put("query", raw.rawQuery().orElse("(none)"));
            r.put("x-multi", String.join("|", raw.headers("x-MULTI")));
            r.put("has-x-multi-name", Boolean.toString(raw.headerNames().stream().anyMatch("X-Multi"::equalsIgnoreCase)));
            r.put("peer", raw.peerAddress().orElse("(none)"));
            r.put("client-certificates", Integer.toString(raw.clientCertificates().size()));
            r.put("body", raw.body().isPresent() ? "present" : "absent");
            return r;
        }
    }

    /** Writes {@link Report#of} the request, one {@code name: value} line each. */
    private final class ReportServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            reports.incrementAndGet();
            StringBuilder body = new StringBuilder();
            Report.of(req).forEach((k, v) -> body.append(k).append(": ").append(v).append('\n'));
            resp.setContentType("text/plain;charset=utf-8");
            resp.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What the application sees of a request, as text. */
    static final class Report {
        private Report() {
        }

        static Map<String, String> of(HttpServletRequest req) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("dispatcher", req.getDispatcherType().name());
            r.put("principal", req.getUserPrincipal() == null ? "null" : req.getUserPrincipal().getName());
            r.put("principal-is-identity", Boolean.toString(req.getUserPrincipal() instanceof Identity));
            r.put("remote-user", String.valueOf(req.getRemoteUser()));
            r.put("auth-type", String.valueOf(req.getAuthType()));
            r.put("in-role-user", Boolean.toString(req.isUserInRole("user")));
            r.put("in-role-admin", Boolean.toString(req.isUserInRole("admin")));
            r.put("in-role-any", Boolean.toString(req.isUserInRole("**")));
            for (String header : List.of("X-User-ID", "X-User-Org", "X-User-Roles", "X_User_ID", "Authorization",
                    "X-Pomerium-Claim-Email")) {
                String key = header.toLowerCase(Locale.ROOT);
                r.put(key, String.valueOf(req.getHeader(header)));
                r.put(key + "-all", String.join("|", Collections.list(req.getHeaders(header))));
            }
            Set<String> names = new TreeSet<>();
            Collections.list(req.getHeaderNames()).forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
            r.put("names", String.join(",", names));
            r.put("int-x-user-id", intHeader(req, "X-User-ID"));
            r.put("int-authorization", intHeader(req, "Authorization"));
            r.put("int-x-count", intHeader(req, "X-Count"));
            r.put("date-authorization", dateHeader(req, "Authorization"));
            r.put("date-if-modified-since", dateHeader(req, "If-Modified-Since"));
            return r;
        }

        private static String intHeader(HttpServletRequest req, String name) {
            try {
                return Integer.toString(req.getIntHeader(name));
            } catch (NumberFormatException e) {
                return "not-a-number";
            }
        }

        private static String dateHeader(HttpServletRequest req, String name) {
            try {
                return Long.toString(req.getDateHeader(name));
            } catch (IllegalArgumentException e) {
                return "not-a-date";
            }
        }
    }
}
