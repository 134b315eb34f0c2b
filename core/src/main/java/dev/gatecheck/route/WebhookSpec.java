package dev.gatecheck.route;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A webhook route's signature settings ({@code gatecheck.routes.<name>.webhook}, {@code .secrets},
 * {@code .tolerance}, {@code .max-body}).
 *
 * @param scheme {@code github}, {@code standard-webhooks}, {@code stripe} or {@code slack}
 * @param secrets accepted secrets as configured (several for rotation), never logged
 * @param tolerance accepted timestamp difference, and how long delivery ids are remembered
 * @param maxBody the largest body accepted, in bytes
 */
public record WebhookSpec(String scheme, List<String> secrets, Duration tolerance, long maxBody) {
    /** The schemes Gatecheck verifies. */
    public static final List<String> SCHEMES = List.of("github", "standard-webhooks", "stripe", "slack");

    public WebhookSpec {
        Objects.requireNonNull(scheme, "scheme");
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(tolerance, "tolerance");
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("webhook '" + scheme + "' is not github, standard-webhooks, stripe or slack");
        }
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook route needs at least one secret");
        }
        for (String secret : secrets) {
            // Checked here, not on the first delivery: an empty key or an undecodable one fails at startup.
            if (secret.isBlank()) {
                throw new IllegalArgumentException("a webhook secret is empty");
            }
            if (scheme.equals("standard-webhooks") && !isStandardWebhooksSecret(secret)) {
                throw new IllegalArgumentException("a standard-webhooks secret must be whsec_ followed by the base64"
                        + " of the key");
            }
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the webhook tolerance must be positive");
        }
        if (maxBody < 1 || maxBody > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("the webhook max-body must be between 1 byte and 64MiB");
        }
    }

    /** {@code whsec_} (optional, as in the reference libraries) and standard base64 of a non-empty key. */
    private static boolean isStandardWebhooksSecret(String secret) {
        try {
            return java.util.Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret)
                    .length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A scheme with the default tolerance (5m) and body limit (1 MiB). */
    public static WebhookSpec of(String scheme, String... secrets) {
        return new WebhookSpec(scheme, List.of(secrets), Duration.ofMinutes(5), 1024 * 1024);
    }

    @Override
    public String toString() {
        return "WebhookSpec[" + scheme + ", " + secrets.size() + " secret(s), tolerance=" + tolerance + ", maxBody="
                + maxBody + "]";
    }
}
