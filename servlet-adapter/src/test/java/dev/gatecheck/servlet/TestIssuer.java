package dev.gatecheck.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.test.TokenBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** The test kit's issuer with this suite's names, its tokens, and the configuration that trusts it. */
final class TestIssuer {
    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "orders-api";

    private final dev.gatecheck.test.TestIssuer kit = dev.gatecheck.test.TestIssuer.builder()
            .issuer(ISSUER).audience(AUDIENCE).kid("k1").build();

    /** The inline JWKS of this issuer's public key. */
    String jwks() {
        return kit.jwks();
    }

    /** A token for {@code subject} valid for five minutes, with {@code extraClaims} JSON members (may be empty). */
    String token(String subject, String extraClaims) {
        TokenBuilder token = kit.token().subject(subject);
        try {
            JsonUtil.parseJson("{" + extraClaims + "}").forEach(token::claim);
        } catch (JoseException e) {
            throw new IllegalArgumentException("extra claims are JSON members: " + extraClaims, e);
        }
        return token.build();
    }

    /** A token for {@code subject} signed by a key this issuer never published, under its kid. */
    String forgedToken(String subject) {
        return kit.token().subject(subject).hostile(dev.gatecheck.test.Hostile.BAD_SIGNATURE);
    }

    /** {@code /health} and {@code /raw/*} public, {@code /admin/*} needing role {@code admin}, everything else a token. */
    Gatecheck gatecheck() {
        return Gatecheck.create(GatecheckConfig.builder()
                .jwt(kit::configure)
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
