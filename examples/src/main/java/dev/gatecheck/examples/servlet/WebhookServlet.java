package dev.gatecheck.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /webhooks/*}: a webhook receiver. It answers
 * {@code {"received_bytes":..,"sha256":"<hex of the body as read here>","caller":"<principal name>"}}, so a
 * caller can check the application read the body it sent, untouched by the filter.
 */
final class WebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 1024 * 1024;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            DemoJson.send(response, 413, Map.of("error", "payload_too_large"));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received_bytes", body.length);
        answer.put("sha256", sha256(body));
        answer.put("caller", request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName());
        DemoJson.send(response, 200, answer);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
