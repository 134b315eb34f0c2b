package dev.gatecheck.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An issuer with a key pair generated for this run, its tokens, and the configuration that trusts it. */
final class TestIssuer {
    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "orders-api";

    private final KeyPair key = TestKeys.rsa();

    /** The inline JWKS of this issuer's public key. */
    String jwks() {
        return TestKeys.jwks(TestKeys.jwk(key.getPublic(), "k1", "RS256"));
    }

    /** A token for {@code subject} valid for five minutes, with {@code extraClaims} JSON members (may be empty). */
    String token(String subject, String extraClaims) {
        return Tokens.signWithKid("RS256", key.getPrivate(), "k1",
                Tokens.claims(ISSUER, subject, AUDIENCE, Instant.now().getEpochSecond(), 300, extraClaims));
    }

    /** {@code /health} and {@code /raw/*} public, {@code /admin/*} needing role {@code admin}, everything else a token. */
    Gatecheck gatecheck() {
        return Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(ISSUER).audiences(AUDIENCE).jwks(jwks()))
                .route(new Route("health", List.of("/health"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .route(new Route("raw", List.of("/raw/*"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
                .build());
    }

    /** The same configuration as {@link #gatecheck()}, as DESIGN keys. */
    Map<String, String> keys() {
        return Map.of(
                "gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", AUDIENCE,
                "gatecheck.jwt.jwks", jwks(),
                "gatecheck.routes.health.paths", "/health",
                "gatecheck.routes.health.auth", "public",
                "gatecheck.routes.admin.paths", "/admin/*",
                "gatecheck.routes.admin.roles", "admin");
    }
}
