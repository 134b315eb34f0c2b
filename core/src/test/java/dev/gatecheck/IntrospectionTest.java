package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static dev.gatecheck.testing.Engines.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.IntrospectionServer;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opaque tokens through the engine: RFC 7662 introspection against a real loopback endpoint, the answer's claims
 * checked like a JWT's, the cache rules (active until the earlier of {@code exp} and the TTL, inactive only for the
 * negative TTL and apart, one call per new token at a time), selection among issuers, and forced introspection of
 * JWTs on {@code introspect=always} routes. Time moves with the clock; nothing sleeps.
 */
class IntrospectionTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String CLIENT = "orders-api";
    private static final String SECRET = "s3cret-of-the-orders-api";
    private static final KeyPair JWT_KEY = TestKeys.rsa();

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-29T12:00:00Z"));
    private IntrospectionServer server;
    private Gatecheck gatecheck;

    @BeforeEach
    void startServer() {
        server = IntrospectionServer.start(CLIENT, SECRET);
    }

    @AfterEach
    void stop() {
        if (gatecheck != null) {
            gatecheck.close();
        }
        server.close();
    }

    private long now() {
        return clock.millis() / 1000;
    }

    private String opaque() {
        return "op_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Claims of an active answer: sub, scope, iss, aud, exp in {@code ttl} seconds, roles. */
    private String claims(String sub, long ttl) {
        return "\"sub\":\"" + sub + "\",\"scope\":\"orders:read\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + CLIENT
                + "\",\"exp\":" + (now() + ttl) + ",\"iat\":" + now() + ",\"roles\":[\"clerk\"]";
    }

    private Gatecheck engine(Consumer<GatecheckConfig.Builder> more) {
        GatecheckConfig.Builder config = GatecheckConfig.builder().clock(clock)
                .jwt(j -> j.issuer(ISSUER).audiences(CLIENT).jwks(TestKeys.jwks(
                                TestKeys.jwk(JWT_KEY.getPublic(), "k1", "RS256")))
                        .introspection(i -> i.uri(server.uri()).clientId(CLIENT).clientSecret(SECRET)));
        more.accept(config);
        gatecheck = Gatecheck.create(config.build());
        return gatecheck;
    }

    private Gatecheck engine() {
        return engine(config -> { });
    }

    private Decision get(String path, String token) {
        return gatecheck.authenticate(AuthRequest.builder("GET", path).bearer(token).build());
    }

    private Decision get(String token) {
        return get("/api/orders", token);
    }

    @Test
    void opaqueTokenTheIssuerSaysIsActiveIsAllowedWithTheAnswersClaims() {
        engine();
        String token = opaque();
        server.activate(token, claims("alice", 300));

        Decision.Allow allow = assertAllowed(get(token), "an opaque token the endpoint says is active");

        Identity identity = allow.identity().orElseThrow();
        assertThat(identity.subject()).as("subject from the answer's sub").isEqualTo("alice");
        assertThat(identity.issuer()).as("issuer").contains(ISSUER);
        assertThat(identity.scopes()).as("scopes from the answer's scope").containsExactly("orders:read");
        assertThat(identity.roles()).as("roles from the answer's roles").containsExactly("clerk");
        IntrospectionServer.Call call = server.received().get(0);
        assertThat(call.form()).as("the form posted (RFC 7662 section 2.1)")
                .containsEntry("token", token).containsEntry("token_type_hint", "access_token");
        assertThat(server.refusedClients()).as("client_secret_basic accepted by the endpoint").isZero();
    }

    @Test
    void anActiveAnswerBindingTheTokenToACertificateRefusesItWithoutThatCertificate() {
        engine();
        String token = opaque();
        // RFC 9449 section 6.2 and RFC 8705 section 3.2: an introspection answer carries the token's cnf.
        String thumbprint = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2";
        server.activate(token, claims("alice", 300) + ",\"cnf\":{\"x5t#S256\":\"" + thumbprint + "\"}");

        Rejection r = assertDenied(get(token), 401, "invalid_token",
                "a certificate-bound token without its certificate");

        assertThat(r.detail()).as("reason").isEqualTo("certificate_binding_mismatch");
    }

    @Test
    void anActiveAnswerWithAConfirmationMethodGatecheckCannotCheckIsRefused() {
        engine();
        String token = opaque();
        server.activate(token, claims("alice", 300) + ",\"cnf\":{\"kid\":\"k-1\"}");

        Rejection r = assertDenied(get(token), 401, "invalid_token", "a token bound in a way Gatecheck cannot check");

        assertThat(r.detail()).as("reason").isEqualTo("confirmation_unsupported");
    }

    @Test
    void opaqueTokenTheIssuerSaysIsInactiveIs401InvalidTokenInactive() {
        engine();

        Rejection r = assertDenied(get(opaque()), 401, "invalid_token", "a token the endpoint does not know");

        assertThat(r.detail()).as("reason").isEqualTo("inactive");
        assertThat(r.wwwAuthenticate()).as("challenge").contains("Bearer error=\"invalid_token\", "
                + "error_description=\"inactive\"");
    }

    @Test
    void anActiveAnswerWhoseExpHasPassedIsRefusedAsExpired() {
        engine();
        String token = opaque();
        server.activate(token, claims("alice", -120));

        assertThat(assertDenied(get(token), 401, "invalid_token", "active but exp two minutes ago").detail())
                .isEqualTo("expired");
    }

    @Test
    void anActiveAnswerOfAnotherIssuerIsRefused() {
        engine();
        String token = opaque();
        server.activate(token, "\"sub\":\"alice\",\"iss\":\"https://elsewhere.test\"");

        assertThat(assertDenied(get(token), 401, "invalid_token", "active but iss of another issuer").detail())
                .isEqualTo("issuer_invalid");
    }

    @Test
    void anActiveAnswerForAnotherAudienceIs403InvalidAudience() {
        engine();
        String token = opaque();
        server.activate(token, "\"sub\":\"alice\",\"aud\":[\"billing-api\"]");

        assertDenied(get(token), 403, "invalid_audience", "active but for another audience");
    }

    @Test
    void anActiveAnswerWithoutAudOrIssIsAllowed() {
        engine();
        String token = opaque();
        server.activate(token, "\"sub\":\"alice\"");

        Decision.Allow allow = assertAllowed(get(token), "RFC 7662 makes every member but active optional");
        assertThat(allow.identity().orElseThrow().issuer()).as("the configured issuer stands in").contains(ISSUER);
    }

    @Test
    void theRoutesScopesAreRequiredOfAnIntrospectedToken() {
        engine(c -> c.route(new Route("write", List.of("/api/orders/*"), Set.of("POST"), AuthMode.TOKEN,
                Requirements.scopes("orders:write"))));
        String token = opaque();
        server.activate(token, claims("alice", 300));

        Decision decision = gatecheck.authenticate(AuthRequest.builder("POST", "/api/orders/1").bearer(token).build());

        assertDenied(decision, 403, "insufficient_scope", "the answer grants orders:read, the route wants write");
    }

    @Test
    void anActiveAnswerIsCachedUntilTheCacheTtl() {
        engine(c -> c.introspectionCacheTtl(Duration.ofSeconds(60)));
        String token = opaque();
        server.activate(token, claims("alice", 3600));

        assertAllowed(get(token), "first request");
        assertAllowed(get(token), "second request, from the cache");
        clock.advance(Duration.ofSeconds(59));
        assertAllowed(get(token), "within the TTL");
        assertThat(server.calls()).as("calls within the cache TTL").isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertAllowed(get(token), "after the TTL");
        assertThat(server.calls()).as("calls once the TTL passed").isEqualTo(2);
    }

    @Test
    void anActiveAnswerIsNeverCachedPastItsExp() {
        engine(c -> c.introspectionCacheTtl(Duration.ofMinutes(10)));
        String token = opaque();
        server.activate(token, claims("alice", 20));

        assertAllowed(get(token), "first request");
        clock.advance(Duration.ofSeconds(21)); // past exp, still within the 30 s clock skew

        assertAllowed(get(token), "past exp but within the skew");
        assertThat(server.calls()).as("an entry ends at exp, before the 10 minute TTL: asked again").isEqualTo(2);
    }

    @Test
    void aRevokedTokenStopsWorkingOnceItsCacheEntryEnds() {
        engine(c -> c.introspectionCacheTtl(Duration.ofSeconds(30)));
        String token = opaque();
        server.activate(token, claims("alice", 3600));
        assertAllowed(get(token), "before revocation at the issuer");

        server.deactivate(token);
        clock.advance(Duration.ofSeconds(31));

        assertThat(assertDenied(get(token), 401, "invalid_token", "revoked at the issuer, cache entry over")
                .detail()).isEqualTo("inactive");
    }

    @Test
    void cacheTtlZeroAsksTheEndpointOnEveryRequest() {
        engine(c -> c.introspectionCacheTtl(Duration.ZERO));
        String token = opaque();
        server.activate(token, claims("alice", 3600));

        for (int i = 0; i < 3; i++) {
            assertAllowed(get(token), "request " + i);
        }
        assertThat(server.calls()).as("calls with gatecheck.introspection.cache-ttl=0").isEqualTo(3);
    }

    @Test
    void anInactiveAnswerIsCachedOnlyForTheNegativeTtl() {
        engine(c -> c.introspectionNegativeTtl(Duration.ofSeconds(5)));
        String token = opaque();

        assertDenied(get(token), 401, "invalid_token", "first request");
        assertDenied(get(token), 401, "invalid_token", "second request");
        assertThat(server.calls()).as("calls within the negative TTL").isEqualTo(1);

        server.activate(token, claims("alice", 3600)); // e.g. a token issued just now, seen early by a replica
        clock.advance(Duration.ofSeconds(6));

        assertAllowed(get(token), "after the negative TTL the endpoint is asked again");
        assertThat(server.calls()).as("calls once the negative TTL passed").isEqualTo(2);
    }

    @Test
    void eachGarbageTokenCostsOneCallPerNegativeTtl() {
        engine();
        List<String> garbage = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            garbage.add(opaque());
        }

        garbage.forEach(g -> assertDenied(get(g), 401, "invalid_token", "garbage"));
        garbage.forEach(g -> assertDenied(get(g), 401, "invalid_token", "the same garbage again"));

        assertThat(server.calls()).as("calls for 20 garbage tokens sent twice within the negative TTL").isEqualTo(20);
    }

    @Test
    void aFloodOfGarbageTokensNeverEvictsAnActiveAnswer() {
        engine(c -> c.tokenCacheMaxSize(5));
        String token = opaque();
        server.activate(token, claims("alice", 3600));
        assertAllowed(get(token), "the active token, cached");

        for (int i = 0; i < 30; i++) {
            assertDenied(get(opaque()), 401, "invalid_token", "garbage");
        }

        assertAllowed(get(token), "the active token after the flood");
        assertThat(server.calls()).as("calls: the active answer survived 30 inactive ones in caches of 5")
                .isEqualTo(31);
    }

    @Test
    void concurrentRequestsWithOneNewTokenShareOneCall() throws Exception {
        engine(c -> c.introspectionTimeout(Duration.ofSeconds(20)));
        String token = opaque();
        server.activate(token, claims("alice", 3600)).pause();
        int requests = 50;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Decision>> decisions = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                decisions.add(pool.submit(() -> {
                    synchronized (workers) {
                        workers.add(Thread.currentThread());
                    }
                    return get(token);
                }));
            }
            // Every request is waiting for an answer (the endpoint holds the first call) before it is released.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (workers) {
                    return workers.size() == requests && workers.stream().allMatch(t ->
                            t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING);
                }
            });
            server.resume();
            for (Future<Decision> decision : decisions) {
                assertAllowed(decision.get(), "a request sharing the call");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.calls()).as("calls for %d concurrent requests with one new token", requests).isEqualTo(1);
    }

    @Test
    void aJwtIsNotIntrospectedOnARouteWithoutIntrospectAlways() {
        engine();

        assertAllowed(get(jwt("alice")), "a valid JWT");
        assertThat(server.calls()).as("introspection calls for a JWT on an ordinary route").isZero();
    }

    @Test
    void onAnIntrospectAlwaysRouteAValidJwtIsIntrospectedAndRefusedWhenInactive() {
        engine(c -> c.route(payments(Optional.empty())));
        String token = jwt("alice");

        Rejection r = assertDenied(get("/payments/1", token), 401, "invalid_token",
                "a valid JWT the issuer no longer knows, on a payments route");
        assertThat(r.detail()).isEqualTo("inactive");
        assertThat(server.calls()).as("the JWT was introspected").isEqualTo(1);
    }

    @Test
    void onAnIntrospectAlwaysRouteAnActiveJwtKeepsItsOwnIdentity() {
        engine(c -> c.route(payments(Optional.empty())));
        String token = jwt("alice");
        server.activate(token, "\"sub\":\"alice\"");

        Decision.Allow allow = assertAllowed(get("/payments/1", token), "an active JWT on a payments route");
        assertThat(allow.identity().orElseThrow().roles()).as("roles from the JWT").containsExactly("payer");
    }

    @Test
    void onAnIntrospectAlwaysRouteAnInvalidJwtIsRefusedWithoutACall() {
        engine(c -> c.route(payments(Optional.empty())));
        String token = jwt("alice");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertDenied(get("/payments/1", tampered), 401, "invalid_token", "a JWT with a bad signature");
        assertThat(server.calls()).as("calls for a JWT that did not verify").isZero();
    }

    @Test
    void theRouteNamesWhichIssuerIntrospectsOpaqueTokens() {
        try (IntrospectionServer other = IntrospectionServer.start("partner-client", "partner-secret")) {
            engine(c -> c.issuer("partners", j -> j.issuer("https://partners.test").audiences(CLIENT)
                            .introspection(i -> i.uri(other.uri()).clientId("partner-client")
                                    .clientSecret("partner-secret")))
                    .route(new Route("partner", List.of("/partner/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE,
                            Optional.empty(), new Route.Introspection(false, Optional.of("partners")))));
            String token = opaque();
            other.activate(token, "\"sub\":\"bob\"");

            Decision.Allow allow = assertAllowed(get("/partner/x", token), "opaque token on the partners' route");
            assertThat(allow.identity().orElseThrow().issuer()).contains("https://partners.test");
            Rejection r = assertDenied(get("/api/orders", opaque()), 401, "invalid_token",
                    "opaque token on a route naming no issuer, with two issuers introspecting");
            assertThat(r.detail()).isEqualTo("no_introspection_issuer");
            assertThat(server.calls()).as("calls to the first issuer").isZero();
        }
    }

    @Test
    void theTokenAndTheSecretNeverAppearInLogsOrRejections() {
        try (LogCapture logs = LogCapture.start()) {
            engine(c -> c.introspectionTimeout(Duration.ofMillis(300)));
            String token = opaque();
            server.fault(IntrospectionServer.Fault.HTML);
            Rejection outage = assertUnavailable(get(token), "HTML instead of JSON");
            server.fault(IntrospectionServer.Fault.NONE);
            Rejection inactive = assertDenied(get(token), 401, "invalid_token", "inactive");

            for (Rejection r : List.of(outage, inactive)) {
                assertThat(r.body() + r.headers()).as("a rejection").doesNotContain(token).doesNotContain(SECRET);
            }
            assertThat(logs.lines()).as("log lines").isNotEmpty()
                    .allSatisfy(line -> assertThat(line).doesNotContain(token).doesNotContain(SECRET));
        }
    }

    private Route payments(Optional<String> issuer) {
        return new Route("payments", List.of("/payments/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE,
                Optional.empty(), new Route.Introspection(true, issuer));
    }

    private String jwt(String sub) {
        return Tokens.signWithKid("RS256", JWT_KEY.getPrivate(), "k1",
                Tokens.claims(ISSUER, sub, CLIENT, now(), 600, "\"roles\":[\"payer\"],\"jti\":\"" + UUID.randomUUID()
                        + "\""));
    }
}
