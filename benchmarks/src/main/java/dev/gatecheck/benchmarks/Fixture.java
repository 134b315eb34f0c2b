package dev.gatecheck.benchmarks;

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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys and tokens for one benchmark trial, minted with plain JCA (no test-jar, no peer library): an RSA-2048 or
 * P-256 key pair, a valid token of about the requested size, and the tokens every implementation must refuse.
 * Every implementation under test is handed exactly these keys and tokens.
 */
final class Fixture {
    static final String ISSUER = "https://issuer.bench.gatecheck.dev";
    static final String AUDIENCE = "api://orders";
    static final String SUBJECT = "alice";
    static final String KID = "bench-key-1";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** {@code RS256} or {@code ES256}. */
    final String alg;
    final KeyPair keyPair;
    /** The valid token, {@link #tokenSize} characters give or take a few. */
    final String token;
    /** The exact bytes the signature covers ({@code header.payload}) and the signature, decoded: the JCA floor. */
    final byte[] signingInput;
    final byte[] signature;
    /** The public key as a one-key JWKS ({@code kid}, {@code alg}, {@code use}), as an identity provider serves it. */
    final String jwks;
    /** Tokens every implementation must refuse: bad signature, wrong {@code iss}, wrong {@code aud}, expired. */
    final Map<String, String> invalid;

    private Fixture(String alg, KeyPair keyPair, String token, String jwks, Map<String, String> invalid) {
        this.alg = alg;
        this.keyPair = keyPair;
        this.token = token;
        int dot = token.lastIndexOf('.');
        this.signingInput = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
        this.signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        this.jwks = jwks;
        this.invalid = Map.copyOf(invalid);
    }

    /** A fresh key pair for {@code alg} and tokens of about {@code tokenSize} characters. */
    static Fixture create(String alg, int tokenSize) {
        KeyPair keyPair = generate(alg);
        long now = System.currentTimeMillis() / 1000;
        String token = sign(alg, keyPair.getPrivate(), claims(ISSUER, AUDIENCE, now, now + 3600), tokenSize);
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("bad signature", tamper(token));
        invalid.put("wrong iss", sign(alg, keyPair.getPrivate(),
                claims("https://evil.example", AUDIENCE, now, now + 3600), tokenSize));
        invalid.put("wrong aud", sign(alg, keyPair.getPrivate(),
                claims(ISSUER, "api://someone-else", now, now + 3600), tokenSize));
        invalid.put("expired", sign(alg, keyPair.getPrivate(),
                claims(ISSUER, AUDIENCE, now - 7200, now - 3600), tokenSize));
        return new Fixture(alg, keyPair, token, jwks(alg, keyPair.getPublic()), invalid);
    }

    PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** The JCA name that verifies the JOSE signature as it is (ECDSA in the raw R||S form JWS uses). */
    static String jcaName(String alg) {
        return switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            default -> throw new IllegalArgumentException("unsupported alg " + alg);
        };
    }

    /** An access token's usual claims; the padding claim is added by {@link #sign} to reach the size. */
    private static Map<String, Object> claims(String issuer, String audience, long iat, long exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", SUBJECT);
        claims.put("aud", audience);
        claims.put("exp", exp);
        claims.put("iat", iat);
        claims.put("jti", "3f1c2a9e-6b7d-4c55-9a1e-0d2b8f4e7c61");
        claims.put("scope", "orders:read orders:write");
        claims.put("roles", List.of("user", "buyer"));
        claims.put("org", "acme");
        return claims;
    }

    /** A compact JWS of {@code claims}, padded with a {@code pad} claim so the whole token is about {@code size} chars. */
    static String sign(String alg, PrivateKey key, Map<String, Object> claims, int size) {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}";
        int pad = 0;
        String token = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            Map<String, Object> padded = new LinkedHashMap<>(claims);
            padded.put("pad", "x".repeat(pad));
            token = sign(alg, key, header, json(padded));
            int missing = size - token.length();
            if (Math.abs(missing) <= 2) {
                return token;
            }
            pad = Math.max(0, pad + missing * 3 / 4);
        }
        if (token.length() > size + 8) {
            throw new IllegalArgumentException("cannot make a " + alg + " token as small as " + size + " characters");
        }
        return token;
    }

    /** A compact JWS with exactly this header and payload JSON. */
    static String sign(String alg, PrivateKey key, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        try {
            Signature signer = Signature.getInstance(jcaName(alg));
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same token with one signature byte changed (re-encoded, so the base64url stays canonical). */
    private static String tamper(String token) {
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[signature.length / 2] ^= 0x01;
        return token.substring(0, dot + 1) + B64URL.encodeToString(signature);
    }

    private static KeyPair generate(String alg) {
        try {
            if (alg.equals("RS256")) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            if (alg.equals("ES256")) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("unsupported alg " + alg);
    }

    private static String jwks(String alg, PublicKey key) {
        String members;
        if (key instanceof RSAPublicKey rsa) {
            members = "\"kty\":\"RSA\",\"n\":\"" + unsigned(rsa.getModulus(), 0) + "\",\"e\":\""
                    + unsigned(rsa.getPublicExponent(), 0) + "\"";
        } else {
            ECPublicKey ec = (ECPublicKey) key;
            members = "\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + unsigned(ec.getW().getAffineX(), 32)
                    + "\",\"y\":\"" + unsigned(ec.getW().getAffineY(), 32) + "\"";
        }
        return "{\"keys\":[{" + members + ",\"kid\":\"" + KID + "\",\"alg\":\"" + alg + "\",\"use\":\"sig\"}]}";
    }

    /** Base64url of the big-endian unsigned bytes of {@code value}, left-padded to {@code length} bytes if given. */
    private static String unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (length > bytes.length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            bytes = padded;
        }
        return B64URL.encodeToString(bytes);
    }

    /** Minimal JSON for the claim values used here: strings, numbers, lists of strings and objects of them. */
    private static String json(Map<String, Object> claims) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(claim.getKey()).append("\":");
            Object value = claim.getValue();
            if (value instanceof Number) {
                out.append(value);
            } else if (value instanceof Map<?, ?> object) {
                @SuppressWarnings("unchecked")
                Map<String, Object> members = (Map<String, Object>) object;
                out.append(json(members));
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? "," : "").append('"').append(list.get(i)).append('"');
                }
                out.append(']');
            } else {
                out.append('"').append(value).append('"');
            }
        }
        return out.append('}').toString();
    }
}
