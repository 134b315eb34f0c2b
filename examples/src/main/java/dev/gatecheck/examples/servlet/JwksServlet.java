package dev.gatecheck.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /.well-known/jwks.json}: the development issuer's public key. */
final class JwksServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient String jwks;

    JwksServlet(String jwks) {
        this.jwks = jwks;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "max-age=300");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
