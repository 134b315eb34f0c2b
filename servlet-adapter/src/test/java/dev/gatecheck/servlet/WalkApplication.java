package dev.gatecheck.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An application that answers with a {@link RequestWalk} of the request it receives behind the filter, in every
 * kind of dispatch:
 * <ul>
 *   <li>{@code /api/walk/*}: the request; with {@code ?async=start} or {@code ?async=start-given} it starts async
 *       (without or with the request and response) and walks the async context instead, listeners walking the
 *       requests of the completion events ({@link #nextListenerWalks})</li>
 *   <li>{@code /api/forward}, {@code /api/include}: forward to / include {@code /api/walk/dispatched}</li>
 *   <li>{@code /api/async-dispatch}: starts async and dispatches to {@code /api/walk/dispatched}</li>
 *   <li>{@code /api/fail}: {@code sendError(500)}; the error page {@value ServletContainer#ERROR_PAGE} walks</li>
 * </ul>
 */
final class WalkApplication implements ServletContainerInitializer {
    private final GatecheckFilter filter;
    private volatile CompletableFuture<Map<String, String>> listenerWalks = new CompletableFuture<>();

    WalkApplication(GatecheckFilter filter) {
        this.filter = filter;
    }

    /** The walks the listeners of the next async request make when it completes, one listener for each overload. */
    CompletableFuture<Map<String, String>> nextListenerWalks() {
        listenerWalks = new CompletableFuture<>();
        return listenerWalks;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addFilter("gatecheck", filter).setAsyncSupported(true);
        context.getFilterRegistration("gatecheck")
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        add(context, "walk", new WalkServlet(), "/api/walk/*", ServletContainer.ERROR_PAGE);
        add(context, "forward", Servlets.forwardTo("/api/walk/dispatched"), "/api/forward");
        add(context, "include", Servlets.including("/api/walk/dispatched"), "/api/include");
        add(context, "async-dispatch", Servlets.asyncDispatchTo("/api/walk/dispatched"), "/api/async-dispatch");
        add(context, "fail", Servlets.failing(), "/api/fail");
    }

    /** Every servlet takes multipart requests: the container reads parts by the first servlet's settings. */
    private static void add(ServletContext context, String name, HttpServlet servlet, String... patterns) {
        Servlets.add(context, name, servlet, patterns).setMultipartConfig(new MultipartConfigElement(""));
    }

    /** Walks the request, or the async context it starts. */
    private final class WalkServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String how = String.valueOf(req.getParameter("async"));
            if (!how.startsWith("start") || req.getDispatcherType() != DispatcherType.REQUEST) {
                write(resp, RequestWalk.of(req));
                return;
            }
            AsyncContext async = how.equals("start-given") ? req.startAsync(req, resp) : req.startAsync();
            CompletableFuture<Map<String, String>> walks = listenerWalks;
            Map<String, String> heard = new LinkedHashMap<>();
            async.addListener(listener("listener.", heard, null));
            async.addListener(listener("listener-given.", heard, walks), req, resp);
            Map<String, String> seen = new LinkedHashMap<>(RequestWalk.of(async));
            seen.put("getAsyncContext() is the started one", Boolean.toString(req.getAsyncContext() == async));
            write(resp, seen);
            async.complete();
        }

        /** Walks the event's requests into {@code heard}; the last listener hands {@code heard} to {@code done}. */
        private RequestWalk.NoListener listener(String prefix, Map<String, String> heard,
                                                CompletableFuture<Map<String, String>> done) {
            return new RequestWalk.NoListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    RequestWalk.of(event.getAsyncContext()).forEach((k, v) -> heard.put(prefix + "context." + k, v));
                    if (event.getSuppliedRequest() instanceof HttpServletRequest supplied) {
                        RequestWalk.of(supplied).forEach((k, v) -> heard.put(prefix + "supplied." + k, v));
                    }
                    if (done != null) {
                        done.complete(heard);
                    }
                }
            };
        }
    }

    private static void write(HttpServletResponse resp, Map<String, String> seen) throws IOException {
        StringBuilder text = new StringBuilder();
        seen.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain;charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
