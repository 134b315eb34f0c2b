package dev.gatecheck.testing;

import static dev.gatecheck.testing.Bytes.base64;
import static dev.gatecheck.testing.Bytes.concat;
import static dev.gatecheck.testing.Bytes.hex;
import static dev.gatecheck.testing.Bytes.hmacSha256;
import static dev.gatecheck.testing.Bytes.utf8;

import java.util.Base64;
import java.util.UUID;

/**
 * Each webhook provider's sending side, written from the provider's documentation with the JDK's HMAC,
 * independently of the code under test (which must agree with it, not the other way round): a {@link Delivery} of
 * {@code body} as the provider signs it.
 */
public final class WebhookSender {
    private WebhookSender() {
    }

    /** docs.github.com "Validating webhook deliveries": HMAC-SHA256 of the body, key = secret as UTF-8. */
    public static Delivery github(String secret, byte[] body, String deliveryId) {
        return Delivery.of(body)
                .adding("X-GitHub-Event", "push")
                .adding("X-GitHub-Delivery", deliveryId)
                .adding("X-Hub-Signature-256", "sha256=" + hex(hmacSha256(utf8(secret), body)))
                .adding("Content-Type", "application/json");
    }

    /** {@link #github(String, byte[], String)} with a new delivery id. */
    public static Delivery github(String secret, byte[] body) {
        return github(secret, body, UUID.randomUUID().toString());
    }

    /** Standard Webhooks spec: {@code id.timestamp.body}, key = base64 after {@code whsec_}, {@code v1,<base64>}. */
    public static Delivery standardWebhooks(String secret, byte[] body, long timestamp, String id) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        return Delivery.of(body)
                .adding("webhook-id", id)
                .adding("webhook-timestamp", Long.toString(timestamp))
                .adding("webhook-signature", "v1," + base64(hmacSha256(key, concat(utf8(id + "." + timestamp + "."), body))))
                .adding("Content-Type", "application/json");
    }

    /** docs.stripe.com "Verify manually": {@code t.body}, key = the whole {@code whsec_...} string, hex. */
    public static Delivery stripe(String secret, byte[] body, long timestamp) {
        return Delivery.of(body)
                .adding("Stripe-Signature", "t=" + timestamp + ",v1=" + stripeV1(secret, timestamp, body))
                .adding("Content-Type", "application/json; charset=utf-8");
    }

    /** api.slack.com "Verifying requests from Slack": {@code v0:timestamp:body}, key = secret as UTF-8, hex. */
    public static Delivery slack(String secret, byte[] body, long timestamp) {
        return Delivery.of(body)
                .adding("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .adding("X-Slack-Signature", "v0=" + hex(hmacSha256(utf8(secret), concat(utf8("v0:" + timestamp + ":"), body))))
                .adding("Content-Type", "application/x-www-form-urlencoded");
    }

    /** The hex {@code v1} value of a Stripe signature. */
    public static String stripeV1(String secret, long timestamp, byte[] body) {
        return hex(hmacSha256(utf8(secret), concat(utf8(timestamp + "."), body)));
    }
}
