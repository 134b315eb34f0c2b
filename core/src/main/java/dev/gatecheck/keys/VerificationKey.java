package dev.gatecheck.keys;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * A key validated when it was loaded and bound to exactly one algorithm. It verifies signatures straight
 * through JCA, keeping one initialised {@link Signature} or {@link Mac} per thread so the request path does
 * no provider lookups or key setup.
 */
public final class VerificationKey {
    private final String kid;
    private final SignatureAlgorithm algorithm;
    private final Key key;
    private final int signatureLength;
    private final ThreadLocal<Object> verifier;

    /**
     * An HMAC key bound to {@code algorithm}; the secret must be at least as long as the hash (RFC 7518 §3.2).
     *
     * @throws IllegalArgumentException when the secret is too short or the algorithm is not HS*
     */
    public static VerificationKey hmac(byte[] secret, SignatureAlgorithm algorithm) {
        return VerificationKeys.hmac(secret, algorithm);
    }

    /**
     * A public key bound to {@code algorithm} after the strength checks (RSA of at least 2048 bits and not ROCA-weak,
     * EC points on their curve, Ed25519), for a {@link KeySource} of the application's own.
     *
     * @throws IllegalArgumentException when the key is weak or does not fit the algorithm
     */
    public static VerificationKey of(Optional<String> kid, java.security.PublicKey key, SignatureAlgorithm algorithm) {
        return VerificationKeys.publicKey(kid, key, algorithm);
    }

    /**
     * A public key given as one JWK (RFC 7517), such as a DPoP proof's {@code jwk} header, bound to {@code algorithm}
     * after the rules every key set passes: an RSA, EC or OKP signature key ({@code use} absent or {@code sig},
     * {@code key_ops} absent or with {@code verify}), no private members, its own {@code alg} (if any) equal to
     * {@code algorithm}, and the strength checks of {@link #of}.
     *
     * @throws IllegalArgumentException naming the rule the key breaks (never key material)
     */
    public static VerificationKey fromJwk(java.util.Map<String, ?> jwk, SignatureAlgorithm algorithm) {
        return VerificationKeys.fromJwk(jwk, algorithm);
    }

    /**
     * Why {@code jwk} can never be a public signature key, read from its members alone (cheap: nothing is parsed):
     * a symmetric or unknown key type, private members, another {@code use}, {@code key_ops} without
     * {@code verify}. Empty when it may be one; {@link #fromJwk} then applies the remaining rules.
     */
    public static Optional<String> jwkRefusal(java.util.Map<String, ?> jwk) {
        return VerificationKeys.jwkRefusal(jwk);
    }

    VerificationKey(String kid, SignatureAlgorithm algorithm, Key key) {
        this.kid = kid;
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.key = Objects.requireNonNull(key, "key");
        this.signatureLength = algorithm.family() == SignatureAlgorithm.Family.RSA
                || algorithm.family() == SignatureAlgorithm.Family.RSA_PSS
                ? (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8
                : algorithm.signatureLength();
        this.verifier = ThreadLocal.withInitial(this::newVerifier);
        newVerifier(); // fail now, not on the first request, if the JDK cannot use this key
    }

    /** The key id ({@code kid}), if the key has one. */
    public Optional<String> kid() {
        return Optional.ofNullable(kid);
    }

    /** The public key, for re-binding under a {@code kid}; fails for HMAC keys. */
    java.security.PublicKey publicKey() {
        return (PublicKey) key;
    }

    /** A digest of the key's encoding, to tell key sets apart without holding on to them. */
    String fingerprint() {
        byte[] encoded = key.getEncoded();
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when {@code other} is this very key: the same {@code kid}, algorithm and key material (a key set fetched
     * again holds new objects for the same keys).
     */
    public boolean sameKey(VerificationKey other) {
        return other == this || algorithm == other.algorithm && kid().equals(other.kid()) && key.equals(other.key);
    }

    /** The one algorithm this key verifies. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The exact signature length this key produces, in bytes. */
    public int signatureLength() {
        return signatureLength;
    }

    /** True when {@code signature} is a valid signature of {@code signingInput} under this key and algorithm. */
    public boolean verify(byte[] signingInput, byte[] signature) {
        return verify(signingInput, signingInput.length, signature);
    }

    /**
     * True when {@code signature} is a valid signature of the first {@code length} bytes of {@code signed} (a
     * compact token's bytes, whose signing input is its start, so it need not be copied).
     */
    public boolean verify(byte[] signed, int length, byte[] signature) {
        if (signature.length != signatureLength || length < 0 || length > signed.length) {
            return false;
        }
        Object jca = verifier.get();
        try {
            if (jca instanceof Mac mac) {
                mac.update(signed, 0, length);
                return MessageDigest.isEqual(mac.doFinal(), signature);
            }
            Signature sig = (Signature) jca;
            sig.update(signed, 0, length);
            return sig.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed signature value is a bad signature; reset so the next call starts clean.
            verifier.remove();
            return false;
        }
    }

    private Object newVerifier() {
        try {
            if (algorithm.isSymmetric()) {
                Mac mac = Mac.getInstance(algorithm.jcaName());
                mac.init((SecretKey) key);
                return mac;
            }
            Signature sig = Signature.getInstance(algorithm.jcaName());
            if (algorithm.family() == SignatureAlgorithm.Family.RSA_PSS) {
                String hash = "SHA-" + algorithm.hashBits();
                sig.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                        algorithm.hashBits() / 8, PSSParameterSpec.TRAILER_FIELD_BC));
            }
            sig.initVerify((PublicKey) key);
            return sig;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot verify " + algorithm + " with this key: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "VerificationKey[kid=" + kid + ", alg=" + algorithm + "]";
    }
}
