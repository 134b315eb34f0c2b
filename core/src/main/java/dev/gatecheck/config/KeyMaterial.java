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
    final Setting<String> jwksUri;
    final Setting<Boolean> discovery;
    final Setting<String> publicKeyLocation;
    final Setting<String> publicKeyText;
    final Setting<String> jwksText;
    final Setting<List<VerificationKey>> keys;
    final Setting<KeySource> keySource;
    final Setting<KeySpec> keySpec;

    KeyMaterial(String prefix) {
        this.prefix = prefix;
        this.jwksUri = Setting.required(prefix + "jwks-uri");
        this.discovery = new Setting<>(prefix + "discovery", false);
        this.publicKeyLocation = Setting.required(prefix + "public-key-location");
        this.publicKeyText = Setting.required(prefix + "public-key-location");
        this.jwksText = Setting.required(prefix + "jwks");
        this.keys = Setting.required(prefix + "keys");
        this.keySource = Setting.required(prefix + "key-source");
        this.keySpec = Setting.required(prefix + "key-url");
    }

    /** True when any asymmetric key setting was given (or a preset's key URL applies). */
    boolean isSet() {
        return jwksUri.get() != null || discovery.get() || publicKeyLocation.given() || publicKeyText.given()
                || jwksText.given() || keys.given() || keySource.given() || keySpec.given();
    }

    /** The one asymmetric key spec configured, if any; two kinds at once are a configuration error. */
    Optional<KeySpec> spec(String issuer, Set<SignatureAlgorithm> algorithms) {
        List<String> given = new ArrayList<>();
        if (publicKeyLocation.given() && publicKeyText.given()) {
            throw new ConfigException(publicKeyLocation.key(), "is set twice (a location and PEM text)");
        }
        if (jwksUri.get() != null) {
            given.add("jwks-uri");
        }
        if (discovery.get()) {
            given.add("discovery");
        }
        if (publicKeyLocation.given() || publicKeyText.given()) {
            given.add("public-key-location");
        }
        if (jwksText.given()) {
            given.add("jwks");
        }
        if (keys.given()) {
            given.add("keys");
        }
        if (keySource.given()) {
            given.add("key-source");
        }
        if (keySpec.given()) {
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
                case "jwks-uri" -> new KeySpec.Jwks(URI.create(jwksUri.get().trim()));
                case "discovery" -> new KeySpec.Discovery(issuer);
                case "public-key-location" -> publicKeyText.given()
                        ? fixed(key, publicKeyText.get(), asymmetric, "PEM text")
                        : fromLocation(key, asymmetric);
                case "jwks" -> fixed(key, jwksText.get(), asymmetric, "inline JWKS");
                case "keys" -> new KeySpec.Fixed(keys.get(), "configured keys");
                case "key-url" -> keySpec.get();
                default -> new KeySpec.Custom(keySource.get());
            });
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private KeySpec fromLocation(String key, Set<SignatureAlgorithm> algorithms) {
        String location = publicKeyLocation.get();
        if (location.startsWith("classpath:")) {
            return fixed(key, ConfigValues.text(key, location), algorithms, location);
        }
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return new KeySpec.KeyFile(Path.of(path), algorithms);
    }

    private static KeySpec fixed(String key, String text, Set<SignatureAlgorithm> algorithms, String origin) {
        return KeySpec.Fixed.parse(text, algorithms, origin, reason -> LOG.warn("{}: key dropped: {}", key, reason));
    }
}
