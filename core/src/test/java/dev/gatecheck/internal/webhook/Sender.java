package dev.gatecheck.internal.webhook;

import static dev.gatecheck.testing.Bytes.utf8;

import dev.gatecheck.testing.Delivery;
import dev.gatecheck.testing.WebhookSender;
import java.util.Base64;
import java.util.List;

/**
 * The webhook providers as {@link WebhookEngine} configures them: each one's route, secrets and headers, and its
 * sending side ({@link WebhookSender}, written independently of the code under test).
 */
enum Sender {
    /** docs.github.com "Validating webhook deliveries": HMAC-SHA256 of the body, key = secret as UTF-8. */
    GITHUB("github", "github-events", "/hooks/github", "It's a Secret to Everybody, 32 bytes or more",
            "the github secret before rotation",
            false, null, List.of("X-Hub-Signature-256")) {
        @Override
        Delivery sign(String secret, byte[] body, long timestamp, String id) {
            return WebhookSender.github(secret, body, id);
        }
    },
    /** Standard Webhooks spec: {@code id.timestamp.body}, key = base64 after {@code whsec_}, {@code v1,<base64>}. */
    STANDARD_WEBHOOKS("standard-webhooks", "svix-events", "/hooks/standard", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_" + Base64.getEncoder().encodeToString(utf8("previous standard-webhooks key!!")),
            true, "webhook-id", List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
        @Override
        Delivery sign(String secret, byte[] body, long timestamp, String id) {
            return WebhookSender.standardWebhooks(secret, body, timestamp, id);
        }
    },
    /** docs.stripe.com "Verify manually": {@code t.body}, key = the whole {@code whsec_...} string, hex. */
    STRIPE("stripe", "stripe-events", "/hooks/stripe", "whsec_3f9cM2a7u1YbRk0qZlPp4dXvN8sW6eTi",
            "whsec_previousStripeSigningSecret0001", true, null, List.of("Stripe-Signature")) {
        @Override
        Delivery sign(String secret, byte[] body, long timestamp, String id) {
            return WebhookSender.stripe(secret, body, timestamp);
        }
    },
    /** api.slack.com "Verifying requests from Slack": {@code v0:timestamp:body}, key = secret as UTF-8, hex. */
    SLACK("slack", "slack-commands", "/hooks/slack", "8f742231b10e8888abcd99yyyzzz85a5", "previous-slack-signing-secret-0001",
            true, null, List.of("X-Slack-Signature", "X-Slack-Request-Timestamp")) {
        @Override
        Delivery sign(String secret, byte[] body, long timestamp, String id) {
            return WebhookSender.slack(secret, body, timestamp);
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
}
