package dev.gatecheck.jaxrs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sending side of each webhook provider, written from the provider's documentation with its own {@link Mac}
 * (independently of core): answers the header name/value pairs a provider puts on a delivery of {@code body}.
 */
final class WebhookSender {
    private WebhookSender() {
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>} of the body, key = the secret's UTF-8 bytes. */
    static List<String> github(String secret, byte[] body, String deliveryId) {
        return List.of("X-Hub-Signature-256", "sha256=" + hex(hmac(utf8(secret), body)),
                "X-GitHub-Delivery", deliveryId, "X-GitHub-Event", "push", "Content-Type", "application/json");
    }

    static List<String> github(String secret, byte[] body) {
        return github(secret, body, UUID.randomUUID().toString());
    }

    /** Slack: {@code v0=<hex>} of {@code v0:ts:body}, key = the signing secret's UTF-8 bytes. */
    static List<String> slack(String secret, byte[] body, long timestamp) {
        return List.of("X-Slack-Request-Timestamp", Long.toString(timestamp),
                "X-Slack-Signature", "v0=" + hex(hmac(utf8(secret), concat(utf8("v0:" + timestamp + ":"), body))),
                "Content-Type", "application/x-www-form-urlencoded");
    }

    /** Stripe: {@code t=<ts>,v1=<hex>} of {@code ts.body}, key = the whole {@code whsec_...} string. */
    static List<String> stripe(String secret, byte[] body, long timestamp) {
        return List.of("Stripe-Signature",
                "t=" + timestamp + ",v1=" + hex(hmac(utf8(secret), concat(utf8(timestamp + "."), body))),
                "Content-Type", "application/json; charset=utf-8");
    }

    /** Standard Webhooks: {@code v1,<base64>} of {@code id.ts.body}, key = base64-decoded after {@code whsec_}. */
    static List<String> standardWebhooks(String secret, byte[] body, long timestamp, String id) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        return List.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", "v1," + Base64.getEncoder().encodeToString(
                        hmac(key, concat(utf8(id + "." + timestamp + "."), body))),
                "Content-Type", "application/json");
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** {@code headers} without the pairs named {@code name} (case-insensitively). */
    static List<String> without(List<String> headers, String name) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < headers.size(); i += 2) {
            if (!headers.get(i).equalsIgnoreCase(name)) {
                kept.add(headers.get(i));
                kept.add(headers.get(i + 1));
            }
        }
        return kept;
    }

    /** {@code headers} and then {@code more} name/value pairs. */
    static List<String> plus(List<String> headers, String... more) {
        List<String> all = new ArrayList<>(headers);
        all.addAll(List.of(more));
        return all;
    }

    static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
