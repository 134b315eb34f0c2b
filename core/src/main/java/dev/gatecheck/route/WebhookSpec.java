package dev.gatecheck.route;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A webhook route's signature settings ({@code gatecheck.routes.<name>.webhook}, {@code .secrets},
 * {@code .tolerance}, {@code .max-body}).
 *
 * @param scheme {@code github}, {@code standard-webhooks}, {@code stripe} or {@code slack}
 * @param secrets accepted secrets as configured (several for rotation), never logged; at least
 *     {@value #MIN_SECRET_BYTES} bytes each (Standard Webhooks: a key of at least
 *     {@value #MIN_STANDARD_WEBHOOKS_KEY_BYTES} bytes)
 * @param tolerance accepted timestamp difference, and how long delivery ids are remembered
 * @param maxBody the largest body accepted, in bytes
 */
public record WebhookSpec(String scheme, List<String> secrets, Duration tolerance, long maxBody) {
    /** The schemes Gatecheck verifies. */
    public static final List<String> SCHEMES = List.of("github", "standard-webhooks", "stripe", "slack");
    /** The fewest bytes a GitHub, Stripe or Slack secret may have (its UTF-8 bytes are the key). */
    public static final int MIN_SECRET_BYTES = 32;
    /** The timestamp tolerance of a route that names none ({@code 5m}). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** The body limit of a route that names none ({@code 1MiB}). */
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    /** The fewest bytes of key a Standard Webhooks secret may decode to (the specification's floor). */
    public static final int MIN_STANDARD_WEBHOOKS_KEY_BYTES = 24;

    public WebhookSpec {
        Objects.requireNonNull(scheme, "scheme");
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(tolerance, "tolerance");
        if (!SCHEMES.contains(scheme)) {
            throw new Route.InvalidSetting("webhook", "webhook '" + scheme + "' is not github, standard-webhooks, stripe or"
                    + " slack");
        }
        if (secrets.isEmpty()) {
            throw new Route.InvalidSetting("secrets", "a webhook route needs at least one secret");
        }
        for (int i = 0; i < secrets.size(); i++) {
            // Checked here, not on the first delivery: a short key or an undecodable one fails at startup.
            checkSecret(scheme, secrets.get(i), "secret " + (i + 1) + " of " + secrets.size());
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new Route.InvalidSetting("tolerance", "the webhook tolerance must be positive");
        }
        if (maxBody < 1 || maxBody > 64L * 1024 * 1024) {
            throw new Route.InvalidSetting("max-body", "the webhook max-body must be between 1 byte and 64MiB");
        }
    }

    /**
     * A secret must be long enough that it cannot be guessed online: its UTF-8 bytes are the HMAC key for GitHub,
     * Stripe and Slack (at least 32); a Standard Webhooks secret is {@code whsec_} (optional, as in the reference
     * libraries) and the base64 of a random key of at least 24 bytes, the specification's own floor.
     */
    private static void checkSecret(String scheme, String secret, String which) {
        if (secret.isBlank()) {
            throw new Route.InvalidSetting("secrets", scheme + " " + which + " is empty");
        }
        if (!scheme.equals("standard-webhooks")) {
            if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new Route.InvalidSetting("secrets", scheme + " " + which + " has fewer than " + MIN_SECRET_BYTES
                        + " bytes: rotate to a longer one (openssl rand -hex 32); a secret that contains a comma goes"
                        + " in a file: one secret per line");
            }
            return;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
        } catch (IllegalArgumentException e) {
            throw new Route.InvalidSetting("secrets", "standard-webhooks " + which + " must be whsec_ followed by the base64"
                    + " of the key");
        }
        if (key.length < MIN_STANDARD_WEBHOOKS_KEY_BYTES) {
            throw new Route.InvalidSetting("secrets", "standard-webhooks " + which + " decodes to fewer than "
                    + MIN_STANDARD_WEBHOOKS_KEY_BYTES + " bytes: the specification requires a random key of 24 to 64");
        }
    }

    /** A scheme with the default tolerance (5m) and body limit (1 MiB). */
    public static WebhookSpec of(String scheme, String... secrets) {
        return new WebhookSpec(scheme, List.of(secrets), DEFAULT_TOLERANCE, DEFAULT_MAX_BODY);
    }

    @Override
    public String toString() {
        return "WebhookSpec[" + scheme + ", " + secrets.size() + " secret(s), tolerance=" + tolerance + ", maxBody="
                + maxBody + "]";
    }
}
