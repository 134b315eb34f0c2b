package dev.gatecheck.keys;

import dev.gatecheck.internal.Json;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Reads verification keys from PEM, JWK and JWKS text and HMAC secrets, applying the ingest rules of
 * DESIGN "Token validation, strictly". jose4j parses the JWKs; Gatecheck decides what is acceptable.
 */
final class VerificationKeys {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final int MAX_JWKS_DEPTH = 8;

    private VerificationKeys() {
    }

    /** The keys of a JWKS document or single JWK ({@code {...}}) or of PEM text, told apart by a leading brace. */
    static LoadedKeys fromText(String text, Set<SignatureAlgorithm> allowed) {
        return text.stripLeading().startsWith("{") ? fromJwks(text, allowed) : fromPem(text, allowed);
    }

    /**
     * Keys from PEM text holding {@code PUBLIC KEY} (SubjectPublicKeyInfo) or {@code CERTIFICATE} blocks.
     * PEM keys have no {@code kid}; each is bound by its type (see {@link #bindingRule()}).
     *
     * @throws IllegalArgumentException when the text holds no usable key or a block cannot be read
     */
    static LoadedKeys fromPem(String pem, Set<SignatureAlgorithm> allowed) {
        Matcher m = PEM.matcher(pem);
        List<VerificationKey> keys = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        int blocks = 0;
        while (m.find()) {
            blocks++;
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            PublicKey key = switch (m.group(1)) {
                case "PUBLIC KEY" -> publicKey(der);
                case "CERTIFICATE" -> certificateKey(der);
                default -> throw new IllegalArgumentException("unsupported PEM block '" + m.group(1)
                        + "': expected PUBLIC KEY or CERTIFICATE");
            };
            accept(null, key, Optional.empty(), allowed, keys)
                    .ifPresent(reason -> dropped.add("PEM block: " + reason));
        }
        if (blocks == 0) {
            throw new IllegalArgumentException("no PEM block found");
        }
        return new LoadedKeys(KeySet.of(keys), dropped);
    }

