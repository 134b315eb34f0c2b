package dev.gatecheck.examples.servlet;

import dev.gatecheck.examples.DemoJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A servlet's JSON answer: {@link DemoJson} and a newline, {@code application/json}, with its length. */
final class JsonResponse {
    private JsonResponse() {
    }

    static void send(HttpServletResponse response, int status, Object value) throws IOException {
        byte[] body = (DemoJson.of(value) + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
