package dev.gatecheck.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints compact JWS tokens in tests from literal header and claims JSON, signed with real keys, so hostile
 * shapes (duplicate members, odd types, forbidden headers) can be produced exactly.
 */
public final class Tokens {
    private Tokens() {
    }

    /** {@code base64url(header).base64url(claims).base64url(signature)} signed with {@code alg}. */
    public static String sign(String alg, Key key, String headerJson, String claimsJson) {
        String signingInput = b64(headerJson) + "." + b64(claimsJson);
        return signingInput + "." + TestKeys.b64(signature(alg, key, signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A token with header {@code {"alg":alg,"typ":"JWT"[,"kid":kid]}}. */
    public static String signWithKid(String alg, Key key, String kid, String claimsJson) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
        return sign(alg, key, header, claimsJson);
    }

    /** Standard claims: iss, sub, aud, iat=now, exp=now+ttl, plus {@code extra} JSON members (may be empty). */
    public static String claims(String iss, String sub, String aud, long nowSeconds, long ttlSeconds, String extra) {
        return "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"iat\":" + nowSeconds
                + ",\"exp\":" + (nowSeconds + ttlSeconds) + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    public static byte[] signature(String alg, Key key, byte[] input) {
        try {
            if (alg.startsWith("HS")) {
                String name = "HmacSHA" + alg.substring(2);
                Mac mac = Mac.getInstance(name);
                mac.init(key instanceof SecretKeySpec ? key : new SecretKeySpec(key.getEncoded(), name));
                return mac.doFinal(input);
            }
            Signature sig;
            switch (alg) {
                case "RS256", "RS384", "RS512" -> sig = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
                case "PS256", "PS384", "PS512" -> {
                    String hash = "SHA-" + alg.substring(2);
                    sig = Signature.getInstance("RSASSA-PSS");
                    sig.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                            Integer.parseInt(alg.substring(2)) / 8, 1));
                }
                case "ES256", "ES384" -> sig = Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
                case "ES512" -> sig = Signature.getInstance("SHA512withECDSAinP1363Format");
                case "EdDSA", "Ed25519" -> sig = Signature.getInstance("Ed25519");
                default -> throw new IllegalArgumentException("cannot sign " + alg);
            }
            sig.initSign((PrivateKey) key);
            sig.update(input);
            return sig.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String s) {
        return TestKeys.b64(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An HMAC key object for {@link #sign} from raw secret bytes. */
    public static Key hmacKey(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }
}
