package dev.gatecheck.test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JWS signing and JWK encoding with plain JCA: the kit makes its tokens independently of the verifier it tests
 * (Gatecheck verifies with its own code, so a shared mistake could not hide here).
 */
final class Jose {
    private Jose() {
    }

    /** A fresh key pair for {@code alg}: RSA 2048 for RS and PS, the matching curve for ES, Ed25519 for EdDSA. */
    static KeyPair generate(String alg) {
        try {
            KeyPairGenerator generator;
            switch (family(alg)) {
                case "RSA" -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                }
                case "EC" -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(curve(alg)));
                }
                default -> generator = KeyPairGenerator.getInstance("Ed25519");
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate a key for " + alg, e);
        }
    }

    /** {@code RSA}, {@code EC} or {@code OKP}; an algorithm the kit does not sign with is refused. */
    static String family(String alg) {
        return switch (alg) {
            case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" -> "RSA";
            case "ES256", "ES384", "ES512" -> "EC";
            case "EdDSA" -> "OKP";
            default -> throw new IllegalArgumentException("'" + alg + "' is not an algorithm the kit signs with"
                    + " (RS256/384/512, PS256/384/512, ES256/384/512, EdDSA)");
        };
    }

    private static String curve(String alg) {
        return switch (alg) {
            case "ES256" -> "secp256r1";
            case "ES384" -> "secp384r1";
            default -> "secp521r1";
        };
    }

    /** {@code header.claims.signature}, each part base64url without padding. */
    static String sign(String alg, PrivateKey key, String headerJson, String claimsJson) {
        String input = b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        return input + "." + b64(signature(alg, key, input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] signature(String alg, PrivateKey key, byte[] input) {
        try {
            Signature signature;
            String bits = alg.substring(2);
            switch (alg.substring(0, 2)) {
                case "RS" -> signature = Signature.getInstance("SHA" + bits + "withRSA");
                case "PS" -> {
                    signature = Signature.getInstance("RSASSA-PSS");
                    String hash = "SHA-" + bits;
                    signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                            Integer.parseInt(bits) / 8, 1));
                }
                // JWS wants r||s (P1363), not the DER the plain SHA256withECDSA gives.
                case "ES" -> signature = Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
                default -> signature = Signature.getInstance("Ed25519");
            }
            signature.initSign(key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign " + alg + " with a " + key.getAlgorithm() + " key", e);
        }
    }

    /** The public JWK of {@code key}, with {@code kid}, {@code alg} and {@code use: sig}. */
    static Map<String, Object> jwk(PublicKey key, String kid, String alg) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        if (key instanceof RSAPublicKey rsa) {
            jwk.put("kty", "RSA");
            jwk.put("n", b64(unsigned(rsa.getModulus())));
            jwk.put("e", b64(unsigned(rsa.getPublicExponent())));
        } else if (key instanceof ECPublicKey ec) {
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            jwk.put("kty", "EC");
            jwk.put("crv", switch (size) {
                case 32 -> "P-256";
                case 48 -> "P-384";
                default -> "P-521";
            });
            jwk.put("x", b64(padded(ec.getW().getAffineX(), size)));
            jwk.put("y", b64(padded(ec.getW().getAffineY(), size)));
        } else {
            // An X.509 Ed25519 key ends with the 32 raw bytes of the point (RFC 8410).
            byte[] encoded = key.getEncoded();
            jwk.put("kty", "OKP");
            jwk.put("crv", "Ed25519");
            jwk.put("x", b64(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
        }
        jwk.put("kid", kid);
        jwk.put("alg", alg);
        jwk.put("use", "sig");
        return jwk;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] padded(BigInteger value, int size) {
        byte[] bytes = unsigned(value);
        byte[] out = new byte[size];
        System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
        return out;
    }
}
