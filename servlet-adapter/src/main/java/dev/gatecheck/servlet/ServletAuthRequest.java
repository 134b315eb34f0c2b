package dev.gatecheck.servlet;

import dev.gatecheck.AuthRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * The container's request as Gatecheck reads it: raw, undecoded values only. It never calls
 * {@code getParameter}, and it carries the body only when the filter buffered it for a webhook route, so the
 * application still reads both unchanged.
 */
final class ServletAuthRequest implements AuthRequest {
    /** The Servlet API's request attribute for the verified TLS client certificate chain. */
    static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final HttpServletRequest request;
    private final byte[] body;

    ServletAuthRequest(HttpServletRequest request) {
        this(request, null);
    }

    private ServletAuthRequest(HttpServletRequest request, byte[] body) {
        this.request = request;
        this.body = body;
    }

    /** The same request carrying {@code body}, the bytes the filter buffered. */
    ServletAuthRequest withBody(byte[] body) {
        return new ServletAuthRequest(request, body);
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

    /** The request URI as the client sent it, context path included. */
    @Override
    public String targetPath() {
        return request.getRequestURI();
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

    @Override
    public List<X509Certificate> clientCertificates() {
        return request.getAttribute(CLIENT_CERTIFICATES) instanceof X509Certificate[] chain ? List.of(chain) : List.of();
    }

    @Override
    public Optional<byte[]> body() {
        return Optional.ofNullable(body);
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
