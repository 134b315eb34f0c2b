package dev.gatecheck.spring;

import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Instant;

/** The issuer of the test applications: an RSA key made per run, its JWKS, and tokens it signs. */
public final class TestIssuer {
    public static final String ISSUER = "https://issuer.test/";
    public static final String AUDIENCE = "orders-api";
    private static final KeyPair KEYS = TestKeys.rsa();
    public static final String JWKS = TestKeys.jwks(TestKeys.jwk(KEYS.getPublic(), "k1", "RS256"));

    private TestIssuer() {
    }

    /** A token for {@code subject} and {@code audience}, valid for an hour, with {@code extra} JSON members. */
    public static String token(String subject, String audience, String extra) {
        return signed(subject, audience, Instant.now().getEpochSecond(), extra);
    }

    /** A token that expired an hour ago. */
    public static String expired(String subject) {
        return signed(subject, AUDIENCE, Instant.now().getEpochSecond() - 7200, "");
    }

    private static String signed(String subject, String audience, long issuedAt, String extra) {
        return Tokens.signWithKid("RS256", KEYS.getPrivate(), "k1",
                Tokens.claims(ISSUER, subject, audience, issuedAt, 3600, extra));
    }
}
