package dev.gatecheck.config;

import dev.gatecheck.keys.KeySpec;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How tokens of one issuer are verified: the keys, the allowed algorithms and the claim rules
 * ({@code gatecheck.jwt.*}, {@code gatecheck.issuers.<name>.*}). Plain data: the engine starts the key source.
 *
 * @param prefix the configuration prefix these settings came from ({@code gatecheck.jwt.}), for messages
 * @param issuer the exact {@code iss} required
 * @param audiences accepted {@code aud} values (any one); empty accepts any audience
 * @param algorithms the allowed {@code alg} values
 * @param clockSkew leeway for {@code exp}, {@code nbf} and {@code iat}
 * @param maxLifetime the longest accepted {@code exp - iat} (or {@code exp - now})
 * @param requiredClaims claims that must be present
 * @param typ the required {@code typ} header (compared case-insensitively, {@code application/} optional)
 * @param rolesClaims dotted paths to the roles; the roles found at each are merged
 * @param scopeClaim the scope claim ({@code scp} is also read)
 * @param orgClaim dotted path to the organisation
 * @param claimValues claims that must hold exactly this string (the {@code keycloak} preset: {@code typ=Bearer})
 * @param keys where the asymmetric keys come from
 * @param hmacKey the HMAC key for HS* tokens
 */
public record IssuerConfig(String prefix, String issuer, Set<String> audiences, Set<SignatureAlgorithm> algorithms,
                           Duration clockSkew, Duration maxLifetime, Set<String> requiredClaims,
                           Optional<String> typ, List<String> rolesClaims, String scopeClaim, String orgClaim,
                           Map<String, String> claimValues, Optional<KeySpec> keys, Optional<VerificationKey> hmacKey) {
    public IssuerConfig {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
        requiredClaims = Set.copyOf(requiredClaims);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(typ, "typ");
        rolesClaims = List.copyOf(rolesClaims);
        Objects.requireNonNull(scopeClaim, "scopeClaim");
        Objects.requireNonNull(orgClaim, "orgClaim");
        claimValues = Map.copyOf(claimValues);
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(hmacKey, "hmacKey");
    }

    /** What the keys are, for the startup log (never key material). */
    public String keyDescription() {
        return String.join(", ", Stream.of(keys.map(KeySpec::description),
                hmacKey.map(k -> "HMAC secret (" + k.algorithm() + ")")).flatMap(Optional::stream).toList());
    }
}
