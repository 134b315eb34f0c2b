package dev.gatecheck.config;

import dev.gatecheck.keys.FileKeySource;
import dev.gatecheck.keys.JwksKeySource;
import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.LoadedKeys;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import dev.gatecheck.keys.VerificationKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's asymmetric key material as configured (JWKS URL, discovery, key file, PEM, inline JWKS, keys or a
 * custom source), turned into one {@link KeySource}: exactly one kind may be given.
 */
final class KeyMaterial {
    private static final Logger LOG = LoggerFactory.getLogger(KeyMaterial.class);

    private final String prefix;
    String jwksUri;
    boolean discovery;
    String publicKeyLocation;
    Supplier<String> publicKeyText;
    String jwksText;
    final List<VerificationKey> keys = new ArrayList<>();
    KeySource keySource;

    KeyMaterial(String prefix) {
        this.prefix = prefix;
    }

    /** True when any asymmetric key setting was given. */
    boolean isSet() {
        return jwksUri != null || discovery || publicKeyLocation != null || publicKeyText != null || jwksText != null
                || !keys.isEmpty() || keySource != null;
    }

    record Described(KeySource source, String description) {
    }

    /** The one asymmetric key source configured, if any; two kinds at once are a configuration error. */
    /** The one asymmetric key source configured, if any; two kinds at once are a configuration error. */
    Optional<Described> asymmetricSource(String issuer, Set<SignatureAlgorithm> algorithms, Clock clock,
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
            case "jwks-uri" -> new Described(remote(issuer, asymmetricAlgs, clock, jwks), "JWKS " + jwksUri);
            case "discovery" -> new Described(remote(issuer, asymmetricAlgs, clock, jwks), "OIDC discovery of " + issuer);
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

    private KeySource remote(String issuer, Set<SignatureAlgorithm> algorithms, Clock clock,
                             GatecheckConfig.JwksSettings jwks) {
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
}
