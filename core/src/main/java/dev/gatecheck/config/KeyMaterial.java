package dev.gatecheck.config;

import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.KeySpec;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's asymmetric key material as configured (JWKS URL, discovery, key file, PEM, inline JWKS, keys, a key
 * URL template or a custom source), turned into one {@link KeySpec}: exactly one kind may be given. Nothing is
 * fetched or watched here; a key file or PEM text is read once, to refuse a broken one at once.
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
    KeySpec keySpec;

    KeyMaterial(String prefix) {
        this.prefix = prefix;
    }

    /** True when any asymmetric key setting was given. */
    boolean isSet() {
        return jwksUri != null || discovery || publicKeyLocation != null || publicKeyText != null || jwksText != null
                || !keys.isEmpty() || keySource != null || keySpec != null;
    }

    /** The one asymmetric key spec configured, if any; two kinds at once are a configuration error. */
    Optional<KeySpec> spec(String issuer, Set<SignatureAlgorithm> algorithms) {
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
        if (keySpec != null) {
            given.add("key-url");
        }
        if (given.size() > 1) {
            throw new ConfigException(prefix + given.get(1), "choose one key source; also set: " + given.get(0));
        }
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Set<SignatureAlgorithm> asymmetric = EnumSet.copyOf(algorithms);
        asymmetric.removeIf(SignatureAlgorithm::isSymmetric);
        if (asymmetric.isEmpty()) {
            throw new ConfigException(prefix + "algorithms", "allows no asymmetric algorithm for the " + given.get(0)
                    + " keys");
        }
        String key = prefix + given.get(0);
        try {
            return Optional.of(switch (given.get(0)) {
                case "jwks-uri" -> new KeySpec.Jwks(URI.create(jwksUri.trim()));
                case "discovery" -> new KeySpec.Discovery(issuer);
                case "public-key-location" -> publicKeyText != null
                        ? fixed(key, publicKeyText.get(), asymmetric, "PEM text")
                        : fromLocation(key, asymmetric);
                case "jwks" -> fixed(key, jwksText, asymmetric, "inline JWKS");
                case "keys" -> new KeySpec.Fixed(keys, "configured keys");
                case "key-url" -> keySpec;
                default -> new KeySpec.Custom(keySource);
            });
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private KeySpec fromLocation(String key, Set<SignatureAlgorithm> algorithms) {
        if (publicKeyLocation.startsWith("classpath:")) {
            return fixed(key, ConfigValues.text(key, publicKeyLocation), algorithms, publicKeyLocation);
        }
        String path = publicKeyLocation.startsWith("file:") ? publicKeyLocation.substring("file:".length())
                : publicKeyLocation;
        return new KeySpec.KeyFile(Path.of(path), algorithms);
    }

    private static KeySpec fixed(String key, String text, Set<SignatureAlgorithm> algorithms, String origin) {
        return KeySpec.Fixed.parse(text, algorithms, origin, reason -> LOG.warn("{}: key dropped: {}", key, reason));
    }
}
