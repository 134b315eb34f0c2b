package dev.gatecheck.internal.gateway;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.T;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.bearerToken;
import static dev.gatecheck.testing.GatewayFixtures.denied;
import static dev.gatecheck.testing.GatewayFixtures.missing;
import static dev.gatecheck.testing.GatewayFixtures.roles;
import static dev.gatecheck.testing.GatewayFixtures.untrusted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.LoopbackServer;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generic {@code assertion} marker: a gateway-signed JWT in a configured header, verified like a token (pinned
 * algorithm, JWKS from a loopback URL, {@code iss}, {@code aud}, {@code exp}). Its claims are the caller; sibling
 * identity headers are ignored (default) or must agree.
 */
class AssertionMarkerTest {
    private static final String HEADER = "X-Gateway-Assertion";
    private static final String ISSUER = "https://gateway.test";
    private static final String AUDIENCE = "orders-service";
    private static final KeyPair GATEWAY_KEY = TestKeys.ec("secp256r1");
    private static final KeyPair FORGER_KEY = TestKeys.ec("secp256r1");
    private static LoopbackServer server;

    private final MutableClock clock = new MutableClock(NOW);

    @BeforeAll
    static void startKeyServer() {
        server = LoopbackServer.start()
                .serve("/gateway/jwks", TestKeys.jwks(TestKeys.jwk(GATEWAY_KEY.getPublic(), "gw-1", "ES256")));
    }

    @AfterAll
    static void stopKeyServer() {
        server.close();
    }

    private Gatecheck engine(String... extra) {
        Map<String, String> keys = GatewayFixtures.keys();
        keys.put("gatecheck.gateway.marker", "assertion");
        keys.put("gatecheck.gateway.assertion.header", HEADER);
        keys.put("gatecheck.gateway.assertion.issuer", ISSUER);
        keys.put("gatecheck.gateway.assertion.audience", AUDIENCE);
        keys.put("gatecheck.gateway.assertion.algorithms", "ES256");
        keys.put("gatecheck.gateway.assertion.jwks-uri", server.url("/gateway/jwks"));
        for (int i = 0; i < extra.length; i += 2) {
            keys.put(extra[i], extra[i + 1]);
        }
        return Gatecheck.create(GatecheckConfig.fromMap(keys, clock));
    }

    private static String assertion(String claims) {
        return Tokens.signWithKid("ES256", GATEWAY_KEY.getPrivate(), "gw-1", claims);
    }

    private static String aliceClaims() {
        return Tokens.claims(ISSUER, "alice", AUDIENCE, T, 120, "\"org\":\"acme\",\"roles\":[\"admin\",\"user\"]");
    }

    private static AuthRequest.Builder with(String path, String token) {
        return AuthRequest.builder("GET", path).header(HEADER, token);
    }

    @Test
    void aValidAssertionMakesItsClaimsTheCaller() {
        Gatecheck engine = engine();
        for (String path : List.of(GATEWAY_PATH, MIXED_PATH)) {
            Decision.Allow allow = allowed(engine.authenticate(with(path, assertion(aliceClaims())).build()),
                    "valid assertion on " + path);
            Identity caller = allow.identity().orElseThrow();
            assertThat(caller.subject()).isEqualTo("alice");
            assertThat(caller.org()).contains("acme");
            assertThat(caller.roles()).containsExactlyInAnyOrder("admin", "user");
            assertThat(caller.issuer()).contains(ISSUER);
            assertThat(caller.method()).isEqualTo(AuthMethod.GATEWAY);
            assertThat(allow.headers().valueOf("X-User-ID")).contains("alice");
            assertThat(allow.headers().valueOf("X-User-Org")).contains("acme");
            assertThat(allow.headers().valueOf("X-User-Roles").map(GatewayFixtures::roles)).contains(roles("admin,user"));
            assertThat(allow.headers().hides(HEADER)).as("the assertion is hidden from the application").isTrue();
        }
    }

    @Test
    void siblingIdentityHeadersAreIgnoredAndHidden() {
        Decision.Allow allow = allowed(engine().authenticate(with(GATEWAY_PATH, assertion(aliceClaims()))
                .header("X-User-ID", "mallory").header("X-User-Roles", "superuser").build()),
                "valid assertion with contradicting identity headers (headers=ignore)");
        assertThat(allow.identity()).map(Identity::subject).contains("alice");
        assertThat(allow.identity().orElseThrow().roles()).doesNotContain("superuser");
        assertThat(allow.headers().valueOf("X-User-ID")).as("X-User-ID as the application sees it").contains("alice");
        assertThat(allow.headers().hides("X-User-Roles")).isTrue();
    }

