package dev.gatecheck.config;

import dev.gatecheck.keys.KeySpec;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import java.time.Duration;
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
 * @param rolesClaim dotted path to the roles
 * @param scopeClaim the scope claim ({@code scp} is also read)
 * @param orgClaim dotted path to the organisation
 * @param keys where the asymmetric keys come from
 * @param hmacKey the HMAC key for HS* tokens
 * @param dpop whether tokens come as DPoP-bound (RFC 9449) tokens, bearer tokens, or either
 */
public record IssuerConfig(String prefix, String issuer, Set<String> audiences, Set<SignatureAlgorithm> algorithms,
                           Duration clockSkew, Duration maxLifetime, Set<String> requiredClaims,
                           Optional<String> typ, String rolesClaim, String scopeClaim, String orgClaim,
                           Optional<KeySpec> keys, Optional<VerificationKey> hmacKey, Dpop dpop) {
    public IssuerConfig {
        Objects.requireNonNull(prefix, "prefix");
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
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(hmacKey, "hmacKey");
        Objects.requireNonNull(dpop, "dpop");
    }

    /** How an issuer's tokens may be sender-constrained with DPoP ({@code gatecheck.jwt.dpop}). */
    public enum Dpop {
        /**
         * Both schemes: {@code Authorization: Bearer} for plain tokens, {@code Authorization: DPoP} with a proof for
         * DPoP-bound ones ({@code cnf.jkt}); a bound token is never accepted as a bearer token.
         */
        ALLOWED,
        /** Only DPoP-bound tokens, with a proof. */
        REQUIRED,
        /** No DPoP: the scheme is refused, and so is a bound token, whose binding could not be checked. */
        DISABLED;

        /** The configuration spelling, e.g. {@code allowed}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The mode of a configuration value, matched exactly. */
        public static Optional<Dpop> fromKey(String key) {
            return java.util.Arrays.stream(values()).filter(d -> d.key().equals(key)).findFirst();
        }
    }

    /** What the keys are, for the startup log (never key material). */
    public String keyDescription() {
        return String.join(", ", Stream.of(keys.map(KeySpec::description),
                hmacKey.map(k -> "HMAC secret (" + k.algorithm() + ")")).flatMap(Optional::stream).toList());
    }
}
