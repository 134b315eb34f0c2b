package dev.gatecheck.internal.webhook;

import dev.gatecheck.auth.AuthRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One provider's signature scheme, exactly as the provider specifies it. Every scheme signs with HMAC-SHA256 and
 * compares in constant time against every configured secret (rotation).
 */
abstract class WebhookScheme {
    /**
     * The most signatures one header may offer. Each costs an HMAC over the whole body per secret, and providers
     * send one, or two while they rotate secrets: more is refused before any HMAC is computed.
     */
    static final int MAX_SIGNATURES = 5;

    /** The secrets as HMAC keys, decoded the way this scheme decodes them. */
    abstract List<byte[]> keys(List<String> secrets);

    /** Verifies {@code body} (the exact received bytes) at {@code nowSeconds}. */
    abstract WebhookResult verify(AuthRequest request, byte[] body, List<byte[]> keys, long nowSeconds,
                                  long toleranceSeconds);

    static WebhookScheme named(String scheme) {
        return switch (scheme) {
            case "github" -> new GitHub();
            case "standard-webhooks" -> new StandardWebhooks();
            case "stripe" -> new Stripe();
            case "slack" -> new Slack();
            default -> throw new IllegalArgumentException("unknown webhook scheme " + scheme);
        };
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** True when any key's MAC over {@code parts} equals {@code presented}; every key is tried. */
    static boolean anyMatches(List<byte[]> keys, byte[] presented, byte[]... parts) {
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(hmac(key, parts), presented);
        }
        return match;
    }

