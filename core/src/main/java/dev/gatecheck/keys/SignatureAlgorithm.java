package dev.gatecheck.keys;

import java.util.Optional;

/**
 * The JWS algorithms Gatecheck verifies. {@code none} is not one of them and cannot be configured.
 * Each value knows its JCA name and the exact signature length where the algorithm fixes it.
 */
public enum SignatureAlgorithm {
    HS256(Family.HMAC, "HmacSHA256", 32, null),
    HS384(Family.HMAC, "HmacSHA384", 48, null),
    HS512(Family.HMAC, "HmacSHA512", 64, null),
    RS256(Family.RSA, "SHA256withRSA", -1, null),
    RS384(Family.RSA, "SHA384withRSA", -1, null),
    RS512(Family.RSA, "SHA512withRSA", -1, null),
    PS256(Family.RSA_PSS, "RSASSA-PSS", -1, null),
    PS384(Family.RSA_PSS, "RSASSA-PSS", -1, null),
    PS512(Family.RSA_PSS, "RSASSA-PSS", -1, null),
    ES256(Family.EC, "SHA256withECDSAinP1363Format", 64, "P-256"),
    ES384(Family.EC, "SHA384withECDSAinP1363Format", 96, "P-384"),
    ES512(Family.EC, "SHA512withECDSAinP1363Format", 132, "P-521"),
    EdDSA(Family.EDDSA, "Ed25519", 64, "Ed25519");

    /** The kind of key an algorithm needs. */
    public enum Family { HMAC, RSA, RSA_PSS, EC, EDDSA }

    private final Family family;
    private final String jcaName;
    private final int signatureLength;
    private final String curve;

    SignatureAlgorithm(Family family, String jcaName, int signatureLength, String curve) {
        this.family = family;
        this.jcaName = jcaName;
        this.signatureLength = signatureLength;
        this.curve = curve;
    }

    /**
     * The algorithm for a JOSE {@code alg} value, matched exactly (so {@code None}, {@code rs256} and
     * {@code none} are all unknown). {@code Ed25519} (RFC 9864) is read as {@code EdDSA}.
     */
    public static Optional<SignatureAlgorithm> fromJose(String alg) {
        if ("Ed25519".equals(alg)) {
            return Optional.of(EdDSA);
        }
        for (SignatureAlgorithm a : values()) {
            if (a.name().equals(alg)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public Family family() {
        return family;
    }

    /** True for HS256/384/512. */
    public boolean isSymmetric() {
        return family == Family.HMAC;
    }

    String jcaName() {
        return jcaName;
    }

    /** The exact signature length in bytes, or -1 when it follows the key (RSA). */
    public int signatureLength() {
        return signatureLength;
    }

    /** The JOSE curve name for EC and EdDSA algorithms. */
    public Optional<String> curve() {
        return Optional.ofNullable(curve);
    }

    /** The digest size in bits for the SHA-2 algorithms, used for PSS parameters and HMAC key minimums. */
    int hashBits() {
        return switch (this) {
            case HS256, RS256, PS256, ES256 -> 256;
            case HS384, RS384, PS384, ES384 -> 384;
            case HS512, RS512, PS512, ES512, EdDSA -> 512;
        };
    }
}
