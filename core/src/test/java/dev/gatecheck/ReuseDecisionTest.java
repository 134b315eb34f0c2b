package dev.gatecheck;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.PUBLIC_PATH;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.HeaderChanges;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.ResourcePolicy;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.Tokens;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Gatecheck#reuse}: a decision an earlier adapter took (the servlet filter, on its own view of the path) is
 * checked against this adapter's route view, so an earlier adapter can only add checks, never remove one.
 */
class ReuseDecisionTest {
    private static final Clock CLOCK = Clock.fixed(GatewayFixtures.NOW, ZoneOffset.UTC);

    private final Gatecheck gatecheck = Gatecheck.create(GatewayFixtures.config(CLOCK)
            .gateway(g -> g.markers(GatewayConfig.Marker.SHARED_SECRET).sharedSecret("X-Gateway-Secret",
                    "a-shared-secret-of-the-gateway-long-enough"))
            .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
            .route(new Route("closed", List.of("/closed/*"), Set.of(), AuthMode.DENY, Requirements.NONE))
            .route(Route.webhook("github", List.of("/hooks/github"), WebhookSpec.of("github", "a-webhook-secret-of-at-least-32-bytes")))
            .build());

    /** What the earlier adapter may have left: anonymous, or an identity established one way or another. */
    private final Decision.Allow anonymous = gatecheck.unauthenticated();
    private final Decision.Allow reader = earlier(GatewayFixtures.bearerToken("alice"));
    private final Decision.Allow admin = earlier(Tokens.signWithKid("RS256", GatewayFixtures.TOKEN_KEY.getPrivate(),
            "token-key", Tokens.claims(GatewayFixtures.TOKEN_ISSUER, "ada", GatewayFixtures.TOKEN_AUDIENCE,
                    GatewayFixtures.T, 300, "\"roles\":[\"admin\"]")));
    private final Decision.Allow gateway = allow(Identity.builder(AuthMethod.GATEWAY).subject("bob").build());
    private final Decision.Allow githubDelivery = webhook("github");
    private final Decision.Allow otherDelivery = webhook("other");

    private Decision.Allow earlier(String token) {
        Decision decision = gatecheck.authenticate(AuthRequest.builder("GET", PUBLIC_PATH).bearer(token).build());
        assertThat(decision).as("the earlier adapter allowed the token").isInstanceOf(Decision.Allow.class);
        return (Decision.Allow) decision;
    }

    private static Decision.Allow webhook(String route) {
        return allow(Identity.builder(AuthMethod.WEBHOOK).subject("github:" + route)
                .claims(Map.of("webhook", "github", "route", route)).build());
    }

    private static Decision.Allow allow(Identity identity) {
        return new Decision.Allow(Optional.of(identity), HeaderChanges.NONE, "earlier");
    }

    /** The request as this adapter sees it: the earlier adapter hid its credentials. */
    private static AuthRequest get(String path) {
        return AuthRequest.builder("GET", path).build();
    }

    private Decision reuse(String path, Decision.Allow earlier) {
        return gatecheck.reuse(get(path), earlier, Optional.empty());
    }

    private static void assertKept(Decision decision, Decision.Allow earlier, String why) {
        assertThat(decision).as(why).isSameAs(earlier);
    }

    private static void assertDenied(Decision decision, int status, String body) {
        assertThat(decision).as("expected a denial %s %s", status, body).isInstanceOf(Decision.Deny.class);
        Rejection rejection = ((Decision.Deny) decision).rejection();
        assertThat(rejection.status()).isEqualTo(status);
        assertThat(rejection.body()).isEqualTo(body);
    }

    @Test
    void aDenyRouteOfThisViewIsA403WhateverTheEarlierDecision() {
        assertDenied(reuse("/closed/x", admin), 403, "{\"error\":\"forbidden\",\"detail\":\"route_denied\"}");
    }

    @Test
    void aPublicRouteKeepsTheEarlierDecision() {
        assertKept(reuse(PUBLIC_PATH, anonymous), anonymous, "public: anonymous stays anonymous");
        assertKept(reuse(PUBLIC_PATH, reader), reader, "public: the identity is kept");
    }

