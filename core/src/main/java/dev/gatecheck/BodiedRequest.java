package dev.gatecheck;

import dev.gatecheck.auth.AuthRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** A request with the body its adapter read for the engine (webhook and digest-covered gateway routes). */
record BodiedRequest(AuthRequest request, byte[] bytes) implements AuthRequest {
    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public String contextPath() {
        return request.contextPath();
    }

    @Override
    public Optional<String> dispatchedPath() {
        return request.dispatchedPath();
    }

    @Override
    public Optional<String> rawQuery() {
        return request.rawQuery();
    }

    @Override
    public List<String> headers(String name) {
        return request.headers(name);
    }

    @Override
    public List<String> headerNames() {
        return request.headerNames();
    }

    @Override
    public Optional<String> peerAddress() {
        return request.peerAddress();
    }

    @Override
    public Optional<String> origin() {
        return request.origin();
    }

    @Override
    public List<X509Certificate> clientCertificates() {
        return request.clientCertificates();
    }

    @Override
    public Optional<byte[]> body() {
        return Optional.of(bytes);
    }
}
