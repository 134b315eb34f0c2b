package dev.gatecheck.internal.httpsig;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 9530 {@code Content-Digest} of a body: {@code sha-256=:<base64>:} (and {@code sha-512}). Checked against the
 * bytes received, so a signature that covers the header binds the body.
 */
public final class ContentDigest {
    /** RFC 9530 algorithm keys Gatecheck checks, with their JCA names; others (insecure ones included) are ignored. */
    private static final Map<String, String> ALGORITHMS = Map.of("sha-256", "SHA-256", "sha-512", "SHA-512");

    private ContentDigest() {
    }

    /** The header value a gateway sends for {@code body}: {@code sha-256=:<base64>:}. */
    public static String of(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(digest("SHA-256", body)) + ":";
    }

    /**
     * Why {@code headerLines} (every {@code Content-Digest} line) do not vouch for {@code body}, or empty when they
     * do: one line, at least one known algorithm, and every known algorithm's digest equal to the body's.
     */
    public static Optional<String> mismatch(List<String> headerLines, byte[] body) {
        if (headerLines.size() != 1) {
            return Optional.of("content_digest_not_single");
        }
        Map<String, byte[]> digests;
        try {
            digests = StructuredFields.byteSequenceDictionary(headerLines.get(0));
        } catch (StructuredFields.ParseException e) {
            return Optional.of("malformed_content_digest");
        }
        boolean known = false;
        for (Map.Entry<String, byte[]> digest : digests.entrySet()) {
            String algorithm = ALGORITHMS.get(digest.getKey());
            if (algorithm != null) {
                known = true;
                if (!MessageDigest.isEqual(digest(algorithm, body), digest.getValue())) {
                    return Optional.of("content_digest_mismatch");
                }
            }
        }
        return known ? Optional.empty() : Optional.of("content_digest_algorithm_unsupported");
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
