package dev.gatecheck.config;

import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.KeySpec;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private final Setting<String> issuer;
    private final Setting<Set<String>> audiences;
    private final Setting<List<String>> algorithmNames;
    private final Setting<Duration> clockSkew;
    private final Setting<Duration> maxLifetime;
    private final Setting<Set<String>> requiredClaims;
    private final Setting<String> typ;
    private final Setting<List<String>> rolesClaims;
    private final Setting<String> scopeClaim;
    private final Setting<String> orgClaim;
    private final Setting<byte[]> hmacSecret;
    private final Setting<Preset> preset;
    private final Setting<String> client;
    private final Setting<IssuerConfig.Dpop> dpop;
    private boolean audienceOptional;
    private final KeyMaterial material;
    private final IntrospectionSettings introspection;

    JwtSettings(String prefix) {
        this(prefix, prefix + "audiences");
    }

    /** Settings whose keys start with {@code prefix}, the audiences being {@code audiencesKey}. */
    JwtSettings(String prefix, String audiencesKey) {
        this.prefix = prefix;
        this.issuer = Setting.required(prefix + "issuer");
        this.audiences = new Setting<>(audiencesKey, Set.of());
        this.algorithmNames = Setting.required(prefix + "algorithms");
        this.clockSkew = new Setting<>(prefix + "clock-skew", Duration.ofSeconds(30));
        this.maxLifetime = new Setting<>(prefix + "max-lifetime", Duration.ofHours(24));
        this.requiredClaims = new Setting<>(prefix + "required-claims", Set.of("exp"));
        this.typ = Setting.required(prefix + "typ");
        this.rolesClaims = new Setting<>(prefix + "roles-claim", List.of("roles"));
        this.scopeClaim = new Setting<>(prefix + "scope-claim", "scope");
        this.orgClaim = new Setting<>(prefix + "org-claim", "org");
        this.hmacSecret = Setting.required(prefix + "hmac-secret");
        this.preset = Setting.required(prefix + "preset");
        this.client = Setting.required(prefix + "client");
        this.dpop = new Setting<>(prefix + "dpop", IssuerConfig.Dpop.ALLOWED);
        this.material = new KeyMaterial(prefix);
        this.introspection = new IntrospectionSettings(prefix);
    }

    /** The key of the accepted audiences, for errors. */
    String audiencesKey() {
        return audiences.key();
    }

    /**
     * The exact {@code iss} tokens must carry ({@code gatecheck.jwt.issuer}). Required. Every setter takes its
     * setting once and refuses an empty value (or list) with a {@link ConfigException}: a setting is removed by
     * leaving it out.
     */
    public JwtSettings issuer(String issuer) {
        this.issuer.set(issuer, v -> ConfigValues.nonBlank(this.issuer.key(), v));
        return this;
    }

    /** Accepted audiences; a token must name one ({@code gatecheck.jwt.audiences}). */
    public JwtSettings audiences(String... audiences) {
        // A repeated value is harmless, not an error; none at all would accept every audience.
        this.audiences.set(audiences, v -> Set.copyOf(ConfigValues.nonBlankList(this.audiences.key(), v)));
        return this;
    }

    /** Allowed algorithms by JOSE name ({@code gatecheck.jwt.algorithms}); default: the asymmetric ones. */
    public JwtSettings algorithms(String... algorithms) {
        this.algorithmNames.set(algorithms, v -> ConfigValues.nonBlankList(algorithmNames.key(), v));
        return this;
    }

    /** Allowed algorithms. */
    public JwtSettings algorithms(SignatureAlgorithm... algorithms) {
        return algorithms(Arrays.stream(algorithms).map(Enum::name).toArray(String[]::new));
    }

    /** Leeway for {@code exp}, {@code nbf}, {@code iat} ({@code gatecheck.jwt.clock-skew}, 30s). */
    public JwtSettings clockSkew(Duration clockSkew) {
        this.clockSkew.set(clockSkew);
        return this;
    }

    /** Longest accepted token lifetime ({@code gatecheck.jwt.max-lifetime}, 24h). */
    public JwtSettings maxLifetime(Duration maxLifetime) {
        this.maxLifetime.set(maxLifetime);
        return this;
    }

    /**
     * Claims that must be present ({@code gatecheck.jwt.required-claims}, {@code exp}). {@code exp} is always
     * required (DESIGN "Token validation, strictly"), so these claims are required in addition to it.
     */
    public JwtSettings requiredClaims(String... claims) {
        this.requiredClaims.set(claims, v -> {
            Set<String> required = new LinkedHashSet<>(ConfigValues.nonBlankList(requiredClaims.key(), v));
            required.add("exp");
            return Set.copyOf(required);
        });
        return this;
    }

    /** Required {@code typ} header, e.g. {@code at+jwt} ({@code gatecheck.jwt.typ}). */
    public JwtSettings typ(String typ) {
        this.typ.set(typ, v -> ConfigValues.nonBlank(this.typ.key(), v));
        return this;
    }

    /**
     * Dotted paths to the roles ({@code gatecheck.jwt.roles-claim}, {@code roles}); with several, the roles found at
     * each are merged ({@code realm_access.roles}, {@code resource_access.orders.roles}).
     */
    public JwtSettings rolesClaim(String... paths) {
        this.rolesClaims.set(paths, v -> List.copyOf(ConfigValues.nonBlankList(rolesClaims.key(), v)));
        return this;
    }

    /**
     * The identity provider's conventions ({@code gatecheck.jwt.preset}): settings not given take the preset's
     * values. {@link Preset#KEYCLOAK}: see there.
     */
    public JwtSettings preset(Preset preset) {
        this.preset.set(preset);
        return this;
    }

    /**
     * The client id this service has at the identity provider ({@code gatecheck.jwt.client}); with the
     * {@code keycloak} preset its client roles ({@code resource_access.<client>.roles}) count too.
     */
    public JwtSettings client(String clientId) {
        this.client.set(clientId, v -> ConfigValues.nonBlank(client.key(), v));
        return this;
    }

    /** The scope claim ({@code gatecheck.jwt.scope-claim}, {@code scope}; {@code scp} is also read). */
    public JwtSettings scopeClaim(String claim) {
        this.scopeClaim.set(claim, v -> ConfigValues.nonBlank(scopeClaim.key(), v));
        return this;
    }

    /** Dotted path to the organisation ({@code gatecheck.jwt.org-claim}, {@code org}). */
    public JwtSettings orgClaim(String path) {
        this.orgClaim.set(path, v -> ConfigValues.nonBlank(orgClaim.key(), v));
        return this;
    }

    /**
     * Whether tokens come DPoP-bound (RFC 9449): {@code ALLOWED} (default: both schemes, a bound token only with its
     * proof), {@code REQUIRED} or {@code DISABLED} ({@code gatecheck.jwt.dpop}).
     */
    public JwtSettings dpop(IssuerConfig.Dpop dpop) {
        this.dpop.set(dpop);
        return this;
    }

    /** A JWKS URL ({@code gatecheck.jwt.jwks-uri}). */
    public JwtSettings jwksUri(String uri) {
        material.jwksUri.set(uri, v -> ConfigValues.nonBlank(material.jwksUri.key(), v));
        return this;
    }

    /** Find the JWKS through OIDC discovery ({@code gatecheck.jwt.discovery}). */
    public JwtSettings discovery(boolean discovery) {
        material.discovery.set(discovery);
        return this;
    }

    /** A PEM public key or JWKS file, path or {@code classpath:} ({@code gatecheck.jwt.public-key-location}). */
    public JwtSettings publicKeyLocation(String location) {
        material.publicKeyLocation.set(location, v -> ConfigValues.nonBlank(material.publicKeyLocation.key(), v));
        return this;
    }

    /** PEM text ({@code PUBLIC KEY} or {@code CERTIFICATE} blocks). */
    public JwtSettings publicKeyPem(String pem) {
        material.publicKeyText.set(pem, v -> ConfigValues.nonBlank(material.publicKeyText.key(), v));
        return this;
    }

    /** An inline JWKS document or single JWK ({@code gatecheck.jwt.jwks}). */
    public JwtSettings jwks(String json) {
        material.jwksText.set(json, v -> ConfigValues.nonBlank(material.jwksText.key(), v));
        return this;
    }

    /** The HMAC secret for HS* tokens ({@code gatecheck.jwt.hmac-secret}). */
    public JwtSettings hmacSecret(byte[] secret) {
        this.hmacSecret.set(secret, byte[]::clone);
        return this;
    }

    /** Keys already built ({@link VerificationKey#of}). */
    public JwtSettings keys(VerificationKey... keys) {
        material.keys.set(keys, ConfigValues.<VerificationKey>nonEmpty(material.keys.key()));
        return this;
    }

    /**
     * RFC 7662 introspection of this issuer's tokens ({@code gatecheck.jwt.introspection.*}): tokens that are not
     * JWTs are introspected, and so are JWTs on routes with {@code introspect=always}. With introspection, an
     * issuer needs no key of its own (keys still verify its JWTs and signed introspection responses).
     */
    public JwtSettings introspection(java.util.function.Consumer<IntrospectionSettings> settings) {
        settings.accept(introspection.configured());
        return this;
    }

    /** Keys per {@code kid} at a URL template (the {@code aws-alb} preset). */
    void keyUrl(KeySpec.PemByKid spec) {
        material.keySpec.set(spec);
    }

    /**
     * A key source of the application's own, used alone (no other key setting may be given); the application
     * builds and closes it, the engine only asks it for keys.
     */
    public JwtSettings keySource(KeySource source) {
        material.keySource.set(source);
        return this;
    }

    void defaultAlgorithms(String... algorithms) {
        algorithmNames.defaultTo(List.of(algorithms));
    }

    void defaultIssuer(String value) {
        issuer.defaultTo(value);
    }

    void defaultJwksUri(String uri) {
        if (!hasKeySource()) {
            material.jwksUri.defaultTo(uri);
        }
    }

    /** The issuer given or defaulted so far. */
    Optional<String> issuerValue() {
        return Optional.ofNullable(issuer.get());
    }

    void defaultMaxLifetime(Duration lifetime) {
        maxLifetime.defaultTo(lifetime);
    }

    /** Tokens of this issuer carry no audience (AWS ALB): no startup warning for an empty audience list. */
    void audienceOptional() {
        audienceOptional = true;
    }

    boolean hasKeySource() {
        return material.isSet();
    }

    IssuerConfig build() {
        String iss = issuer.get();
        if (iss == null) {
            throw new ConfigException(issuer.key(), "is required: the exact iss value tokens must carry");
        }
        Map<String, String> claimValues = applyPreset();
        Set<SignatureAlgorithm> algorithms = algorithms();
        Optional<KeySpec> asymmetric = material.spec(iss, algorithms);
        Optional<VerificationKey> hmac = Optional.empty();
        if (hmacSecret.given()) {
            SignatureAlgorithm alg = algorithms.stream().filter(SignatureAlgorithm::isSymmetric).findFirst().orElseThrow();
            try {
                hmac = Optional.of(VerificationKey.hmac(hmacSecret.get(), alg));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(hmacSecret.key(), e.getMessage());
            }
        }
        Optional<IssuerConfig.Introspection> introspected = introspection.build(material.discovery.get());
        if (asymmetric.isEmpty() && hmac.isEmpty() && introspected.isEmpty()) {
            throw new ConfigException(prefix + "public-key-location", "no verification key: set one of " + prefix
                    + "jwks-uri, " + prefix + "discovery, " + prefix + "public-key-location, " + prefix + "jwks or "
                    + prefix + "hmac-secret (or " + prefix + "introspection.uri for opaque tokens)");
        }
        if (clockSkew.get().isNegative() || clockSkew.get().compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException(clockSkew.key(), "must be between 0s and 10m");
        }
        if (maxLifetime.get().isNegative() || maxLifetime.get().isZero()) {
            throw new ConfigException(maxLifetime.key(), "must be positive");
        }
        if (audiences.get().isEmpty() && !audienceOptional) {
            LOG.warn("{} is not set: tokens for any audience of issuer {} will be accepted", audiences.key(), iss);
        }
        return new IssuerConfig(prefix, iss, audiences.get(), algorithms, clockSkew.get(), maxLifetime.get(),
                requiredClaims.get(), Optional.ofNullable(typ.get()), rolesClaims.get(), scopeClaim.get(),
                orgClaim.get(), claimValues, asymmetric, hmac, introspected, dpop.get());
    }

    /** Fills what was not given from the preset; returns the claim values it requires. */
    private Map<String, String> applyPreset() {
        if (preset.get() == null) {
            if (client.given()) {
                throw new ConfigException(client.key(), "applies only with " + preset.key() + "=keycloak");
            }
            return Map.of();
        }
        // Keycloak: the issuer is the realm URL, which serves discovery; realm roles, and this client's roles.
        if (!material.isSet() && !hmacSecret.given()) {
            material.discovery.defaultTo(true);
        }
        List<String> roles = new ArrayList<>(List.of("realm_access.roles"));
        if (client.given()) {
            if (client.get().contains(".")) {
                throw new ConfigException(client.key(), "'" + client.get() + "' has a '.', which a claim path cannot"
                        + " name: set " + rolesClaims.key() + " to the client roles' path in a mapped claim");
            }
            roles.add("resource_access." + client.get() + ".roles");
        }
        rolesClaims.defaultTo(List.copyOf(roles));
        // ID, refresh and logout tokens are signed by the same realm key: only access tokens say typ Bearer.
        return Map.of("typ", "Bearer");
    }

    /** The allowed algorithms: as configured (checked against the keys given), else the documented default. */
    private Set<SignatureAlgorithm> algorithms() {
        String key = algorithmNames.key();
        boolean hasHmac = hmacSecret.given();
        Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
        if (algorithmNames.get() == null) {
            if (material.isSet() || !hasHmac) {
                algorithms.addAll(ASYMMETRIC);
            }
            if (hasHmac) {
                algorithms.add(SignatureAlgorithm.HS256);
            }
            return algorithms;
        }
        for (String name : algorithmNames.get()) {
            if (name.trim().equalsIgnoreCase("none")) {
                throw new ConfigException(key, "'none' can never be allowed");
            }
            algorithms.add(SignatureAlgorithm.fromJose(name.trim()).orElseThrow(() -> new ConfigException(key,
                    "'" + name + "' is not a supported algorithm (HS256/384/512, RS256/384/512, PS256/384/512,"
                            + " ES256/384/512, EdDSA)")));
        }
        long symmetric = algorithms.stream().filter(SignatureAlgorithm::isSymmetric).count();
        if (symmetric > 0 && !hasHmac) {
            throw new ConfigException(key, "allows an HS* algorithm but " + hmacSecret.key() + " is not set");
        }
        if (symmetric > 1) {
            throw new ConfigException(key, "an HMAC secret is bound to one algorithm: list only one of HS256,"
                    + " HS384, HS512");
        }
        if (hasHmac && symmetric == 0) {
            throw new ConfigException(hmacSecret.key(), "is set but " + key + " allows no HS* algorithm");
        }
        return algorithms;
    }

    /** Conventions of an identity provider ({@code gatecheck.jwt.preset}). */
    public enum Preset {
        /**
         * Keycloak ({@code keycloak}): the issuer is the realm URL ({@code https://host/realms/<realm>}) and keys
         * come from its discovery document unless others are given; roles are the realm roles
         * ({@code realm_access.roles}) and, with {@code gatecheck.jwt.client}, that client's roles
         * ({@code resource_access.<client>.roles}); only access tokens ({@code "typ":"Bearer"}) are accepted.
         */
        KEYCLOAK("keycloak");

        private final String key;

        Preset(String key) {
            this.key = key;
        }

        /** The configuration value, {@code keycloak}. */
        public String key() {
            return key;
        }

        /** The preset of a configuration value. */
        public static Optional<Preset> fromKey(String key) {
            return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
        }
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