    static Optional<String> single(AuthRequest request, String header) {
        List<String> values = request.headers(header);
        return values.size() == 1 ? Optional.of(values.get(0).trim()) : Optional.empty();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The replay key form of a signature: the MAC bytes in lower-case hex, so one MAC spelt differently (upper-case
     * hex digits) is still the same delivery.
     */
    static String canonical(byte[] mac) {
        return HexFormat.of().formatHex(mac);
    }

    static byte[] hex(String s) {
        if (!s.matches("[0-9a-fA-F]{64}")) {
            return null;
        }
        return HexFormat.of().parseHex(s);
    }

    /** True when {@code timestamp} (Unix seconds) is within {@code tolerance} of {@code now}, either way. */
    static boolean fresh(String timestamp, long now, long tolerance) {
        return timestamp.matches("\\d{1,12}") && Math.abs(now - Long.parseLong(timestamp)) <= tolerance;
    }

    static List<byte[]> utf8(List<String> secrets) {
        return secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>} over the raw body; no timestamp. */
    static final class GitHub extends WebhookScheme {
        @Override
        List<byte[]> keys(List<String> secrets) {
            return utf8(secrets);
        }

        @Override
        WebhookResult verify(AuthRequest request, byte[] body, List<byte[]> keys, long now, long tolerance) {
            Optional<String> header = single(request, "X-Hub-Signature-256");
            if (header.isEmpty()) {
                return WebhookResult.Invalid.MISSING;
            }
            byte[] presented = header.get().startsWith("sha256=") ? hex(header.get().substring(7)) : null;
            if (presented == null || !anyMatches(keys, presented, body)) {
                return WebhookResult.Invalid.BAD_SIGNATURE;
            }
            // X-GitHub-Delivery is not signed, so the sender could name any id: the MAC itself is the delivery.
            return new WebhookResult.Valid(Optional.empty(), "github:" + canonical(presented));
        }
    }

    /** Standard Webhooks: {@code id.timestamp.body}, {@code v1,<base64>} list, {@code whsec_} base64 secret. */
    static final class StandardWebhooks extends WebhookScheme {
        @Override
        List<byte[]> keys(List<String> secrets) {
            return secrets.stream().map(s -> Base64.getDecoder().decode(s.startsWith("whsec_") ? s.substring(6) : s))
                    .toList();
        }

        @Override
        WebhookResult verify(AuthRequest request, byte[] body, List<byte[]> keys, long now, long tolerance) {
            Optional<String> id = single(request, "webhook-id");
            Optional<String> ts = single(request, "webhook-timestamp");
            Optional<String> signatures = single(request, "webhook-signature");
            if (id.isEmpty() || ts.isEmpty() || signatures.isEmpty() || id.get().isEmpty()) {
                return WebhookResult.Invalid.MISSING;
            }
            List<String> v1 = Arrays.stream(signatures.get().split(" ")).filter(entry -> entry.startsWith("v1,"))
                    .map(entry -> entry.substring(3)).toList(); // v1a (Ed25519) is not verified here
            if (v1.size() > MAX_SIGNATURES) {
                return WebhookResult.Invalid.TOO_MANY_SIGNATURES;
            }
            if (!fresh(ts.get(), now, tolerance)) {
                return WebhookResult.Invalid.STALE;
            }
            // UTF-8, as the specification signs the id: ASCII would turn every other character into '?', so ids
            // differing there (msg_?1, msg_é1) would share one signature under different replay keys.
            byte[] signed = (id.get() + "." + ts.get() + ".").getBytes(StandardCharsets.UTF_8);
            for (String candidate : v1) {
                byte[] presented;
                try {
                    presented = Base64.getDecoder().decode(candidate);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (anyMatches(keys, presented, signed, body)) {
                    return new WebhookResult.Valid(id, id.get());
                }
            }
            return WebhookResult.Invalid.BAD_SIGNATURE;
        }
    }

    /** Stripe: {@code Stripe-Signature: t=..,v1=..}; {@code t.body}; the whole secret is the key. */
    static final class Stripe extends WebhookScheme {
        @Override
        List<byte[]> keys(List<String> secrets) {
            return utf8(secrets);
        }

        @Override
        WebhookResult verify(AuthRequest request, byte[] body, List<byte[]> keys, long now, long tolerance) {
            Optional<String> header = single(request, "Stripe-Signature");
            if (header.isEmpty()) {
                return WebhookResult.Invalid.MISSING;
            }
            String t = null;
            List<String> v1 = new java.util.ArrayList<>();
            for (String item : header.get().split(",")) {
                int eq = item.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = item.substring(0, eq).trim();
                String value = item.substring(eq + 1).trim();
                if (key.equals("t")) {
                    t = value;
                } else if (key.equals("v1")) {
                    v1.add(value); // v0 is a test-mode decoy and is ignored
                }
            }
            if (t == null || v1.isEmpty()) {
                return WebhookResult.Invalid.MISSING;
            }
            if (v1.size() > MAX_SIGNATURES) {
                return WebhookResult.Invalid.TOO_MANY_SIGNATURES;
            }
            if (!fresh(t, now, tolerance)) {
                return WebhookResult.Invalid.STALE;
            }
            byte[] prefix = ascii(t + ".");
            for (String candidate : v1) {
                byte[] presented = hex(candidate);
                if (presented != null && anyMatches(keys, presented, prefix, body)) {
                    return new WebhookResult.Valid(Optional.empty(), "stripe:" + t + ":" + canonical(presented));
                }
            }
            return WebhookResult.Invalid.BAD_SIGNATURE;
        }
    }

    /** Slack: {@code X-Slack-Signature: v0=<hex>} over {@code v0:timestamp:body}. */
    static final class Slack extends WebhookScheme {
        @Override
        List<byte[]> keys(List<String> secrets) {
            return utf8(secrets);
        }

        @Override
        WebhookResult verify(AuthRequest request, byte[] body, List<byte[]> keys, long now, long tolerance) {
            Optional<String> signature = single(request, "X-Slack-Signature");
            Optional<String> ts = single(request, "X-Slack-Request-Timestamp");
            if (signature.isEmpty() || ts.isEmpty()) {
                return WebhookResult.Invalid.MISSING;
            }
            if (!fresh(ts.get(), now, tolerance)) {
                return WebhookResult.Invalid.STALE;
            }
            byte[] presented = signature.get().startsWith("v0=") ? hex(signature.get().substring(3)) : null;
            if (presented == null || !anyMatches(keys, presented, ascii("v0:" + ts.get() + ":"), body)) {
                return WebhookResult.Invalid.BAD_SIGNATURE;
            }
            return new WebhookResult.Valid(Optional.empty(), "slack:" + ts.get() + ":" + canonical(presented));
        }
    }
}
