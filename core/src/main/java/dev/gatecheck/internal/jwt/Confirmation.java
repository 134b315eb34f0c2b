package dev.gatecheck.internal.jwt;

import dev.gatecheck.config.IssuerConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a verified token is bound to, read from its {@code cnf} claim once, when it verifies, and kept beside its
 * cached identity: the check made on every request then reads no claim map. {@code issuer} is the configuration of
 * the issuer that vouched for the token (its DPoP setting applies); {@code jkt} the RFC 9449 key thumbprint and
 * {@code x5t} the RFC 8705 certificate thumbprint it names. {@code understood} is false for a {@code cnf} Gatecheck
 * cannot check (another method, a malformed value), which is refused, never ignored. Internal.
 */
public record Confirmation(IssuerConfig issuer, boolean understood, Optional<String> jkt, Optional<String> x5t) {
    private static final Set<String> METHODS = Set.of("jkt", "x5t#S256");

    /** A token of {@code issuer} bound to nothing: one per issuer, shared by all its unbound tokens. */
    static Confirmation none(IssuerConfig issuer) {
        return new Confirmation(issuer, true, Optional.empty(), Optional.empty());
    }

    /** The confirmation of a token of this {@link #none} confirmation's issuer with {@code claims}. */
    Confirmation of(Map<String, Object> claims) {
        Object cnf = claims.get("cnf");
        if (cnf == null) {
            return this;
        }
        if (!(cnf instanceof Map<?, ?> members && METHODS.containsAll(members.keySet())
                && members.values().stream().allMatch(String.class::isInstance))) {
            return new Confirmation(issuer, false, Optional.empty(), Optional.empty());
        }
        return new Confirmation(issuer, true, Optional.ofNullable((String) members.get("jkt")),
                Optional.ofNullable((String) members.get("x5t#S256")));
    }
}
