package dev.gatecheck.auth;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An immutable {@link AuthRequest} built from plain values by {@link AuthRequest.Builder}. */
final class PlainAuthRequest implements AuthRequest {
    private final String method;
    private final String path;
    private final String contextPath;
    private final String dispatchedPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final List<String> headerNames;
    private final String peerAddress;
    private final String origin;
    private final List<X509Certificate> clientCertificates;
    private final byte[] body;

    PlainAuthRequest(AuthRequest.Builder b) {
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
        this.origin = b.origin;
        this.clientCertificates = b.clientCertificates;
        this.body = b.body;
    }

    @Override
    public Optional<byte[]> body() {
        return Optional.ofNullable(body).map(byte[]::clone);
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

    @Override
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    @Override
    public List<X509Certificate> clientCertificates() {
        return clientCertificates;
    }
}
