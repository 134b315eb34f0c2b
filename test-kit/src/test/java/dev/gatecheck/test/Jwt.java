package dev.gatecheck.test;

import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** A second, independent reader of the kit's tokens: jose4j verifies the signature with the issuer's JWKS. */
final class Jwt {
    private Jwt() {
    }

    /** The claims of {@code token}, once jose4j verified it with the key of {@code issuer}'s JWKS its kid names. */
    static Map<String, Object> claims(TestIssuer issuer, String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            JsonWebKey key = new JsonWebKeySet(issuer.jwks()).findJsonWebKey(jws.getKeyIdHeaderValue(), null, null,
                    jws.getAlgorithmHeaderValue());
            if (key == null) {
                throw new AssertionError("the JWKS has no key for kid " + jws.getKeyIdHeaderValue());
            }
            jws.setKey(key.getKey());
            if (!jws.verifySignature()) {
                throw new AssertionError("jose4j finds the signature invalid");
            }
            return JwtClaims.parse(jws.getPayload()).getClaimsMap();
        } catch (JoseException | org.jose4j.jwt.consumer.InvalidJwtException e) {
            throw new AssertionError("jose4j cannot read the token: " + e.getClass().getSimpleName(), e);
        }
    }

    static Map<String, Object> header(String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token);
            return org.jose4j.json.JsonUtil.parseJson(jws.getHeaders().getFullHeaderAsJsonString());
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }
}
