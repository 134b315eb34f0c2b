package dev.gatecheck.keys;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jose4j.keys.EllipticCurves;

/**
 * The strength and binding rules every public key passes before it may verify anything: RSA of at least
 * 2048 bits with an odd exponent and without the ROCA fingerprint, EC points on their named curve, Ed25519 only,
 * and exactly one algorithm.
 */
final class KeyIngest {
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 16384;
    private static final List<SignatureAlgorithm> RSA_PREFERENCE = List.of(SignatureAlgorithm.RS256,
            SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384,
            SignatureAlgorithm.PS512);

    private KeyIngest() {
    }

    /** Why {@code key} is unusable, or empty when it is strong enough. */
    static Optional<String> weakness(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                return Optional.of("rsa_key_too_small");
            }
            if (bits > MAX_RSA_BITS) {
                return Optional.of("rsa_key_too_large");
            }
            BigInteger e = rsa.getPublicExponent();
            if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || e.bitLength() > 256) {
                return Optional.of("rsa_bad_exponent");
            }
            return RocaFingerprint.matches(rsa.getModulus()) ? Optional.of("rsa_roca_weak") : Optional.empty();
        }
        if (key instanceof ECPublicKey ec) {
            if (EllipticCurves.getName(ec.getParams().getCurve()) == null) {
                return Optional.of("ec_unknown_curve");
            }
            return onCurve(ec.getW(), ec.getParams().getCurve()) ? Optional.empty() : Optional.of("ec_point_not_on_curve");
        }
        if (key instanceof EdECPublicKey ed) {
            return "Ed25519".equalsIgnoreCase(ed.getParams().getName())
                    ? Optional.empty() : Optional.of("unsupported_curve");
        }
        return Optional.of("unsupported_key_type");
    }

    /**
     * The algorithm {@code key} is bound to: {@code declared} (a JWK's {@code alg}) when given and it fits the
     * key, else the one its type implies (RSA: RS256 when allowed, else the first allowed RSA algorithm).
     * Empty when the key cannot serve any allowed algorithm.
     */
    static Optional<SignatureAlgorithm> bind(PublicKey key, Optional<SignatureAlgorithm> declared,
                                             Set<SignatureAlgorithm> allowed) {
        if (declared.isPresent()) {
            SignatureAlgorithm alg = declared.get();
            return fits(key, alg) && allowed.contains(alg) ? declared : Optional.empty();
        }
        if (key instanceof RSAPublicKey) {
            return RSA_PREFERENCE.stream().filter(allowed::contains).findFirst();
        }
        for (SignatureAlgorithm alg : allowed) {
            if (fits(key, alg)) {
                return Optional.of(alg);
            }
        }
        return Optional.empty();
    }

    /** True when {@code alg} can be verified with {@code key} (type and curve). */
    static boolean fits(PublicKey key, SignatureAlgorithm alg) {
        return switch (alg.family()) {
            case RSA, RSA_PSS -> key instanceof RSAPublicKey;
            case EC -> key instanceof ECPublicKey ec
                    && alg.curve().orElseThrow().equals(EllipticCurves.getName(ec.getParams().getCurve()));
            case EDDSA -> key instanceof EdECPublicKey;
            case HMAC -> false;
        };
    }

    private static boolean onCurve(ECPoint point, EllipticCurve curve) {
        if (point == null || ECPoint.POINT_INFINITY.equals(point) || !(curve.getField() instanceof ECFieldFp field)) {
            return false;
        }
        BigInteger p = field.getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }
}
