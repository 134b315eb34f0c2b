package dev.gatecheck.internal.jwt;

import dev.gatecheck.auth.AuthMethod;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What kind of JWT a verifier reads: bearer tokens, or a gateway's assertion with its quirks.
 *
 * @param method how the resulting identity counts as established
 * @param paddedSegments accept base64url segments with {@code =} padding (AWS ALB); the signature is still
 *                       verified over the token exactly as received
 * @param requiredHeaders JWS header parameters that must hold one of the given string values (ALB {@code signer})
 */
public record TokenProfile(AuthMethod method, boolean paddedSegments, Map<String, Set<String>> requiredHeaders) {
    /** Bearer tokens: canonical encoding, no header requirements. */
    public static final TokenProfile BEARER = new TokenProfile(AuthMethod.TOKEN, false, Map.of());

    public TokenProfile {
        Objects.requireNonNull(method, "method");
        Map<String, Set<String>> copy = new java.util.HashMap<>();
        requiredHeaders.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        requiredHeaders = Map.copyOf(copy);
    }

    /** A gateway assertion profile. */
    public static TokenProfile assertion(boolean paddedSegments, Map<String, Set<String>> requiredHeaders) {
        return new TokenProfile(AuthMethod.GATEWAY, paddedSegments, requiredHeaders);
    }
}