    /**
     * Keys from a JWKS document ({@code {"keys":[...]}}) or a single JWK object. Keys that are not signature
     * keys, symmetric, carry private members, are weak, fit no allowed algorithm, or share a {@code kid} with
     * another key are dropped and reported.
     *
     * @throws IllegalArgumentException when the text is not well-formed JSON of that shape
     */
    static LoadedKeys fromJwks(String json, Set<SignatureAlgorithm> allowed) {
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(json, MAX_JWKS_DEPTH);
        } catch (Json.JsonException e) {
            throw new IllegalArgumentException("not well-formed JSON (" + e.getMessage() + ")");
        }
        List<?> entries;
        if (doc.containsKey("keys")) {
            if (!(doc.get("keys") instanceof List<?> list)) {
                throw new IllegalArgumentException("\"keys\" is not an array");
            }
            entries = list;
        } else {
            entries = List.of(doc);
        }
        Map<String, Integer> kidCounts = new HashMap<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> jwk && jwk.get("kid") instanceof String kid) {
                kidCounts.merge(kid, 1, Integer::sum);
            }
        }
        List<VerificationKey> keys = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        int index = 0;
        for (Object entry : entries) {
            String label = "key #" + index++;
            if (!(entry instanceof Map<?, ?> raw)) {
                dropped.add(label + ": not an object");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = (Map<String, Object>) raw;
            Object kidValue = jwk.get("kid");
            if (kidValue != null && !(kidValue instanceof String)) {
                dropped.add(label + ": kid is not a string");
                continue;
            }
            String kid = (String) kidValue;
            if (kid != null) {
                label = label + " (kid " + printable(kid) + ")";
            }
            Optional<String> refusal = refusal(jwk, kid, kidCounts);
            if (refusal.isPresent()) {
                dropped.add(label + ": " + refusal.get());
                continue;
            }
            Optional<SignatureAlgorithm> declared = Optional.empty();
            if (jwk.containsKey("alg")) {
                declared = jwk.get("alg") instanceof String s ? SignatureAlgorithm.fromJose(s) : Optional.empty();
                if (declared.isEmpty()) {
                    dropped.add(label + ": unsupported alg");
                    continue;
                }
            }
            PublicKey key;
            try {
                key = ((PublicJsonWebKey) JsonWebKey.Factory.newJwk(new LinkedHashMap<>(jwk))).getPublicKey();
            } catch (JoseException | RuntimeException e) {
                dropped.add(label + ": unreadable key parameters");
                continue;
            }
            String where = label;
            accept(kid, key, declared, allowed, keys).ifPresent(reason -> dropped.add(where + ": " + reason));
        }
        return new LoadedKeys(KeySet.of(keys), dropped);
    }

    /**
     * An HMAC key bound to {@code algorithm}; the secret must be at least as long as the hash (RFC 7518 §3.2).
     *
     * @throws IllegalArgumentException when the secret is too short or the algorithm is not HS*
     */
    static VerificationKey hmac(byte[] secret, SignatureAlgorithm algorithm) {
        if (!algorithm.isSymmetric()) {
            throw new IllegalArgumentException(algorithm + " is not an HMAC algorithm");
        }
        int minBytes = algorithm.hashBits() / 8;
        if (secret.length < minBytes) {
            throw new IllegalArgumentException(algorithm + " needs a secret of at least " + minBytes
                    + " bytes; this one has " + secret.length);
        }
        return new VerificationKey(null, algorithm, new SecretKeySpec(secret, algorithm.jcaName()));
    }

    /**
     * A public key bound to {@code algorithm} after the strength checks.
     *
     * @throws IllegalArgumentException when the key is weak or does not fit the algorithm
     */
    static VerificationKey publicKey(Optional<String> kid, PublicKey key, SignatureAlgorithm algorithm) {
        Optional<String> weakness = KeyIngest.weakness(key);
        if (weakness.isPresent()) {
            throw new IllegalArgumentException("key refused: " + weakness.get());
        }
        if (!KeyIngest.fits(key, algorithm)) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key cannot verify " + algorithm);
        }
        return new VerificationKey(kid.orElse(null), algorithm, key);
    }

    /**
     * A single public JWK bound to {@code algorithm} after every ingest rule ({@link #jwkRefusal}, its own
     * {@code alg} if it has one, strength).
     *
     * @throws IllegalArgumentException naming the rule it breaks
     */
    static VerificationKey fromJwk(Map<String, ?> jwk, SignatureAlgorithm algorithm) {
        Optional<String> refusal = jwkRefusal(jwk);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
        if (jwk.containsKey("alg") && !algorithm.name().equals(jwk.get("alg"))) {
            throw new IllegalArgumentException("its alg is not " + algorithm);
        }
        PublicKey key;
        try {
            key = ((PublicJsonWebKey) JsonWebKey.Factory.newJwk(new LinkedHashMap<>(jwk))).getPublicKey();
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable key parameters");
        }
        return publicKey(Optional.empty(), key, algorithm);
    }

    /** Why a JWK can never be a public signature key, from its members alone; empty when it may be one. */
    static Optional<String> jwkRefusal(Map<String, ?> jwk) {
        return refusal(jwk, null, Map.of());
    }

    /** How a key without a declared algorithm is bound, for documentation and error messages. */
    static String bindingRule() {
        return "EC keys by curve (P-256 ES256, P-384 ES384, P-521 ES512), Ed25519 EdDSA, RSA RS256 when allowed,"
                + " else the first allowed of RS384, RS512, PS256, PS384, PS512";
    }

    private static Optional<String> refusal(Map<String, ?> jwk, String kid, Map<String, Integer> kidCounts) {
        if (kid != null && kidCounts.getOrDefault(kid, 0) > 1) {
            return Optional.of("duplicate kid");
        }
        Object kty = jwk.get("kty");
        if ("oct".equals(kty)) {
            return Optional.of("symmetric key (never taken from a key set)");
        }
        if (!"RSA".equals(kty) && !"EC".equals(kty) && !"OKP".equals(kty)) {
            return Optional.of("unsupported kty");
        }
        for (String member : PRIVATE_MEMBERS) {
            if (jwk.containsKey(member)) {
                return Optional.of("contains private key members");
            }
        }
        Object use = jwk.get("use");
        if (use != null && !"sig".equals(use)) {
            return Optional.of("use is not sig");
        }
        Object ops = jwk.get("key_ops");
        if (ops != null && !(ops instanceof List<?> list && list.contains("verify"))) {
            return Optional.of("key_ops lacks verify");
        }
        return Optional.empty();
    }

    /** Adds {@code key} to {@code keys} when it passes ingest, else returns why not. */
    private static Optional<String> accept(String kid, PublicKey key, Optional<SignatureAlgorithm> declared,
                                           Set<SignatureAlgorithm> allowed, List<VerificationKey> keys) {
        Optional<String> weakness = KeyIngest.weakness(key);
        if (weakness.isPresent()) {
            return weakness;
        }
        Optional<SignatureAlgorithm> bound = KeyIngest.bind(key, declared, allowed);
        if (bound.isEmpty()) {
            return Optional.of("fits no allowed algorithm");
        }
        keys.add(new VerificationKey(kid, bound.get(), key));
        return Optional.empty();
    }

    private static PublicKey publicKey(byte[] der) {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String type : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(type).generatePublic(spec);
            } catch (GeneralSecurityException | RuntimeException notThisType) {
                // try the next type
            }
        }
        throw new IllegalArgumentException("PUBLIC KEY block is not an RSA, EC or Ed25519 key");
    }

    private static PublicKey certificateKey(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der))
                    .getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("CERTIFICATE block cannot be read");
        }
    }

    private static String printable(String s) {
        String clipped = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return clipped.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
