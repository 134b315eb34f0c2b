package dev.gatecheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * One issuer with a real RSA key at a fixed instant, for specification tests that go through
 * {@link Gatecheck#authenticate}: configurations from DESIGN keys, tokens, and decision assertions with
 * messages that say what was expected.
 */
public final class SpecFixture {
    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    public static final long NOW_S = NOW.getEpochSecond();
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String ISSUER = "https://issuer.test";
    public static final String AUDIENCE = "api";
    /** The issuer's signing key; its public half is the configured kid-less JWK. */
    public static final KeyPair RSA = TestKeys.rsa();

    private SpecFixture() {
    }

    /** DESIGN keys: the fixture issuer, audience {@code api}, its RSA key inline, then {@code pairs} (key, value...). */
    public static Map<String, String> keys(String... pairs) {
        Map<String, String> keys = new HashMap<>();
        keys.put("gatecheck.jwt.issuer", ISSUER);
        keys.put("gatecheck.jwt.audiences", AUDIENCE);
        keys.put("gatecheck.jwt.jwks", TestKeys.jwk(RSA.getPublic(), null, null));
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        return keys;
    }

    /** The engine for {@link #keys(String...)} at {@link #NOW}. */
    public static Gatecheck gatecheck(String... pairs) {
        return Gatecheck.create(GatecheckConfig.fromMap(keys(pairs), CLOCK));
    }

    /** A valid RS256 token of the fixture issuer for {@code sub}, with {@code extraClaims} JSON members (may be empty). */
    public static String token(String sub, String extraClaims) {
        return Tokens.signWithKid("RS256", RSA.getPrivate(), null,
                Tokens.claims(ISSUER, sub, AUDIENCE, NOW_S, 300, extraClaims));
    }

    /** An RS256 token of the fixture key over exactly {@code claimsJson} (header {@code {"alg":"RS256"}}). */
    public static String signed(String claimsJson) {
        return signed("{\"alg\":\"RS256\"}", claimsJson);
    }

    /** An RS256 signature of the fixture key over exactly {@code headerJson} and {@code claimsJson}. */
    public static String signed(String headerJson, String claimsJson) {
        return Tokens.sign("RS256", RSA.getPrivate(), headerJson, claimsJson);
    }

    /** A valid token for {@code alice} without extra claims. */
    public static String token() {
        return token("alice", "");
    }

    public static Decision.Allow allowed(Decision decision) {
        assertThat(decision).as("expected the request to be allowed").isInstanceOf(Decision.Allow.class);
        return (Decision.Allow) decision;
    }

    public static Rejection denied(Decision decision) {
        assertThat(decision).as("expected the request to be denied").isInstanceOf(Decision.Deny.class);
        return ((Decision.Deny) decision).rejection();
    }

    /** Asserts a denial with {@code status} and {@code code}, and returns the rejection. */
    public static Rejection denied(Decision decision, int status, String code) {
        Rejection rejection = denied(decision);
        assertThat(rejection.code().code()).as("error code (detail %s)", rejection.detail()).isEqualTo(code);
        assertThat(rejection.status()).as("status of %s", code).isEqualTo(status);
        return rejection;
    }

    /** {@code GET path} with {@code Authorization: Bearer token}. */
    public static AuthRequest get(String path, String token) {
        return AuthRequest.builder("GET", path).bearer(token).build();
    }

    /** {@code GET path} without a credential. */
    public static AuthRequest get(String path) {
        return AuthRequest.builder("GET", path).build();
    }
}
