package dev.gatecheck.servlet;

import dev.gatecheck.auth.AuthRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * The container's request as Gatecheck reads it: raw, undecoded values only. It never calls
 * {@code getParameter} and never reads the body (the filter reads what the engine's exchange asks for), so the
 * application still reads both unchanged.
 */
final class ServletAuthRequest implements AuthRequest {
    /** The Servlet API's request attribute for the verified TLS client certificate chain. */
    static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final HttpServletRequest request;

    ServletAuthRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    /** The request URI as the client sent it, undecoded, context path and path parameters included. */
    @Override
    public String path() {
        return request.getRequestURI();
    }

    /**
     * The context path as the container resolved it, from the {@code ServletContext}: the request's own
     * {@code getContextPath()} echoes the client's spelling ({@code /./app}, {@code //app}) and may even throw.
     */
    @Override
    public String contextPath() {
        return request.getServletContext().getContextPath();
    }

    /**
     * What the container dispatched the request as: the servlet path followed by the path info, decoded. Core
     * decides on it once it agrees with core's own reading of {@link #path()}, and refuses the request otherwise,
     * so no container setting (a lenient URI compliance mode, say) runs a servlet that another route guards.
     */
    @Override
    public Optional<String> dispatchedPath() {
        String pathInfo = request.getPathInfo();
        return Optional.of(request.getServletPath() + (pathInfo == null ? "" : pathInfo));
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
     * The scheme, host and port as the container saw them ({@code getScheme()}, {@code getServerName()},
     * {@code getServerPort()}: the connection and the request's {@code Host}), for a DPoP proof's {@code htu}. A
     * container only takes them from {@code X-Forwarded-*} when it was configured to (Jetty's
     * {@code ForwardedRequestCustomizer}, Tomcat's {@code RemoteIpValve}); behind a proxy, set
     * {@code gatecheck.public-base-url} instead.
     */
    @Override
    public Optional<String> origin() {
        String host = request.getServerName();
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        // An IPv6 literal: some containers give it without its brackets.
        String authority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return Optional.of(request.getScheme() + "://" + authority + ":" + request.getServerPort());
    }

    @Override
    public List<X509Certificate> clientCertificates() {
        return request.getAttribute(CLIENT_CERTIFICATES) instanceof X509Certificate[] chain ? List.of(chain) : List.of();
    }


    private static List<String> list(Enumeration<String> values) {
        return values == null ? List.of() : Collections.list(values);
    }
}
