package dev.gatecheck.config;

import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.LoadedKeys;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import dev.gatecheck.keys.VerificationKeys;
import dev.gatecheck.keys.AlgorithmRoutedKeySource;
import dev.gatecheck.keys.FileKeySource;
import dev.gatecheck.keys.JwksKeySource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
    private String jwksUri;
    private boolean discovery;
    private String publicKeyLocation;
    private Supplier<String> publicKeyText;
    private String jwksText;
    private byte[] hmacSecret;
    private final List<VerificationKey> keys = new ArrayList<>();
    private KeySource keySource;

    JwtSettings(String prefix) {
        this.prefix = prefix;
    }

    /** The exact {@code iss} tokens must carry ({@code gatecheck.jwt.issuer}). Required. */
    public JwtSettings issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    /** Accepted audiences; a token must name one ({@code gatecheck.jwt.audiences}). */
    public JwtSettings audiences(String... audiences) {
        this.audiences = Set.copyOf(Arrays.asList(audiences)); // a repeated value is harmless, not an error
        return this;
    }

    /** Allowed algorithms by JOSE name ({@code gatecheck.jwt.algorithms}); default: the asymmetric ones. */
    public JwtSettings algorithms(String... algorithms) {
        this.algorithmNames = List.of(algorithms);
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
        Set<String> required = new LinkedHashSet<>(Arrays.asList(claims));
        required.add("exp");
        this.requiredClaims = Set.copyOf(required);
        return this;
    }

    /** Required {@code typ} header, e.g. {@code at+jwt} ({@code gatecheck.jwt.typ}). */
    public JwtSettings typ(String typ) {
        this.typ = typ;
        return this;
    }

    /** Dotted path to the roles ({@code gatecheck.jwt.roles-claim}, {@code roles}). */
    public JwtSettings rolesClaim(String path) {
        this.rolesClaim = path;
        return this;
    }

    /** The scope claim ({@code gatecheck.jwt.scope-claim}, {@code scope}; {@code scp} is also read). */
    public JwtSettings scopeClaim(String claim) {
        this.scopeClaim = claim;
        return this;
    }

    /** Dotted path to the organisation ({@code gatecheck.jwt.org-claim}, {@code org}). */
    public JwtSettings orgClaim(String path) {
        this.orgClaim = path;
        return this;
    }

    /** A JWKS URL ({@code gatecheck.jwt.jwks-uri}). */
    public JwtSettings jwksUri(String uri) {
        this.jwksUri = uri;
        return this;
    }

    /** Find the JWKS through OIDC discovery ({@code gatecheck.jwt.discovery}). */
    public JwtSettings discovery(boolean discovery) {
        this.discovery = discovery;
        return this;
    }

    /** A PEM public key or JWKS file, path or {@code classpath:} ({@code gatecheck.jwt.public-key-location}). */
    public JwtSettings publicKeyLocation(String location) {
        this.publicKeyLocation = location;
        return this;
    }

    /** PEM text ({@code PUBLIC KEY} or {@code CERTIFICATE} blocks). */
    public JwtSettings publicKeyPem(String pem) {
        this.publicKeyText = () -> pem;
        return this;
    }

    /** An inline JWKS document or single JWK ({@code gatecheck.jwt.jwks}). */
    public JwtSettings jwks(String json) {
        this.jwksText = json;
        return this;
    }

    /** The HMAC secret for HS* tokens ({@code gatecheck.jwt.hmac-secret}). */
    public JwtSettings hmacSecret(byte[] secret) {
        this.hmacSecret = secret.clone();
        return this;
    }

    /** Keys already built with {@link VerificationKeys}. */
    public JwtSettings keys(VerificationKey... keys) {
        this.keys.addAll(List.of(keys));
        return this;
    }

    /** A custom key source (used alone: no other key setting may be given). */
    public JwtSettings keySource(KeySource source) {
        this.keySource = source;
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
            jwksUri = uri;
        }
    }

    void defaultJwksUriFromIssuer(String path) {
        if (!hasKeySource() && issuer != null) {
            jwksUri = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + path;
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
        return jwksUri != null || discovery || publicKeyLocation != null || publicKeyText != null || jwksText != null
                || !keys.isEmpty() || keySource != null;
    }

    IssuerConfig build(Clock clock, GatecheckConfig.JwksSettings jwks) {
        if (issuer == null || issuer.isBlank()) {
            throw new ConfigException(prefix + "issuer", "is required: the exact iss value tokens must carry");
        }
        Set<SignatureAlgorithm> algorithms = algorithms();
        Optional<Described> asymmetric = asymmetricSource(algorithms, clock, jwks);
        Optional<VerificationKey> hmac = Optional.empty();
        if (hmacSecret != null) {
            SignatureAlgorithm alg = algorithms.stream().filter(SignatureAlgorithm::isSymmetric).findFirst().orElseThrow();
            try {
                hmac = Optional.of(VerificationKeys.hmac(hmacSecret, alg));
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
        String description = String.join(", ", java.util.stream.Stream.of(
                asymmetric.map(Described::description), hmac.map(k -> "HMAC secret (" + k.algorithm() + ")"))
                .flatMap(Optional::stream).toList());
        return new IssuerConfig(issuer, audiences, algorithms, clockSkew, maxLifetime, requiredClaims,
                Optional.ofNullable(typ).filter(t -> !t.isBlank()), rolesClaim, scopeClaim, orgClaim,
                AlgorithmRoutedKeySource.of(asymmetric.map(Described::source), hmac), description);
    }

    /** A key source and what it is, for the startup log. */
    private record Described(KeySource source, String description) {
    }

    /** The one asymmetric key source configured, if any; two kinds at once are a configuration error. */
    private Optional<Described> asymmetricSource(Set<SignatureAlgorithm> algorithms, Clock clock,
                                                 GatecheckConfig.JwksSettings jwks) {
        List<String> given = new ArrayList<>();
        if (jwksUri != null) {
            given.add("jwks-uri");
        }
        if (discovery) {
            given.add("discovery");
        }
        if (publicKeyLocation != null || publicKeyText != null) {
            given.add("public-key-location");
        }
        if (jwksText != null) {
            given.add("jwks");
        }
        if (!keys.isEmpty()) {
            given.add("keys");
        }
        if (keySource != null) {
            given.add("key-source");
        }
        if (given.size() > 1) {
            throw new ConfigException(prefix + given.get(1), "choose one key source; also set: " + given.get(0));
        }
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Set<SignatureAlgorithm> asymmetricAlgs = EnumSet.copyOf(algorithms);
        asymmetricAlgs.removeIf(SignatureAlgorithm::isSymmetric);
        if (asymmetricAlgs.isEmpty()) {
            throw new ConfigException(prefix + "algorithms", "allows no asymmetric algorithm for the " + given.get(0)
                    + " keys");
        }
        return Optional.of(switch (given.get(0)) {
            case "jwks-uri" -> new Described(remote(asymmetricAlgs, clock, jwks), "JWKS " + jwksUri);
            case "discovery" -> new Described(remote(asymmetricAlgs, clock, jwks), "OIDC discovery of " + issuer);
            case "public-key-location" -> publicKeyText != null
                    ? new Described(staticKeys(prefix + "public-key-location", publicKeyText.get(), asymmetricAlgs),
                            "PEM key")
                    : new Described(fromLocation(asymmetricAlgs), "key file " + publicKeyLocation);
            case "jwks" -> new Described(staticKeys(prefix + "jwks", jwksText, asymmetricAlgs), "inline JWKS");
            case "keys" -> {
                try {
                    yield new Described(KeySource.of(keys), keys.size() + " configured key(s)");
                } catch (IllegalArgumentException duplicateKid) {
                    throw new ConfigException(prefix + "jwks", "two configured keys share a kid");
                }
            }
            default -> new Described(keySource, "custom key source");
        });
    }

    private KeySource remote(Set<SignatureAlgorithm> algorithms, Clock clock, GatecheckConfig.JwksSettings jwks) {
        String key = prefix + (discovery ? "discovery" : "jwks-uri");
        try {
            JwksKeySource.Builder builder = discovery ? JwksKeySource.forDiscovery(issuer)
                    : JwksKeySource.forUri(java.net.URI.create(jwksUri.trim()));
            return builder.algorithms(algorithms).clock(clock).ttl(jwks.ttl()).refreshCooldown(jwks.refreshCooldown())
                    .maxStale(jwks.maxStale()).timeout(jwks.timeout()).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private KeySource fromLocation(Set<SignatureAlgorithm> algorithms) {
        String key = prefix + "public-key-location";
        if (publicKeyLocation.startsWith("classpath:")) {
            return staticKeys(key, ConfigValues.text(key, publicKeyLocation), algorithms);
        }
        String path = publicKeyLocation.startsWith("file:") ? publicKeyLocation.substring("file:".length())
                : publicKeyLocation;
        try {
            return FileKeySource.watch(java.nio.file.Path.of(path), algorithms, Duration.ofSeconds(5));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private static KeySource staticKeys(String key, String text, Set<SignatureAlgorithm> algorithms) {
        LoadedKeys loaded;
        try {
            loaded = text.stripLeading().startsWith("{")
                    ? VerificationKeys.fromJwks(text, algorithms)
                    : VerificationKeys.fromPem(text, algorithms);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "cannot read keys: " + e.getMessage());
        }
        loaded.dropped().forEach(reason -> LOG.warn("{}: key dropped: {}", key, reason));
        if (loaded.keys().isEmpty()) {
            throw new ConfigException(key, "holds no usable key (" + String.join("; ", loaded.dropped()) + ")");
        }
        return loaded.keys()::find;
    }

    private Set<SignatureAlgorithm> algorithms() {
        String key = prefix + "algorithms";
        Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
        if (algorithmNames == null) {
            if (hasAsymmetricMaterial() || hmacSecret == null) {
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

    private boolean hasAsymmetricMaterial() {
        return publicKeyLocation != null || publicKeyText != null || jwksText != null || !keys.isEmpty()
                || keySource != null || jwksUri != null || discovery;
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
