package dev.gatecheck.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An immutable {@link AuthRequest} built from plain values. */
public final class SimpleAuthRequest implements AuthRequest {
    private final String method;
    private final String path;
    private final String contextPath;
    private final String dispatchedPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final List<String> headerNames;
    private final String peerAddress;
    private final byte[] body;

    private SimpleAuthRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.contextPath = b.contextPath;
        this.dispatchedPath = b.dispatchedPath;
        this.rawQuery = b.rawQuery;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        b.headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.headers = Map.copyOf(copy);
        this.headerNames = List.copyOf(b.headerNames);
        this.peerAddress = b.peerAddress;
        this.body = b.body;
    }

    @Override
    public Optional<byte[]> body() {
        return Optional.ofNullable(body).map(byte[]::clone);
    }

    static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String contextPath() {
        return contextPath;
    }

    @Override
    public Optional<String> dispatchedPath() {
        return Optional.ofNullable(dispatchedPath);
    }

    @Override
    public Optional<String> rawQuery() {
        return Optional.ofNullable(rawQuery);
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<String> headerNames() {
        return headerNames;
    }

    @Override
    public Optional<String> peerAddress() {
        return Optional.ofNullable(peerAddress);
    }

    /** Builds a {@link SimpleAuthRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private String contextPath = "";
        private String dispatchedPath;
        private String rawQuery;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final List<String> headerNames = new ArrayList<>();
        private String peerAddress;
        private byte[] body;

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

        /** The raw body (webhook routes). */
        public Builder body(byte[] body) {
            this.body = body.clone();
            return this;
        }

        public SimpleAuthRequest build() {
            return new SimpleAuthRequest(this);
        }
    }
}
