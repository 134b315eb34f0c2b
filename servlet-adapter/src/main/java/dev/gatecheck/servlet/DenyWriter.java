package dev.gatecheck.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Rejection;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends what the engine answered itself, as it is: a {@link Rejection} (status, its headers such as
 * {@code WWW-Authenticate}, the JSON body) or a {@link Gatecheck.Document} (RFC 9728 metadata).
 */
final class DenyWriter {
    private DenyWriter() {
    }

    static void write(Rejection rejection, HttpServletResponse response) throws IOException {
        send(rejection.status(), rejection.headers(), rejection.body(), response);
    }

    static void write(Gatecheck.Document document, HttpServletResponse response) throws IOException {
        send(document.status(), document.headers(), document.body(), response);
    }

    private static void send(int status, Map<String, String> headers, String text, HttpServletResponse response)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
