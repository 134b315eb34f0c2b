package dev.gatecheck.test;

import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.JwtSettings;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An identity provider for tests, in memory: a key pair generated for this run (RSA, EC or Ed25519), its JWKS
 * inline or served on a loopback port, tokens built fluently, hostile variants, and the Gatecheck configuration
 * that trusts it. Tokens are signed with plain JCA, independently of Gatecheck's verifier.
 *
 * <pre>{@code
 * TestIssuer issuer = TestIssuer.create();                        // RS256, JWKS inline
 * Gatecheck gatecheck = Gatecheck.create(issuer.config().build());
 * String token = issuer.token().subject("alice").roles("admin").build();
 * String expired = issuer.hostile(Hostile.EXPIRED);
 * }</pre>
 *
 * Close an issuer built with {@link Builder#served()} to stop its server; closing an inline one does nothing.
 */
public final class TestIssuer implements AutoCloseable {
    /** The {@code iss} of an issuer whose JWKS is inline, unless another is given. */
    public static final String DEFAULT_ISSUER = "https://issuer.gatecheck.test";
    /** The {@code aud} of the issuer's tokens and the audience its configuration accepts, unless another is given. */
    public static final String DEFAULT_AUDIENCE = "api";

    private final String algorithm;
    private final String kid;
    private final String audience;
    private final Clock clock;
    private final boolean clockGiven;
    private final KeyPair keyPair;
    private final Optional<JwksEndpoint> endpoint;
    private final String issuer;
    private KeyPair stranger;

    private TestIssuer(Builder builder) {
        this.algorithm = builder.algorithm;
        this.kid = builder.kid != null ? builder.kid : "test-" + UUID.randomUUID().toString().substring(0, 8);
        this.audience = builder.audience;
        this.clock = builder.clock != null ? builder.clock : Clock.systemUTC();
        this.clockGiven = builder.clock != null;
        this.keyPair = Jose.generate(algorithm);
        this.endpoint = builder.servedPath == null ? Optional.empty()
                : Optional.of(new JwksEndpoint(builder.servedPath, this::jwks));
        this.issuer = builder.issuer != null ? builder.issuer
                : endpoint.map(JwksEndpoint::issuer).orElse(DEFAULT_ISSUER);
    }

    /** An RS256 issuer with its JWKS inline, {@link #DEFAULT_ISSUER} and {@link #DEFAULT_AUDIENCE}. */
    public static TestIssuer create() {
        return builder().build();
    }

    /** Chooses the algorithm, names and whether the JWKS is served. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code iss} of its tokens. */
    public String issuer() {
        return issuer;
    }

    /** The {@code aud} of its tokens. */
    public String audience() {
        return audience;
    }

    /** The algorithm its key is bound to (the JWK's {@code alg}). */
    public String algorithm() {
        return algorithm;
    }

    /** The {@code kid} of its key. */
    public String kid() {
        return kid;
    }

    /** Its JWKS document: the one public key, with {@code kid}, {@code alg} and {@code use}. */
    public String jwks() {
        return Json.write(Map.of("keys", List.of(Jose.jwk(keyPair.getPublic(), kid, algorithm))));
    }

    /** Its public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), for {@code gatecheck.jwt.public-key-location}. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keyPair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The URL of its JWKS when served ({@code <issuer>/jwks}; discovery at {@code <issuer>/.well-known/...}). */
    public Optional<String> jwksUri() {
        return endpoint.map(JwksEndpoint::jwksUri);
    }

    /** A token valid for {@link #config()}, to change and {@link TokenBuilder#build() build}. */
    public TokenBuilder token() {
        return new TokenBuilder(this);
    }

    /** A default token with {@code variant}'s flaw. */
    public String hostile(Hostile variant) {
        return token().hostile(variant);
    }

    /**
     * Sets the issuer, its audience and its keys (the JWKS inline, or the served JWKS URL) on {@code jwt}, for
     * {@code GatecheckConfig.builder().jwt(issuer::configure)}; further settings may follow in the same lambda.
     */
    public void configure(JwtSettings jwt) {
        jwt.issuer(issuer).audiences(audience);
        endpoint.ifPresentOrElse(served -> jwt.jwksUri(served.jwksUri()), () -> jwt.jwks(jwks()));
    }

    /** A configuration builder that trusts this issuer (and uses its clock, when one was given): add routes. */
    public GatecheckConfig.Builder config() {
        GatecheckConfig.Builder config = GatecheckConfig.builder().jwt(this::configure);
        return clockGiven ? config.clock(clock) : config;
    }

    /**
     * The same as configuration keys ({@code gatecheck.jwt.issuer}, {@code .audiences}, {@code .jwks} or
     * {@code .jwks-uri}), for filter init-params, a properties file or Spring properties.
     */
    public Map<String, String> properties() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("gatecheck.jwt.issuer", issuer);
        keys.put("gatecheck.jwt.audiences", audience);
        endpoint.ifPresentOrElse(served -> keys.put("gatecheck.jwt.jwks-uri", served.jwksUri()),
                () -> keys.put("gatecheck.jwt.jwks", jwks()));
        return keys;
    }

    /** Stops the served JWKS endpoint, if any. */
    @Override
    public void close() {
        endpoint.ifPresent(JwksEndpoint::close);
    }

    Clock clock() {
        return clock;
    }

    KeyPair keyPair() {
        return keyPair;
    }

    /** A second key of the same kind, never published: what forged tokens are signed with. */
    synchronized KeyPair strangerKeyPair() {
        if (stranger == null) {
            stranger = Jose.generate(algorithm);
        }
        return stranger;
    }

    @Override
    public String toString() {
        return "TestIssuer[" + issuer + ", " + algorithm + ", kid " + kid + "]";
    }

    /** How a {@link TestIssuer} is made; every setting has a default. */
    public static final class Builder {
        private String algorithm = "RS256";
        private String issuer;
        private String audience = DEFAULT_AUDIENCE;
        private String kid;
        private Clock clock;
        private String servedPath;

        private Builder() {
        }

        /** RS256 (default), RS384, RS512, PS256/384/512 (RSA 2048), ES256/384/512 (P-256/384/521), EdDSA (Ed25519). */
        public Builder algorithm(String algorithm) {
            Jose.family(algorithm);
            this.algorithm = algorithm;
            return this;
        }

        /** An RSA key, RS256. */
        public Builder rsa() {
            return algorithm("RS256");
        }

        /** An EC P-256 key, ES256. */
        public Builder ec() {
            return algorithm("ES256");
        }

        /** An Ed25519 key, EdDSA. */
        public Builder ed25519() {
            return algorithm("EdDSA");
        }

        /** The {@code iss}; by default {@link #DEFAULT_ISSUER}, or the server's URL when {@link #served() served}. */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** The {@code aud}; {@link #DEFAULT_AUDIENCE} by default. */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** The key's {@code kid}; a random one by default. */
        public Builder kid(String kid) {
            this.kid = Objects.requireNonNull(kid, "kid");
            return this;
        }

        /** The clock of {@code iat} and {@code exp}, given to the configuration too (move it in tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Serves the JWKS and an OIDC discovery document on a free loopback port; the issuer is its URL. Gatecheck
         * fetches them on the first request and waits at most a second: on a busy machine that request may be a
         * 503, so prefer the inline JWKS unless the test is about fetching keys.
         */
        public Builder served() {
            return served("");
        }

        /**
         * Served under {@code path} ({@code /realms/demo}): the issuer is {@code http://127.0.0.1:<port><path>},
         * the discovery document {@code <issuer>/.well-known/openid-configuration}.
         */
        public Builder served(String path) {
            if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
                throw new IllegalArgumentException("a served path starts with / and does not end with one: " + path);
            }
            this.servedPath = path;
            return this;
        }

        /** Generates the key (and starts the server, when served). */
        public TestIssuer build() {
            return new TestIssuer(this);
        }
    }
}
