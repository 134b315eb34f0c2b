package dev.gatecheck.examples.servlet;

import dev.gatecheck.examples.DemoJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A servlet's answer: JSON ({@link DemoJson} and a newline, {@code application/json}) or text, with its length. */
final class JsonResponse {
    private JsonResponse() {
    }

    static void send(HttpServletResponse response, int status, Object value) throws IOException {
        send(response, status, "application/json", DemoJson.of(value) + "\n");
    }

    /** {@code text} as the body, of {@code contentType}, with its length. */
    static void send(HttpServletResponse response, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
