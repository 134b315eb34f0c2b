package dev.gatecheck.internal.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each provider's sending side, written from the provider's documentation with its own {@link Mac}, independently
 * of the code under test (which must agree with it, not the other way round).
 */
enum Sender {
    /** docs.github.com "Validating webhook deliveries": HMAC-SHA256 of the body, key = secret as UTF-8. */
    GITHUB("github", "github-events", "/hooks/github", "It's a Secret to Everybody, 32 bytes or more",
            "the github secret before rotation",
            false, null, List.of("X-Hub-Signature-256")) {
        @Override
        Delivery sign(String secret, byte[] body, long timestamp, String id) {
            return Delivery.of(body)
                    .adding("X-GitHub-Event", "push")
                    .adding("X-GitHub-Delivery", id)
                    .adding("X-Hub-Signature-256", "sha256=" + hex(hmac(utf8(secret), body)))
                    .adding("Content-Type", "application/json");
        }
    },
    /** Standard Webhooks spec: {@code id.timestamp.body}, key = base64 after {@code whsec_}, {@code v1,<base64>}. */
    STANDARD_WEBHOOKS("standard-webhooks", "svix-events", "/hooks/standard", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_" + Base64.getEncoder().encodeToString(utf8("previous standard-webhooks key!!")),
            true, "webhook-id", List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
        @Override
        Delivery sign(String secret, byte[] body, long timestamp, String id) {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            return Delivery.of(body)
                    .adding("webhook-id", id)
                    .adding("webhook-timestamp", Long.toString(timestamp))
                    .adding("webhook-signature", "v1," + base64(hmac(key, concat(utf8(id + "." + timestamp + "."), body))))
                    .adding("Content-Type", "application/json");
        }
    },
    /** docs.stripe.com "Verify manually": {@code t.body}, key = the whole {@code whsec_...} string, hex. */
    STRIPE("stripe", "stripe-events", "/hooks/stripe", "whsec_3f9cM2a7u1YbRk0qZlPp4dXvN8sW6eTi",
            "whsec_previousStripeSigningSecret0001", true, null, List.of("Stripe-Signature")) {
        @Override
        Delivery sign(String secret, byte[] body, long timestamp, String id) {
            return Delivery.of(body)
                    .adding("Stripe-Signature", "t=" + timestamp + ",v1=" + stripeV1(secret, timestamp, body))
                    .adding("Content-Type", "application/json; charset=utf-8");
        }
    },
    /** api.slack.com "Verifying requests from Slack": {@code v0:timestamp:body}, key = secret as UTF-8, hex. */
    SLACK("slack", "slack-commands", "/hooks/slack", "8f742231b10e8888abcd99yyyzzz85a5", "previous-slack-signing-secret-0001",
            true, null, List.of("X-Slack-Signature", "X-Slack-Request-Timestamp")) {
        @Override
        Delivery sign(String secret, byte[] body, long timestamp, String id) {
            return Delivery.of(body)
                    .adding("X-Slack-Request-Timestamp", Long.toString(timestamp))
                    .adding("X-Slack-Signature", "v0=" + hex(hmac(utf8(secret), concat(utf8("v0:" + timestamp + ":"), body))))
                    .adding("Content-Type", "application/x-www-form-urlencoded");
        }
    };

    /** The configuration name of the scheme ({@code gatecheck.routes.<name>.webhook}). */
    final String scheme;
    /** The route this provider's deliveries go to in {@link WebhookEngine}. */
    final String route;
    final String path;
    /** The route's current secret. */
    final String secret;
    /** The secret being rotated out, still accepted. */
    final String previousSecret;
    /** Whether the scheme signs a timestamp (GitHub does not). */
    final boolean timestamped;
    /** The header carrying a delivery id the signature covers, when the scheme has one (GitHub's is unsigned). */
    final String idHeader;
    /** Every header verification needs. */
    final List<String> requiredHeaders;

    Sender(String scheme, String route, String path, String secret, String previousSecret, boolean timestamped,
           String idHeader, List<String> requiredHeaders) {
        this.scheme = scheme;
        this.route = route;
        this.path = path;
        this.secret = secret;
        this.previousSecret = previousSecret;
        this.timestamped = timestamped;
        this.idHeader = idHeader;
        this.requiredHeaders = requiredHeaders;
    }

    /** A delivery of {@code body} signed with {@code secret} at {@code timestamp} with delivery id {@code id}. */
    abstract Delivery sign(String secret, byte[] body, long timestamp, String id);

    /** A secret of this scheme's format that the route does not know. */
    String wrongSecret() {
        return this == STANDARD_WEBHOOKS
                ? "whsec_" + Base64.getEncoder().encodeToString(utf8("an attacker's guessed key 32B!!!"))
                : secret + "x";
    }

    static String stripeV1(String secret, long timestamp, byte[] body) {
        return hex(hmac(utf8(secret), concat(utf8(timestamp + "."), body)));
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

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
