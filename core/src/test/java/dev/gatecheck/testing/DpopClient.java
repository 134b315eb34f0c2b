package dev.gatecheck.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A DPoP client made of Nimbus' OAuth SDK, an implementation independent of Gatecheck: its key pair, the RFC 7638
 * thumbprint of its public key (a bound token's {@code cnf.jkt}), and proofs from {@code DefaultDPoPProofFactory}.
 */
public final class DpopClient {
    private final JWK key;
    private final DefaultDPoPProofFactory factory;

    private DpopClient(JWK key, JWSAlgorithm algorithm) {
        this.key = key;
        try {
            this.factory = new DefaultDPoPProofFactory(key, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client with a new P-256 key, signing ES256 proofs. */
    public static DpopClient es256() {
        try {
            return new DpopClient(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client with a new 2048-bit RSA key, signing proofs with {@code algorithm} (RS256, PS256, ...). */
    public static DpopClient rsa(String algorithm) {
        try {
            return new DpopClient(new RSAKeyGenerator(2048).generate(), JWSAlgorithm.parse(algorithm));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair, private part included (for hand-made hostile proofs). */
    public JWK key() {
        return key;
    }

    /** The RFC 7638 SHA-256 thumbprint of the public key, as Nimbus computes it ({@code cnf.jkt}). */
    public String thumbprint() {
        try {
            return JWKThumbprintConfirmation.of(key).getValue().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof for {@code method} {@code url} with {@code token}, issued at {@code iat}, with a fresh {@code jti}. */
    public String proof(String method, String url, String token, Instant iat) {
        return proof(UUID.randomUUID().toString(), method, url, iat, token, null);
    }

    /** A proof with every claim given; {@code nonce} may be null. */
    public String proof(String jti, String method, String url, Instant iat, String token, String nonce) {
        try {
            return factory.createDPoPJWT(new JWTID(jti), method, URI.create(url), Date.from(iat),
                    new DPoPAccessToken(token), nonce == null ? null : new Nonce(nonce)).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
