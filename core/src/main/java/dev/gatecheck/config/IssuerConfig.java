package dev.gatecheck.config;

import dev.gatecheck.keys.KeySpec;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import java.net.URI;
import java.security.PrivateKey;
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
 * @param introspection how this issuer's tokens are introspected (RFC 7662), if they are
 * @param dpop whether tokens come as DPoP-bound (RFC 9449) tokens, bearer tokens, or either
 */
public record IssuerConfig(String prefix, String issuer, Set<String> audiences, Set<SignatureAlgorithm> algorithms,
                           Duration clockSkew, Duration maxLifetime, Set<String> requiredClaims,
                           Optional<String> typ, List<String> rolesClaims, String scopeClaim, String orgClaim,
                           Map<String, String> claimValues, Optional<KeySpec> keys, Optional<VerificationKey> hmacKey,
                           Optional<Introspection> introspection, Dpop dpop) {
    /** The {@link #name()} of the {@code gatecheck.jwt.*} issuer, which a named issuer cannot take. */
    static final String JWT_NAME = "jwt";
    /** The {@link #name()} of the gateway assertion's issuer, which a named issuer cannot take. */
    static final String GATEWAY_NAME = "gateway";

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
        Objects.requireNonNull(introspection, "introspection");
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

    /**
     * The name health and metrics give this issuer's keys: {@code jwt} for {@code gatecheck.jwt.*}, {@code <name>}
     * for {@code gatecheck.issuers.<name>.*}, {@code gateway} for the gateway assertion.
     */
    public String name() {
        return configName().orElse(prefix.startsWith("gatecheck.gateway.") ? GATEWAY_NAME : JWT_NAME);
    }

    /** The issuer's configuration name ({@code <name>} of {@code gatecheck.issuers.<name>.}), if it has one. */
    public Optional<String> configName() {
        String named = "gatecheck.issuers.";
        return prefix.startsWith(named) && prefix.endsWith(".")
                ? Optional.of(prefix.substring(named.length(), prefix.length() - 1)) : Optional.empty();
    }

    /** True when {@code reference} (a route's {@code issuer}) names this issuer: its {@link #configName()} or its iss. */
    public boolean isNamed(String reference) {
        return reference.equals(issuer) || configName().filter(reference::equals).isPresent();
    }

    /**
     * How an issuer's tokens are introspected (RFC 7662, {@code <prefix>introspection.*}). Plain data: the engine
     * builds the client. {@link #toString()} leaves the secret and the key out.
     *
     * @param uri the introspection endpoint; empty: the {@code introspection_endpoint} of OIDC discovery
     * @param clientId the client the resource server authenticates as
     * @param clientSecret the secret of {@link ClientAuth#CLIENT_SECRET_BASIC}
     * @param privateKey the key signing the {@link ClientAuth#PRIVATE_KEY_JWT} assertion
     */
    public record Introspection(Optional<URI> uri, String clientId, Optional<String> clientSecret,
                                Optional<PrivateKey> privateKey) {
        public Introspection {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(privateKey, "privateKey");
            if (clientSecret.isPresent() == privateKey.isPresent()) {
                throw new IllegalArgumentException("give exactly one of a client secret and a private key");
            }
            privateKey.ifPresent(Introspection::assertionAlgorithm);
        }

        /**
         * The algorithm a {@code private_key_jwt} assertion is signed with: RS256 for RSA, ES256/384/512 by the EC
         * curve, EdDSA for Ed25519.
         *
         * @throws IllegalArgumentException for another key
         */
        public static SignatureAlgorithm assertionAlgorithm(PrivateKey key) {
            if (key instanceof java.security.interfaces.RSAPrivateKey) {
                return SignatureAlgorithm.RS256;
            }
            if (key instanceof java.security.interfaces.ECPrivateKey ec) {
                return switch (ec.getParams().getCurve().getField().getFieldSize()) {
                    case 256 -> SignatureAlgorithm.ES256;
                    case 384 -> SignatureAlgorithm.ES384;
                    case 521 -> SignatureAlgorithm.ES512;
                    default -> throw new IllegalArgumentException("is an EC key on a curve other than P-256/384/521");
                };
            }
            if (key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().equals("Ed25519")) {
                return SignatureAlgorithm.EdDSA;
            }
            throw new IllegalArgumentException("is not an RSA, EC or Ed25519 private key");
        }

        /** How the client authenticates to the endpoint. */
        public ClientAuth clientAuth() {
            return privateKey.isPresent() ? ClientAuth.PRIVATE_KEY_JWT : ClientAuth.CLIENT_SECRET_BASIC;
        }

        @Override
        public String toString() {
            return "Introspection[uri=" + uri.map(URI::toString).orElse("(discovery)") + ", clientId=" + clientId
                    + ", clientAuth=" + clientAuth().key() + "]";
        }

        /** Client authentication at the introspection endpoint ({@code <prefix>introspection.auth-method}). */
        public enum ClientAuth {
            /** HTTP Basic with the client id and secret, form-encoded (RFC 6749 section 2.3.1). */
            CLIENT_SECRET_BASIC("client_secret_basic"),
            /** A JWT the client signs with its private key (RFC 7523, OIDC Core section 9). */
            PRIVATE_KEY_JWT("private_key_jwt");

            private final String key;

            ClientAuth(String key) {
                this.key = key;
            }

            /** The configuration value, e.g. {@code client_secret_basic}. */
            public String key() {
                return key;
            }

            /** The method a configuration value names. */
            public static Optional<ClientAuth> fromKey(String key) {
                return java.util.Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
            }
        }
    }

    /** What the keys and the introspection are, for the startup log (never key material or a secret). */
    public String keyDescription() {
        return String.join(", ", Stream.of(keys.map(KeySpec::description),
                hmacKey.map(k -> "HMAC secret (" + k.algorithm() + ")"),
                introspection.map(i -> "introspection at " + i.uri().map(URI::toString)
                        .orElse("the introspection_endpoint of OIDC discovery"))).flatMap(Optional::stream).toList());
    }
}
