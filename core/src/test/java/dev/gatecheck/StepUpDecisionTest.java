package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.ResourcePolicy;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.NimbusIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Step-up (RFC 9470) in the engine, configured by the documented keys: a route's {@code acr} and {@code max-age}
 * are checked against the token's {@code acr} and {@code auth_time} (tokens made by Nimbus), and an unmet one is a
 * 401 {@code insufficient_user_authentication} whose challenge names {@code acr_values} and {@code max_age}.
 */
class StepUpDecisionTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);

    private final MutableClock clock = MutableClock.at(START);
    private final Gatecheck engine = Gatecheck.create(GatecheckConfig.fromMap(Map.of(
            "gatecheck.jwt.issuer", ISSUER, "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks(),
            "gatecheck.routes.transfer.paths", "/transfer", "gatecheck.routes.transfer.acr", "urn:mfa,urn:hwk",
            "gatecheck.routes.transfer.max-age", "5m",
            "gatecheck.routes.profile.paths", "/profile", "gatecheck.routes.profile.max-age", "1h"), clock));

    @AfterEach
    void close() {
        engine.close();
    }

    private static String token(Object acr, Instant authTime) {
        Map<String, Object> claims = new HashMap<>();
        if (acr != null) {
            claims.put("acr", acr);
        }
        if (authTime != null) {
            claims.put("auth_time", authTime.getEpochSecond());
        }
        return ISSUING.token("alice", START, claims);
    }

    private Decision get(String path, String token) {
        return engine.authenticate(AuthRequest.builder("GET", path).bearer(token).build());
    }

    private Rejection assertInsufficient(Decision decision, String detail) {
        Rejection rejection = assertDenied(decision, 401, "insufficient_user_authentication", detail);
        assertThat(rejection.detail()).as("detail").isEqualTo(detail);
        return rejection;
    }

    @Test
    void allowsAnAcceptedAcrWithARecentAuthentication() {
        assertAllowed(get("/transfer", token("urn:hwk", START.minusSeconds(300))), "acr accepted, auth_time 5m ago");
    }

    @Test
    void refusesAnAcrTheRouteDoesNotAcceptWithTheRfc9470Challenge() {
        Rejection rejection = assertInsufficient(get("/transfer", token("urn:pwd", START)), "acr_not_accepted");

        assertThat(rejection.headers().get("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_user_"
                + "authentication\", error_description=\"acr_not_accepted\", acr_values=\"urn:hwk urn:mfa\","
                + " max_age=\"300\"");
    }

    @Test
    void refusesATokenWithoutAcr() {
        assertInsufficient(get("/transfer", token(null, START)), "acr_missing");
    }

    @Test
    void refusesAnAcrThatIsNotAString() {
        assertInsufficient(get("/transfer", token(java.util.List.of("urn:mfa"), START)), "acr_not_accepted");
    }

    @Test
    void refusesAnAuthenticationOlderThanMaxAge() {
        assertInsufficient(get("/transfer", token("urn:mfa", START.minusSeconds(301))), "auth_time_too_old");
    }

    @Test
    void maxAgeFollowsTheClock() {
        String token = token("urn:mfa", START.minusSeconds(200));
        assertAllowed(get("/transfer", token), "authenticated 200s ago");

        clock.advance(Duration.ofSeconds(101));

        assertInsufficient(get("/transfer", token), "auth_time_too_old");
    }

    @Test
    void refusesATokenWithoutAuthTimeWhereMaxAgeIsSet() {
        Rejection rejection = assertInsufficient(get("/profile", token("urn:pwd", null)), "auth_time_missing");

        assertThat(rejection.headers().get("WWW-Authenticate")).as("max_age alone").isEqualTo("Bearer error=\""
                + "insufficient_user_authentication\", error_description=\"auth_time_missing\", max_age=\"3600\"");
    }

    @Test
    void routesWithoutStepUpAcceptAnyAuthentication() {
        assertAllowed(get("/other", token(null, null)), "no acr or max-age on the default route");
    }

    @Test
    void aResourcePolicysOwnStepUpIsEnforced() {
        ResourcePolicy policy = ResourcePolicy.authenticated("Admin.delete", Requirements.NONE
                .withStepUp(new Requirements.StepUp(Set.of("urn:hwk"), Optional.empty())));
        AuthRequest request = AuthRequest.builder("GET", "/other").bearer(token("urn:mfa", START)).build();

        assertInsufficient(engine.authenticate(request, Optional.of(policy)), "acr_not_accepted");
    }
}
