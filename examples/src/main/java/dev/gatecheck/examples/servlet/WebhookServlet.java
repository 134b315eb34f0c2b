package dev.gatecheck.examples.servlet;

import dev.gatecheck.examples.DemoWebhook;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/*}: a webhook receiver. It answers
 * {@code {"received_bytes":..,"sha256":"<hex of the body as read here>","caller":"<principal name>"}}, so a
 * caller can check the application read the body it sent, untouched by the filter (which, on a webhook route,
 * read it first to verify its signature).
 */
final class WebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<byte[]> body;
        try (InputStream in = request.getInputStream()) {
            body = DemoWebhook.read(in);
        }
        if (body.isEmpty()) {
            JsonResponse.send(response, 413, Map.of("error", "payload_too_large"));
            return;
        }
        JsonResponse.send(response, 200, DemoWebhook.answer(body.get(), request.getUserPrincipal()));
    }
}
