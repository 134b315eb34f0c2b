package dev.gatecheck.jaxrs;

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
import java.util.Set;

/**
 * The issuer, keys and engines every deployment of the scenario suite shares. The engines are immutable, so
 * the test applications (instantiated by class name by Jersey and RESTEasy alike) reach them statically.
 */
final class Fixture {
    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "orders-api";
    static final KeyPair KEY = TestKeys.rsa();
    static final KeyPair STRANGER = TestKeys.rsa();

    /** The applications' engine: token mode, {@code /open} public, {@code /closed/*} denied, {@code /admin/*} admins. */
    static final Gatecheck GATECHECK = Gatecheck.create(base()
            .route(new Route("open", List.of("/open"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
            .route(new Route("closed", List.of("/closed/*"), Set.of(), AuthMode.DENY, Requirements.NONE))
            .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
            .build());

    /** The same, but resources may see the raw {@code Authorization} header. */
    static final Gatecheck SHOWING_AUTHORIZATION = Gatecheck.create(base().hideAuthorization(false).build());

    /**
     * The servlet filter's engine in the servlet + JAX-RS deployment: everything under {@code /behind} is public
     * at the servlet level (a token, when sent, is verified there); the JAX-RS side then checks its own view.
     */
    static final Gatecheck SERVLET_FILTER = Gatecheck.create(base()
            .route(new Route("behind", List.of("/behind/*"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
            .build());

    private Fixture() {
    }

    private static GatecheckConfig.Builder base() {
        return GatecheckConfig.builder()
                .jwt(jwt -> jwt.issuer(ISSUER).audiences(AUDIENCE).publicKeyPem(TestKeys.pem(KEY.getPublic())));
    }

    /** A valid token for {@code subject} with extra claims JSON members ({@code "roles":["admin"]}), may be empty. */
    static String token(String subject, String extraClaims) {
        return signed(KEY, subject, Instant.now().getEpochSecond(), extraClaims);
    }

    /** A token that expired five minutes ago. */
    static String expiredToken(String subject) {
        return signed(KEY, subject, Instant.now().getEpochSecond() - 600, "");
    }

    /** A token signed by a key the application does not trust. */
    static String strangersToken(String subject) {
        return signed(STRANGER, subject, Instant.now().getEpochSecond(), "");
    }

    private static String signed(KeyPair key, String subject, long issuedAt, String extraClaims) {
        return Tokens.signWithKid("RS256", key.getPrivate(), "k1",
                Tokens.claims(ISSUER, subject, AUDIENCE, issuedAt, 300, extraClaims));
    }
}
