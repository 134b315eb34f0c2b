package dev.gatecheck.examples.spring;

import java.time.Duration;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A development token issuer for the demo: an RSA key made at startup, its public JWKS, and RS256 tokens it signs.
 * For trying Gatecheck without an identity provider; never for production.
 */
final class DevIssuer {
    static final String ISSUER = "https://dev-issuer.gatecheck.example/";
    static final String AUDIENCE = "gatecheck-demo";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final RsaJsonWebKey key;

    DevIssuer() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot make the development key", e);
        }
        key.setKeyId("dev-1");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** The public key set, the value of {@code gatecheck.jwt.jwks}. */
    String jwks() {
        return new JsonWebKeySet(key).toJson(RsaJsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** A token for {@code subject} with {@code roles} and a space-separated {@code scope}. */
    String token(String subject, List<String> roles, String scope) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(LIFETIME.toMinutes());
        claims.setStringListClaim("roles", roles);
        claims.setClaim("scope", scope);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }
}
