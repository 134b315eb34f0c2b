package dev.gatecheck.servlet;

import dev.gatecheck.auth.Rejection;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sends a {@link Rejection} as it is: status, its headers ({@code WWW-Authenticate}, ...) and the JSON body. */
final class DenyWriter {
    private DenyWriter() {
    }

    static void write(Rejection rejection, HttpServletResponse response) throws IOException {
        byte[] body = rejection.body().getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(rejection.status());
        rejection.headers().forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