    @Test
    void aTokenRouteNeedsAnEarlierTokenIdentityAndAnswersLikeAuthenticateWithout() {
        assertKept(reuse(TOKEN_PATH, reader), reader, "token route, token identity");
        Decision denied = reuse(TOKEN_PATH, anonymous);
        assertDenied(denied, 401, "{\"error\":\"missing_authorization_header\",\"detail\":\"no_bearer_token\"}");
        assertThat(((Decision.Deny) denied).rejection())
                .as("the same answer authenticate gives a request without a credential")
                .isEqualTo(((Decision.Deny) gatecheck.authenticate(get(TOKEN_PATH))).rejection());
        assertDenied(reuse(TOKEN_PATH, gateway), 401,
                "{\"error\":\"missing_authorization_header\",\"detail\":\"no_bearer_token\"}");
    }

    @Test
    void aPathNoRouteCoversNeedsATokenAsTheDefaultModeSays() {
        // The filter in front matched /api/admin, found no route and let an anonymous caller through (say); the
        // JAX-RS view of the same request still answers as its own route table says.
        assertDenied(reuse("/elsewhere", anonymous), 401,
                "{\"error\":\"missing_authorization_header\",\"detail\":\"no_bearer_token\"}");
    }

    @Test
    void theRoutesRolesApplyToTheEarlierIdentity() {
        assertDenied(reuse("/admin/users", reader), 403, "{\"error\":\"forbidden\",\"detail\":\"missing_role\"}");
        assertKept(reuse("/admin/users", admin), admin, "an admin on the admin route");
    }

    @Test
    void aGatewayRouteNeedsAnEarlierGatewayIdentity() {
        assertKept(reuse(GATEWAY_PATH, gateway), gateway, "gateway route, gateway identity");
        assertDenied(reuse(GATEWAY_PATH, reader), 401,
                "{\"error\":\"missing_authorization_header\",\"detail\":\"no_gateway_identity\"}");
    }

    @Test
    void aGatewayOrTokenRouteTakesEitherIdentity() {
        assertKept(reuse(MIXED_PATH, gateway), gateway, "gateway-or-token route, gateway identity");
        assertKept(reuse(MIXED_PATH, reader), reader, "gateway-or-token route, token identity");
        assertDenied(reuse(MIXED_PATH, anonymous), 401,
                "{\"error\":\"missing_authorization_header\",\"detail\":\"no_bearer_token\"}");
        assertDenied(reuse(MIXED_PATH, githubDelivery), 401,
                "{\"error\":\"missing_authorization_header\",\"detail\":\"no_bearer_token\"}");
    }

    @Test
    void aWebhookRouteNeedsAWebhookIdentityOfThatSameRoute() {
        assertKept(reuse("/hooks/github", githubDelivery), githubDelivery, "a delivery verified for this route");
        String unverified = "{\"error\":\"invalid_signature\",\"detail\":\"unverified_webhook\"}";
        assertDenied(reuse("/hooks/github", otherDelivery), 401, unverified);
        assertDenied(reuse("/hooks/github", reader), 401, unverified);
        assertDenied(reuse("/hooks/github", anonymous), 401, unverified);
    }

    @Test
    void aResourcePolicyReplacesTheRouteAsInAuthenticate() {
        AuthRequest closed = get("/closed/x");
        assertKept(gatecheck.reuse(closed, anonymous, Optional.of(ResourcePolicy.permitAll("R.open"))), anonymous,
                "@PermitAll beats the deny route, as in authenticate");
        Optional<ResourcePolicy> adminOnly = Optional.of(ResourcePolicy.authenticated("R.admin",
                Requirements.roles("admin")));
        assertDenied(gatecheck.reuse(get(PUBLIC_PATH), reader, adminOnly), 403,
                "{\"error\":\"forbidden\",\"detail\":\"missing_role\"}");
    }

    @Test
    void thePathIsMatchedBelowTheContextPath() {
        AuthRequest closed = AuthRequest.builder("GET", "/app/closed/x").contextPath("/app").build();
        assertDenied(gatecheck.reuse(closed, admin, Optional.empty()), 403,
                "{\"error\":\"forbidden\",\"detail\":\"route_denied\"}");
    }

    @Test
    void aMalformedPathIsA400() {
        assertDenied(reuse("/public/../../x", reader), 400,
                "{\"error\":\"invalid_request\",\"detail\":\"malformed_path\"}");
    }

    @Test
    void aSkippedCorsPreflightKeepsTheEarlierDecision() {
        AuthRequest preflight = AuthRequest.builder("OPTIONS", TOKEN_PATH).header("Origin", "https://app.test")
                .header("Access-Control-Request-Method", "GET").build();
        assertKept(gatecheck.reuse(preflight, anonymous, Optional.empty()), anonymous, "preflight skipped");
    }
}
