package dev.gatecheck.servlet;

import dev.gatecheck.AuthRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * The container's request as Gatecheck reads it: raw, undecoded values only. It never calls
 * {@code getParameter} or touches the body, so the application still reads both unchanged.
 */
final class ServletAuthRequest implements AuthRequest {
    private final HttpServletRequest request;

    ServletAuthRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    /** The request URI after the context path, undecoded, path parameters included. */
    @Override
    public String path() {
        return withinContext(request.getRequestURI(), request.getContextPath());
    }

    @Override
    public Optional<String> rawQuery() {
        return Optional.ofNullable(request.getQueryString());
    }

    @Override
    public List<String> headers(String name) {
        return list(request.getHeaders(name));
    }

    @Override
    public List<String> headerNames() {
        return list(request.getHeaderNames());
    }

    /** The socket peer as the container reports it ({@code getRemoteAddr()}). */
    @Override
    public Optional<String> peerAddress() {
        return Optional.ofNullable(request.getRemoteAddr());
    }

    /**
     * {@code requestUri} without its first segments that make up {@code contextPath}. The container found the
     * context from the raw URI, which may spell it differently ({@code /app;x=1}, {@code /%61pp}), so the
     * context's (non-empty) segments are skipped rather than its characters compared.
     */
    static String withinContext(String requestUri, String contextPath) {
        if (contextPath == null || contextPath.isEmpty()) {
            return requestUri;
        }
        if (requestUri.startsWith(contextPath)
                && (requestUri.length() == contextPath.length() || requestUri.charAt(contextPath.length()) == '/')) {
            return requestUri.substring(contextPath.length());
        }
        long segments = contextPath.chars().filter(c -> c == '/').count();
        int at = 0;
        while (segments > 0 && at < requestUri.length()) {
            while (at < requestUri.length() && requestUri.charAt(at) == '/') {
                at++;
            }
            int start = at;
            while (at < requestUri.length() && requestUri.charAt(at) != '/') {
                at++;
            }
            if (at > start) {
                segments--;
            }
        }
        return requestUri.substring(at);
    }

    private static List<String> list(Enumeration<String> values) {
        return values == null ? List.of() : Collections.list(values);
    }
}
