package dev.gatecheck.internal.jwt;

import dev.gatecheck.internal.Base64Url;
import dev.gatecheck.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RFC 7638 SHA-256 thumbprint of a public JWK, base64url: the digest of its required members, in lexicographic
 * order, as JSON without whitespace. A DPoP-bound token names its key by it ({@code cnf.jkt}, RFC 9449).
 */
final class JwkThumbprint {
    private JwkThumbprint() {
    }

    /** The thumbprint of {@code jwk}; empty when it lacks a required member or one is not a string. */
    static Optional<String> of(Map<?, ?> jwk) {
        List<String> required = switch (String.valueOf(jwk.get("kty"))) {
            case "RSA" -> List.of("e", "kty", "n");
            case "EC" -> List.of("crv", "kty", "x", "y");
            case "OKP" -> List.of("crv", "kty", "x");
            default -> List.of();
        };
        if (required.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder json = new StringBuilder("{");
        for (String member : required) {
            if (!(jwk.get(member) instanceof String value)) {
                return Optional.empty();
            }
            json.append(json.length() > 1 ? "," : "").append(Json.quote(member)).append(':').append(Json.quote(value));
        }
        return Optional.of(Base64Url.encode(sha256(json.append('}').toString().getBytes(StandardCharsets.UTF_8))));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
