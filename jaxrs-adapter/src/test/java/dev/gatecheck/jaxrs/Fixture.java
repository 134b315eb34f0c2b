package dev.gatecheck.jaxrs;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.test.Hostile;
import dev.gatecheck.test.TestIssuer;
import dev.gatecheck.test.TokenBuilder;
import java.util.List;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The issuer, keys and engines every deployment of the scenario suite shares. The engines are immutable, so
 * the test applications (instantiated by class name by Jersey and RESTEasy alike) reach them statically.
 */
final class Fixture {
    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "orders-api";
    /** The test kit's issuer under this suite's names. */
    static final TestIssuer KIT_ISSUER = TestIssuer.builder().issuer(ISSUER).audience(AUDIENCE).kid("k1").build();

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
                .jwt(jwt -> jwt.issuer(ISSUER).audiences(AUDIENCE).publicKeyPem(KIT_ISSUER.publicKeyPem()));
    }

    /** A valid token for {@code subject} with extra claims JSON members ({@code "roles":["admin"]}), may be empty. */
    static String token(String subject, String extraClaims) {
        TokenBuilder token = KIT_ISSUER.token().subject(subject);
        try {
            JsonUtil.parseJson("{" + extraClaims + "}").forEach(token::claim);
        } catch (JoseException e) {
            throw new IllegalArgumentException("extra claims are JSON members: " + extraClaims, e);
        }
        return token.build();
    }

    /** A token that expired an hour ago. */
    static String expiredToken(String subject) {
        return KIT_ISSUER.token().subject(subject).hostile(Hostile.EXPIRED);
    }

    /** A token signed by a key the application does not trust. */
    static String strangersToken(String subject) {
        return KIT_ISSUER.token().subject(subject).hostile(Hostile.BAD_SIGNATURE);
    }
}
