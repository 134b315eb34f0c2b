package dev.gatecheck.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Real key pairs generated for each test run, and their PEM / JWK forms. */
public final class TestKeys {
    private TestKeys() {
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", g -> g.initialize(bits));
    }

    public static KeyPair rsa() {
        return rsa(2048);
    }

    /** {@code curve} is a JCA name: secp256r1, secp384r1, secp521r1. */
    public static KeyPair ec(String curve) {
        return generate("EC", g -> g.initialize(new ECGenParameterSpec(curve)));
    }

    public static KeyPair ed25519() {
        return generate("Ed25519", g -> { });
    }

    /** 64 random bytes, enough for every HS* algorithm. */
    public static byte[] hmacSecret() {
        byte[] secret = new byte[64];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A public JWK; {@code alg} may be null, {@code kid} may be null. */
    public static String jwk(PublicKey key, String kid, String alg) {
        StringBuilder json = new StringBuilder("{");
        if (key instanceof RSAPublicKey rsa) {
            json.append("\"kty\":\"RSA\",\"n\":\"").append(b64(unsigned(rsa.getModulus().toByteArray())))
                    .append("\",\"e\":\"").append(b64(unsigned(rsa.getPublicExponent().toByteArray()))).append('"');
        } else if (key instanceof ECPublicKey ec) {
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            String crv = switch (size) {
                case 32 -> "P-256";
                case 48 -> "P-384";
                default -> "P-521";
            };
            json.append("\"kty\":\"EC\",\"crv\":\"").append(crv)
                    .append("\",\"x\":\"").append(b64(fixed(ec.getW().getAffineX().toByteArray(), size)))
                    .append("\",\"y\":\"").append(b64(fixed(ec.getW().getAffineY().toByteArray(), size))).append('"');
        } else {
            byte[] encoded = key.getEncoded();
            byte[] raw = java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            json.append("\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"").append(b64(raw)).append('"');
        }
        if (kid != null) {
            json.append(",\"kid\":\"").append(kid).append('"');
        }
        if (alg != null) {
            json.append(",\"alg\":\"").append(alg).append('"');
        }
        return json.append('}').toString();
    }

    public static String jwks(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(byte[] bytes, int size) {
        byte[] u = unsigned(bytes);
        byte[] out = new byte[size];
        System.arraycopy(u, 0, out, size - u.length, u.length);
        return out;
    }

    private interface Init {
        void apply(KeyPairGenerator g) throws GeneralSecurityException;
    }

    private static KeyPair generate(String type, Init init) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type);
            init.apply(g);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
