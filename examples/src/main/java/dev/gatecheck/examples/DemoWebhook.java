package dev.gatecheck.examples;

import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demos' webhook receivers (DESIGN "The demo contract"): {@code /webhooks/*} answers
 * {@code {"received_bytes":..,"sha256":"<hex of the body as the application read it>","caller":"<principal>"}},
 * and the built-in configuration makes {@value #PATH} a GitHub-signed route whose secret is generated at
 * startup and printed with a ready {@code curl} + {@code openssl} line.
 */
public final class DemoWebhook {
    /** The GitHub-signed route of the built-in configuration; its caller is {@code github:github-webhook}. */
    public static final String ROUTE = "github-webhook";
    public static final String PATH = "/webhooks/github";
    /** The body of the printed test delivery (GitHub's {@code ping} event carries a zen line like it). */
    public static final String SAMPLE_BODY = "{\"zen\":\"Keep it logically awesome.\"}";
    /** The largest body a receiver reads on a token route (webhook routes have their own {@code max-body}). */
    public static final int MAX_BODY = 1024 * 1024;

    private DemoWebhook() {
    }

    /** A new random webhook secret: 32 bytes as 64 hex digits (safe inside shell quotes). */
    public static String newSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** {@value #PATH}, signed GitHub's way with {@code secret} (default tolerance and 1 MiB body limit). */
    public static Route route(String secret) {
        return Route.webhook(ROUTE, List.of(PATH), WebhookSpec.of("github", secret));
    }

    /** At most {@link #MAX_BODY} bytes of {@code body}; empty when there are more. */
    public static Optional<byte[]> read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? Optional.empty() : Optional.of(bytes);
    }

    /** The receiver's answer for {@code body} as the application read it, sent by {@code caller} (may be null). */
    public static Map<String, Object> answer(byte[] body, Principal caller) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received_bytes", body.length);
        answer.put("sha256", sha256(body));
        answer.put("caller", caller == null ? null : caller.getName());
        return answer;
    }

    /** The SHA-256 of {@code bytes} in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One line for bash or zsh that signs {@link #SAMPLE_BODY} with {@code secret} using {@code openssl}, sends it
     * to {@value #PATH} with {@code curl}, and prints the answer. No {@code X-GitHub-Delivery}: GitHub does not sign
     * it, so Gatecheck tells deliveries apart by their signature.
     */
    public static String signedDeliveryLine(URI base, String secret) {
        return "SECRET='" + secret + "'; body='" + SAMPLE_BODY + "'; "
                + "sig=$(printf '%s' \"$body\" | openssl dgst -sha256 -hmac \"$SECRET\" | sed 's/^.* //'); "
                + "curl -s -H \"X-Hub-Signature-256: sha256=$sig\" "
                + "-H 'Content-Type: application/json' --data-binary \"$body\" " + base + PATH;
    }

    /** Prints the secret of {@value #PATH} and {@link #signedDeliveryLine}, for a banner. */
    public static void print(PrintStream out, URI base, String secret) {
        out.println("GitHub webhook secret of " + PATH + " (random, new at every start):");
        out.println(secret);
        out.println("# a GitHub-signed test delivery, signed with openssl (200, answers the sha256 of the body as the"
                + " application read it; pasted again within 10 minutes, 401 replayed: the same signed body is the"
                + " same delivery)");
        out.println(signedDeliveryLine(base, secret));
    }
}
