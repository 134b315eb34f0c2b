package dev.gatecheck.config;

import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.KeySpec;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link IssuerConfig} of one issuer ({@code gatecheck.jwt.*}); every setting is checked when
 * {@link GatecheckConfig.Builder#build()} runs, and errors name the key.
 */
public final class JwtSettings {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSettings.class);
    private static final Set<SignatureAlgorithm> ASYMMETRIC = EnumSet.complementOf(
            EnumSet.of(SignatureAlgorithm.HS256, SignatureAlgorithm.HS384, SignatureAlgorithm.HS512));

    private final String prefix;
    private final String audiencesKey;
    private String issuer;
    private Set<String> audiences = Set.of();
    private List<String> algorithmNames;
    private Duration clockSkew = Duration.ofSeconds(30);
    private Duration maxLifetime = Duration.ofHours(24);
    private boolean maxLifetimeSet;
    private boolean audienceOptional;
    private Set<String> requiredClaims = Set.of("exp");
    private String typ;
    private String rolesClaim = "roles";
    private String scopeClaim = "scope";
    private String orgClaim = "org";
    private byte[] hmacSecret;
    private final KeyMaterial material;

    JwtSettings(String prefix) {
        this(prefix, prefix + "audiences");
    }

    /** Settings whose keys start with {@code prefix}, the audiences being {@code audiencesKey}. */
    JwtSettings(String prefix, String audiencesKey) {
        this.prefix = prefix;
        this.audiencesKey = audiencesKey;
        this.material = new KeyMaterial(prefix);
    }

    /** The key of the accepted audiences, for errors. */
    String audiencesKey() {
        return audiencesKey;
    }

    /**
     * The exact {@code iss} tokens must carry ({@code gatecheck.jwt.issuer}). Required. Every setter refuses an
     * empty value (or list) with a {@link ConfigException}: a setting is removed by leaving it out.
     */
    public JwtSettings issuer(String issuer) {
        this.issuer = ConfigValues.nonBlank(prefix + "issuer", issuer);
        return this;
    }

    /** Accepted audiences; a token must name one ({@code gatecheck.jwt.audiences}). */
    public JwtSettings audiences(String... audiences) {
        // A repeated value is harmless, not an error; none at all would accept every audience.
        this.audiences = Set.copyOf(ConfigValues.nonBlankList(audiencesKey, audiences));
        return this;
    }

    /** Allowed algorithms by JOSE name ({@code gatecheck.jwt.algorithms}); default: the asymmetric ones. */
    public JwtSettings algorithms(String... algorithms) {
        this.algorithmNames = ConfigValues.nonBlankList(prefix + "algorithms", algorithms);
        return this;
    }

    /** Allowed algorithms. */
    public JwtSettings algorithms(SignatureAlgorithm... algorithms) {
        return algorithms(Arrays.stream(algorithms).map(Enum::name).toArray(String[]::new));
    }

    /** Leeway for {@code exp}, {@code nbf}, {@code iat} ({@code gatecheck.jwt.clock-skew}, 30s). */
    public JwtSettings clockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
        return this;
    }

    /** Longest accepted token lifetime ({@code gatecheck.jwt.max-lifetime}, 24h). */
    public JwtSettings maxLifetime(Duration maxLifetime) {
        this.maxLifetime = maxLifetime;
        this.maxLifetimeSet = true;
        return this;
    }

    /**
     * Claims that must be present ({@code gatecheck.jwt.required-claims}, {@code exp}). {@code exp} is always
     * required (DESIGN "Token validation, strictly"), so these claims are required in addition to it.
     */
    public JwtSettings requiredClaims(String... claims) {
        Set<String> required = new LinkedHashSet<>(ConfigValues.nonBlankList(prefix + "required-claims", claims));
        required.add("exp");
        this.requiredClaims = Set.copyOf(required);
        return this;
    }

    /** Required {@code typ} header, e.g. {@code at+jwt} ({@code gatecheck.jwt.typ}). */
    public JwtSettings typ(String typ) {
        this.typ = ConfigValues.nonBlank(prefix + "typ", typ);
        return this;
    }

    /** Dotted path to the roles ({@code gatecheck.jwt.roles-claim}, {@code roles}). */
    public JwtSettings rolesClaim(String path) {
        this.rolesClaim = ConfigValues.nonBlank(prefix + "roles-claim", path);
        return this;
    }

    /** The scope claim ({@code gatecheck.jwt.scope-claim}, {@code scope}; {@code scp} is also read). */
    public JwtSettings scopeClaim(String claim) {
        this.scopeClaim = ConfigValues.nonBlank(prefix + "scope-claim", claim);
        return this;
    }

    /** Dotted path to the organisation ({@code gatecheck.jwt.org-claim}, {@code org}). */
    public JwtSettings orgClaim(String path) {
        this.orgClaim = ConfigValues.nonBlank(prefix + "org-claim", path);
        return this;
    }

    /** A JWKS URL ({@code gatecheck.jwt.jwks-uri}). */
    public JwtSettings jwksUri(String uri) {
        material.jwksUri = ConfigValues.nonBlank(prefix + "jwks-uri", uri);
        return this;
    }

    /** Find the JWKS through OIDC discovery ({@code gatecheck.jwt.discovery}). */
    public JwtSettings discovery(boolean discovery) {
        material.discovery = discovery;
        return this;
    }

    /** A PEM public key or JWKS file, path or {@code classpath:} ({@code gatecheck.jwt.public-key-location}). */
    public JwtSettings publicKeyLocation(String location) {
        material.publicKeyLocation = ConfigValues.nonBlank(prefix + "public-key-location", location);
        return this;
    }

    /** PEM text ({@code PUBLIC KEY} or {@code CERTIFICATE} blocks). */
    public JwtSettings publicKeyPem(String pem) {
        ConfigValues.nonBlank(prefix + "public-key-location", pem);
        material.publicKeyText = () -> pem;
        return this;
    }

    /** An inline JWKS document or single JWK ({@code gatecheck.jwt.jwks}). */
    public JwtSettings jwks(String json) {
        material.jwksText = ConfigValues.nonBlank(prefix + "jwks", json);
        return this;
    }

    /** The HMAC secret for HS* tokens ({@code gatecheck.jwt.hmac-secret}). */
    public JwtSettings hmacSecret(byte[] secret) {
        this.hmacSecret = secret.clone();
        return this;
    }

    /** Keys already built ({@link VerificationKey#of}). */
    public JwtSettings keys(VerificationKey... keys) {
        material.keys.addAll(List.of(keys));
        return this;
    }

    /** Keys per {@code kid} at a URL template (the {@code aws-alb} preset). */
    void keyUrl(KeySpec.PemByKid spec) {
        material.keySpec = spec;
    }

    /**
     * A key source of the application's own, used alone (no other key setting may be given); the application
     * builds and closes it, the engine only asks it for keys.
     */
    public JwtSettings keySource(KeySource source) {
        material.keySource = source;
        return this;
    }

    void defaultAlgorithms(String... algorithms) {
        if (algorithmNames == null) {
            algorithms(algorithms);
        }
    }

    void defaultIssuer(String value) {
        if (issuer == null) {
            issuer = value;
        }
    }

    void defaultJwksUri(String uri) {
        if (!hasKeySource()) {
            material.jwksUri = uri;
        }
    }

    void defaultJwksUriFromIssuer(String path) {
        if (!hasKeySource() && issuer != null) {
            material.jwksUri = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + path;
        }
    }

    void defaultMaxLifetime(Duration lifetime) {
        if (!maxLifetimeSet) {
            maxLifetime = lifetime;
        }
    }

    /** Tokens of this issuer carry no audience (AWS ALB): no startup warning for an empty audience list. */
    void audienceOptional() {
        audienceOptional = true;
    }

    boolean hasKeySource() {
        return material.isSet();
    }

    IssuerConfig build() {
        if (issuer == null || issuer.isBlank()) {
            throw new ConfigException(prefix + "issuer", "is required: the exact iss value tokens must carry");
        }
        Set<SignatureAlgorithm> algorithms = algorithms();
        Optional<KeySpec> asymmetric = material.spec(issuer, algorithms);
        Optional<VerificationKey> hmac = Optional.empty();
        if (hmacSecret != null) {
            SignatureAlgorithm alg = algorithms.stream().filter(SignatureAlgorithm::isSymmetric).findFirst().orElseThrow();
            try {
                hmac = Optional.of(VerificationKey.hmac(hmacSecret, alg));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(prefix + "hmac-secret", e.getMessage());
            }
        }
        if (asymmetric.isEmpty() && hmac.isEmpty()) {
            throw new ConfigException(prefix + "public-key-location", "no verification key: set one of " + prefix
                    + "jwks-uri, " + prefix + "discovery, " + prefix + "public-key-location, " + prefix + "jwks or "
                    + prefix + "hmac-secret");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException(prefix + "clock-skew", "must be between 0s and 10m");
        }
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new ConfigException(prefix + "max-lifetime", "must be positive");
        }
        if (audiences.isEmpty() && !audienceOptional) {
            LOG.warn("{}audiences is not set: tokens for any audience of issuer {} will be accepted", prefix, issuer);
        }
        return new IssuerConfig(prefix, issuer, audiences, algorithms, clockSkew, maxLifetime, requiredClaims,
                Optional.ofNullable(typ), rolesClaim, scopeClaim, orgClaim, asymmetric, hmac);
    }

    /** A key source and what it is, for the startup log. */
    private Set<SignatureAlgorithm> algorithms() {
        String key = prefix + "algorithms";
        Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
        if (algorithmNames == null) {
            if (material.isSet() || hmacSecret == null) {
                algorithms.addAll(ASYMMETRIC);
            }
            if (hmacSecret != null) {
                algorithms.add(SignatureAlgorithm.HS256);
            }
            return algorithms;
        }
        if (algorithmNames.isEmpty()) {
            throw new ConfigException(key, "lists no algorithm");
        }
        for (String name : algorithmNames) {
            if (name.trim().equalsIgnoreCase("none")) {
                throw new ConfigException(key, "'none' can never be allowed");
            }
            algorithms.add(SignatureAlgorithm.fromJose(name.trim()).orElseThrow(() -> new ConfigException(key,
                    "'" + name + "' is not a supported algorithm (HS256/384/512, RS256/384/512, PS256/384/512,"
                            + " ES256/384/512, EdDSA)")));
        }
        long symmetric = algorithms.stream().filter(SignatureAlgorithm::isSymmetric).count();
        if (symmetric > 0 && hmacSecret == null) {
            throw new ConfigException(key, "allows an HS* algorithm but " + prefix + "hmac-secret is not set");
        }
        if (symmetric > 1) {
            throw new ConfigException(key, "an HMAC secret is bound to one algorithm: list only one of HS256,"
                    + " HS384, HS512");
        }
        if (hmacSecret != null && symmetric == 0) {
            throw new ConfigException(prefix + "hmac-secret", "is set but " + key + " allows no HS* algorithm");
        }
        return algorithms;
    }

    /** Decodes a configured HMAC secret: raw UTF-8, or base64 when {@code base64} is set. */
    static byte[] decodeSecret(String key, String value, boolean base64) {
        if (!base64) {
            return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "is not valid base64");
        }
    }
}
