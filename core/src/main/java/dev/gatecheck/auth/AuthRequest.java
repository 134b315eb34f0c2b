package dev.gatecheck.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only view of an incoming request, as an adapter presents it to {@link dev.gatecheck.Gatecheck#authenticate}.
 * Adapters pass the raw, undecoded values; Gatecheck normalises and parses them itself so every container
 * gets the same rules.
 */
public interface AuthRequest {
    /** The HTTP method, e.g. {@code GET}. */
    String method();

    /**
     * The raw path as the client sent it, before any decoding, context path included, e.g.
     * {@code /app/api/users/7}; path parameters ({@code ;x}) and percent escapes included as received.
     */
    String path();

    /**
     * Where the application is deployed, as the container resolved it: decoded and canonical, without a trailing
     * {@code /}, empty for the root (a servlet context path, a JAX-RS application's base path). Routes match the
     * normal form of {@link #path()} below it; a path whose normal form is not below it is refused.
     */
    default String contextPath() {
        return "";
    }

    /**
     * The path below {@link #contextPath()} that the container dispatches this request to, decoded, when the
     * adapter knows it (a servlet container's servlet path followed by its path info); empty by default. When it
     * is given, Gatecheck decides on it, provided it is the normal form of {@link #path()} below the context up to
     * a trailing {@code /} (or that directory with a welcome file); otherwise the container resolved the spelling
     * its own way, and the request is refused (400).
     */
    default Optional<String> dispatchedPath() {
        return Optional.empty();
    }

    /** The raw query string without {@code ?}, if any. */
    Optional<String> rawQuery();

    /** Every value of the header {@code name} (matched case-insensitively), in order; empty when absent. */
    List<String> headers(String name);

    /** Every header name present on the request. */
    List<String> headerNames();

    /** The address of the connection's peer (not a forwarded header), if known. */
    Optional<String> peerAddress();

    /**
     * The scheme and authority of the URL the client sent the request to, as the container saw them, raw (e.g.
     * {@code https://api.example.com:8443}: the connection's scheme and the host and port the request named); empty
     * when the adapter does not know them. With {@link #path()} it is the URL a DPoP proof's {@code htu} must name;
     * behind a proxy, {@code gatecheck.public-base-url} is taken instead (forwarded headers never are).
     */
    default Optional<String> origin() {
        return Optional.empty();
    }

    /** The TLS client certificate chain the container verified, leaf first; empty without mutual TLS. */
    default java.util.List<java.security.cert.X509Certificate> clientCertificates() {
        return java.util.List.of();
    }

    /**
     * The raw body, on webhook routes only: adapters buffer it (at most
     * {@link dev.gatecheck.Gatecheck.Exchange#bodyLimit} + 1 bytes) before anything parses it, and hand the same bytes
     * to the application. Empty elsewhere.
     */
    default java.util.Optional<byte[]> body() {
        return java.util.Optional.empty();
    }

    /** A request built from plain values, for tests and non-container callers. */
    static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** Builds an immutable {@link AuthRequest} from plain values, for tests and callers outside a container. */
    final class Builder {
        final String method;
        final String path;
        String contextPath = "";
        String dispatchedPath;
        String rawQuery;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final List<String> headerNames = new ArrayList<>();
        String peerAddress;
        String origin;
        List<java.security.cert.X509Certificate> clientCertificates = List.of();
        byte[] body;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Adds one value of a header (call again for a second copy). */
        public Builder header(String name, String value) {
            String key = name.toLowerCase(Locale.ROOT);
            if (!headers.containsKey(key)) {
                headerNames.add(name);
            }
            headers.computeIfAbsent(key, k -> new ArrayList<>()).add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Where the application is deployed (decoded, no trailing {@code /}); empty (the root) by default. */
        public Builder contextPath(String contextPath) {
            this.contextPath = Objects.requireNonNull(contextPath, "contextPath");
            return this;
        }

        /** The decoded path below the context path the container dispatches to; unknown by default. */
        public Builder dispatchedPath(String dispatchedPath) {
            this.dispatchedPath = Objects.requireNonNull(dispatchedPath, "dispatchedPath");
            return this;
        }

        /** The raw query string, without {@code ?}. */
        public Builder query(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        /** Shorthand for {@code Authorization: Bearer <token>}. */
        public Builder bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Builder peerAddress(String peerAddress) {
            this.peerAddress = peerAddress;
            return this;
        }

        /** The scheme and authority the client used, e.g. {@code https://api.example.com}; unknown by default. */
        public Builder origin(String origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /** The TLS client certificate chain the connection presented and the server verified, leaf first. */
        public Builder clientCertificates(java.security.cert.X509Certificate... chain) {
            this.clientCertificates = List.of(chain);
            return this;
        }

        /** The raw body (webhook routes). */
        public Builder body(byte[] body) {
            this.body = body.clone();
            return this;
        }

        public AuthRequest build() {
            return new PlainAuthRequest(this);
        }
    }
}
