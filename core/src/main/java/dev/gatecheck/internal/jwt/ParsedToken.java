package dev.gatecheck.internal.jwt;

import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import java.util.Map;
import java.util.Optional;

/**
 * A compact JWS that passed the strict pre-check, parsed once: its header (what the pre-check made of it) and claims,
 * the exact bytes that were signed (the first {@code signingInputLength} bytes of {@code token}, not copied), and the
 * signature. Nothing in it is trusted until the signature verifies. The header segment is the first
 * {@code headerLength} bytes; {@code headerKnown}: it is one that verified before.
 */
record ParsedToken(VerifiedHeaders.Header parsedHeader, Map<String, Object> claims, byte[] token, int headerLength,
                   int signingInputLength, byte[] signature, boolean headerKnown) {

    /** The header's parameters. */
    Map<String, Object> header() {
        return parsedHeader.fields();
    }

    SignatureAlgorithm algorithm() {
        return parsedHeader.algorithm();
    }

    Optional<String> kid() {
        return parsedHeader.kid();
    }

    /** True when the signature verifies under {@code key}. */
    boolean verifiedBy(VerificationKey key) {
        return key.verify(token, signingInputLength, signature);
    }

    /** The unverified {@code iss}, used only to pick the issuer whose keys will check the signature. */
    Optional<String> claimedIssuer() {
        return claims.get("iss") instanceof String iss ? Optional.of(iss) : Optional.empty();
    }

    @Override
    public String toString() {
        return "ParsedToken[alg=" + algorithm() + "]";
    }
}
