package dev.gatecheck.keys;

import dev.gatecheck.internal.HttpFetch;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where an issuer's asymmetric keys come from, as configured: plain data that starts, fetches and owns nothing. Each
 * form checks itself when made (an {@link IllegalArgumentException} says what is wrong); the engine turns it into a
 * {@link KeySource} with {@link KeySources} and closes what that started.
 */
public sealed interface KeySpec {

    /** What the source is, for logs: a URL or a file name, never key material. */
    String description();

    /** A JWKS document at {@code uri}: {@code https}, or {@code http} to a loopback host. */
    record Jwks(URI uri) implements KeySpec {
        public Jwks {
            HttpFetch.checkAllowed(Objects.requireNonNull(uri, "uri"));
        }

        @Override
        public String description() {
            return "JWKS " + uri;
        }
    }

    /** The JWKS named by {@code {issuer}/.well-known/openid-configuration}, whose {@code issuer} must match. */
    record Discovery(String issuer) implements KeySpec {
        public Discovery {
            HttpFetch.checkAllowed(JwksLocation.discoveryDocument(Objects.requireNonNull(issuer, "issuer")));
        }

        @Override
        public String description() {
            return "OIDC discovery of " + issuer;
        }
    }

    /**
     * A PEM or JWKS file, read again when it changes. Making the spec reads it once: a file that cannot be read or
     * holds no usable key for {@code algorithms} is refused.
     */
    record KeyFile(Path path, Set<SignatureAlgorithm> algorithms) implements KeySpec {
        public KeyFile {
            Objects.requireNonNull(path, "path");
            algorithms = Set.copyOf(algorithms);
            FileKeySource.read(path, algorithms);
        }

        @Override
        public String description() {
            return "key file " + path;
        }
    }

    /** Keys given once (PEM text, an inline JWKS, a classpath resource, keys built in code). */
    record Fixed(List<VerificationKey> keys, String origin) implements KeySpec {
        public Fixed {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no key");
            }
            KeySet.of(keys); // refuses two keys with one kid
            Objects.requireNonNull(origin, "origin");
        }

        /**
         * The usable keys of a PEM or JWKS {@code text} for {@code algorithms}; {@code dropped} hears why each other
         * key was left out.
         *
         * @throws IllegalArgumentException when the text cannot be read or holds no usable key
         */
        public static Fixed parse(String text, Set<SignatureAlgorithm> algorithms, String origin,
                                  java.util.function.Consumer<String> dropped) {
            LoadedKeys loaded = VerificationKeys.fromText(text, algorithms);
            loaded.dropped().forEach(dropped);
            if (loaded.keys().isEmpty()) {
                throw new IllegalArgumentException("holds no usable key (" + String.join("; ", loaded.dropped()) + ")");
            }
            return new Fixed(loaded.keys().keys(), origin);
        }

        @Override
        public String description() {
            return keys.size() + " key(s) from " + origin;
        }
    }

    /** One PEM key per {@code kid} at a URL template with {@code {kid}} (AWS ALB), all for {@code algorithm}. */
    record PemByKid(String template, SignatureAlgorithm algorithm) implements KeySpec {
        public PemByKid {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(algorithm, "algorithm");
            if (!template.contains("{kid}")) {
                throw new IllegalArgumentException("key URL template '" + template + "' lacks {kid}");
            }
            HttpFetch.checkAllowed(URI.create(template.replace("{kid}", "kid")));
        }

        @Override
        public String description() {
            return "keys by kid at " + template;
        }
    }

    /** A source of the application's own, which it builds, owns and closes. */
    record Custom(KeySource source) implements KeySpec {
        public Custom {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String description() {
            return "custom key source";
        }
    }
}
