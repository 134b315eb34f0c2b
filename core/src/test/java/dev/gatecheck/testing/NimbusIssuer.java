package dev.gatecheck.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.X509CertificateConfirmation;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * An issuer of access tokens made with Nimbus JOSE+JWT (independent of Gatecheck): an RSA key generated per run,
 * its JWKS, and RFC 9068 {@code at+jwt} tokens that may be bound to a DPoP key ({@code cnf.jkt}) or a client
 * certificate ({@code cnf.x5t#S256}).
 */
public final class NimbusIssuer {
    private final String issuer;
    private final String audience;
    private final RSAKey key;

    public NimbusIssuer(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        try {
            this.key = new RSAKeyGenerator(2048).keyID("nimbus-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWKS. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A token for {@code subject} issued at {@code now}, valid five minutes, with {@code claims} added. */
    public String token(String subject, Instant now, Map<String, Object> claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), set.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A token bound to {@code certificate} ({@code cnf.x5t#S256}, RFC 8705), the thumbprint computed by Nimbus. */
    public String certificateBoundToken(String subject, Instant now, X509Certificate certificate) {
        return token(subject, now, Map.of("cnf",
                Map.of("x5t#S256", X509CertificateConfirmation.of(certificate).getValue().toString())));
    }

    /** A token bound to the DPoP key whose thumbprint is {@code jkt}. */
    public String boundToken(String subject, Instant now, String jkt) {
        return token(subject, now, Map.of("cnf", Map.of("jkt", jkt)));
    }
}
