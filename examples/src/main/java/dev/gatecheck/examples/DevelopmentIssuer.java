package dev.gatecheck.examples;

import dev.gatecheck.config.JwtSettings;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A development token issuer inside the demos (servlet and JAX-RS): an RSA key pair generated at startup, its
 * JWKS, and RS256 tokens it signs. For trying Gatecheck without an identity provider; never for production.
 */
public final class DevelopmentIssuer {
    public static final String AUDIENCE = "gatecheck-demo";
    public static final String KEY_ID = "demo-1";
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private final String issuer;
    private final KeyPair keys;

    /** An issuer named {@code issuer} (the demo's base URL) with a fresh RSA-2048 key pair. */
    public DevelopmentIssuer(String issuer) {
        this.issuer = issuer;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the development key pair", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Where the demo serves {@link #jwks()}. */
    public String jwksUri() {
        return issuer + JWKS_PATH;
    }

    /**
     * Trusts this issuer's tokens. The keys are given inline: the same JWKS the demo serves at {@link #jwksUri()},
     * without the demo fetching from itself. To take them from the served JWKS instead, as an application does
     * from its identity provider, replace {@code .jwks(jwks())} with {@code .jwksUri(jwksUri())}.
     */
    public void trust(JwtSettings jwt) {
        jwt.issuer(issuer).audiences(AUDIENCE).jwks(jwks());
    }

    /** The public key as a JWKS document. */
    public String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", KEY_ID);
        jwk.put("n", base64Url(unsigned(key.getModulus())));
        jwk.put("e", base64Url(unsigned(key.getPublicExponent())));
        return DemoJson.of(Map.of("keys", List.of(jwk)));
    }

    /** An RS256 access token for {@code subject}, valid for {@link #TOKEN_LIFETIME}. */
    public String token(String subject, String org, List<String> roles, String scope) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", AUDIENCE);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(TOKEN_LIFETIME).getEpochSecond());
        claims.put("org", org);
        claims.put("roles", roles);
        claims.put("scope", scope);
        String header = DemoJson.of(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID));
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(DemoJson.of(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
