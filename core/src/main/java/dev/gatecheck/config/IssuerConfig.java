package dev.gatecheck.config;

import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.SignatureAlgorithm;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How tokens of one issuer are verified: the keys, the allowed algorithms and the claim rules
 * ({@code gatecheck.jwt.*}).
 *
 * @param issuer the exact {@code iss} required
 * @param audiences accepted {@code aud} values (any one); empty accepts any audience
 * @param algorithms the allowed {@code alg} values
 * @param clockSkew leeway for {@code exp}, {@code nbf} and {@code iat}
 * @param maxLifetime the longest accepted {@code exp - iat} (or {@code exp - now})
 * @param requiredClaims claims that must be present
 * @param typ the required {@code typ} header (compared case-insensitively, {@code application/} optional)
 * @param rolesClaim dotted path to the roles
 * @param scopeClaim the scope claim ({@code scp} is also read)
 * @param orgClaim dotted path to the organisation
 * @param keySource where verification keys come from
 * @param keyDescription what the key source is, for logs (never key material)
 */
public record IssuerConfig(String issuer, Set<String> audiences, Set<SignatureAlgorithm> algorithms,
                           Duration clockSkew, Duration maxLifetime, Set<String> requiredClaims,
                           Optional<String> typ, String rolesClaim, String scopeClaim, String orgClaim,
                           KeySource keySource, String keyDescription) {
    public IssuerConfig {
        Objects.requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        requiredClaims = Set.copyOf(requiredClaims);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(typ, "typ");
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        Objects.requireNonNull(scopeClaim, "scopeClaim");
        Objects.requireNonNull(orgClaim, "orgClaim");
        Objects.requireNonNull(keySource, "keySource");
    }
}