    static Stream<Arguments> refusedAssertions() {
        String extra = "\"org\":\"acme\"";
        return Stream.of(
                Arguments.of("expired", assertion(Tokens.claims(ISSUER, "alice", AUDIENCE, T - 600, 300, extra)),
                        "assertion:assertion_expired"),
                Arguments.of("issued for another audience",
                        assertion(Tokens.claims(ISSUER, "alice", "billing-service", T, 120, extra)),
                        "assertion:assertion_invalid_audience"),
                Arguments.of("issued by another issuer",
                        assertion(Tokens.claims("https://other-gateway.test", "alice", AUDIENCE, T, 120, extra)),
                        "assertion:assertion_issuer_invalid"),
                Arguments.of("forged with another key under the gateway's kid",
                        Tokens.signWithKid("ES256", FORGER_KEY.getPrivate(), "gw-1", aliceClaims()),
                        "assertion:assertion_bad_signature"),
                Arguments.of("an unknown kid",
                        Tokens.signWithKid("ES256", FORGER_KEY.getPrivate(), "gw-9", aliceClaims()),
                        "assertion:assertion_unknown_key"),
                Arguments.of("an algorithm that is not pinned (RS256)",
                        Tokens.signWithKid("RS256", GatewayFixtures.TOKEN_KEY.getPrivate(), "gw-1", aliceClaims()),
                        "assertion:assertion_alg_not_allowed"),
                Arguments.of("alg none", Tokens.b64("{\"alg\":\"none\"}") + "." + Tokens.b64(aliceClaims()) + ".",
                        "assertion:assertion_alg_not_allowed"),
                Arguments.of("a bearer token of the token issuer", bearerToken("alice"), "assertion:assertion_alg_not_allowed"),
                Arguments.of("not a JWT", "not-a-jwt", "assertion:assertion_malformed"),
                Arguments.of("empty", "", "assertion:assertion_malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAssertions")
    void aFailingAssertionIsRefused(String name, String token, String detail) {
        Gatecheck engine = engine();
        Rejection r = untrusted(engine.authenticate(with(GATEWAY_PATH, token).build()), name);
        assertThat(r.detail()).as(name).isEqualTo(detail);
        untrusted(engine.authenticate(with(MIXED_PATH, token).bearer(bearerToken("bob")).build()),
                name + ", even beside a valid bearer token");
    }

    @Test
    void anAssertionExpiringWhileTheClockMovesIsRefused() {
        Gatecheck engine = engine();
        String token = assertion(aliceClaims());
        allowed(engine.authenticate(with(GATEWAY_PATH, token).build()), "fresh assertion");
        clock.advance(java.time.Duration.ofSeconds(120 + 31));
        untrusted(engine.authenticate(with(GATEWAY_PATH, token).build()), "the same assertion past exp + 30 s skew");
    }

    @Test
    void twoAssertionHeadersAreRefused() {
        Rejection r = untrusted(engine().authenticate(with(GATEWAY_PATH, assertion(aliceClaims()))
                .header(HEADER.toLowerCase(), assertion(aliceClaims())).build()), "the assertion header twice");
        assertThat(r.detail()).isEqualTo("assertion:assertion_not_single");
    }

    @Test
    void withoutAnAssertionIdentityHeadersAreStripped() {
        Gatecheck engine = engine();
        missing(engine.authenticate(AuthRequest.builder("GET", GATEWAY_PATH).header("X-User-ID", "alice").build()),
                "identity headers without an assertion");
        Decision.Allow allow = allowed(engine.authenticate(AuthRequest.builder("GET", MIXED_PATH)
                .header("X-User-ID", "alice").bearer(bearerToken("bob")).build()), "same with a token");
        assertThat(allow.identity().orElseThrow().method()).isEqualTo(AuthMethod.TOKEN);
        assertThat(allow.headers().valueOf("X-User-ID")).contains("bob");
    }

    @Test
    void inAgreeModeSiblingHeadersMustMatchTheClaims() {
        Gatecheck engine = engine("gatecheck.gateway.assertion.headers", "agree");
        allowed(engine.authenticate(with(GATEWAY_PATH, assertion(aliceClaims())).header("X-User-ID", "alice")
                .header("X-User-Org", "acme").build()), "agreeing headers");
        allowed(engine.authenticate(with(GATEWAY_PATH, assertion(aliceClaims())).build()), "no sibling headers");
        Rejection r = untrusted(engine.authenticate(with(GATEWAY_PATH, assertion(aliceClaims()))
                .header("X-User-ID", "mallory").build()), "X-User-ID disagreeing with sub");
        assertThat(r.detail()).isEqualTo("identity_headers_disagree");
        untrusted(engine.authenticate(with(GATEWAY_PATH, assertion(aliceClaims()))
                .header("X-User-Roles", "admin,user,superuser").build()), "X-User-Roles disagreeing with roles");
    }

    @Test
    void unavailableKeysAreA503NotA401() {
        Map<String, String> keys = GatewayFixtures.keys();
        keys.put("gatecheck.gateway.marker", "assertion");
        keys.put("gatecheck.gateway.assertion.header", HEADER);
        keys.put("gatecheck.gateway.assertion.issuer", ISSUER);
        keys.put("gatecheck.gateway.assertion.audience", AUDIENCE);
        keys.put("gatecheck.gateway.assertion.algorithms", "ES256");
        keys.put("gatecheck.gateway.assertion.jwks-uri", server.url("/gateway/no-such-jwks"));
        Gatecheck engine = Gatecheck.create(GatecheckConfig.fromMap(keys, clock));
        Rejection r = denied(engine.authenticate(with(GATEWAY_PATH, assertion(aliceClaims())).build()), 503,
                "auth_unavailable", "assertion while the gateway's JWKS answers 404");
        assertThat(r.retryAfter()).as("Retry-After").isPresent();
    }
}
