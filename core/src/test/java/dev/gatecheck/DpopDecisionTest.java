package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.DpopCases;
import dev.gatecheck.testing.DpopClient;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.NimbusIssuer;
import dev.gatecheck.testing.Tokens;
import dev.gatecheck.webhook.ReplayGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DPoP (RFC 9449) in the engine: proofs and bound tokens made by Nimbus, the hostile table, the issuer modes, the
 * route requirement, nonces, the replay store, the public base URL and the challenges.
 */
class DpopDecisionTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final String ORIGIN = "https://api.example.com";
    private static final String PATH = "/api/orders";
    private static final String URL = ORIGIN + PATH;
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);

    private final MutableClock clock = MutableClock.at(START);
    private Gatecheck engine = engine(b -> { });

    @AfterEach
    void close() {
        engine.close();
    }

    private Gatecheck engine(Consumer<GatecheckConfig.Builder> more) {
        return engine(IssuerConfig.Dpop.ALLOWED, more);
    }

    private Gatecheck engine(IssuerConfig.Dpop mode, Consumer<GatecheckConfig.Builder> more) {
        GatecheckConfig.Builder builder = GatecheckConfig.builder().clock(clock)
                .jwt(j -> j.issuer(ISSUER).audiences(AUDIENCE).jwks(ISSUING.jwks()).dpop(mode));
        if (mode != IssuerConfig.Dpop.DISABLED) {
            builder.route(new Route("pay", List.of("/pay/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE.withDpop()));
        }
        more.accept(builder);
        if (engine != null) {
            engine.close();
        }
        return Gatecheck.create(builder.build());
    }

    private static AuthRequest request(String method, String path, Map<String, List<String>> headers) {
        AuthRequest.Builder request = AuthRequest.builder(method, path).origin(ORIGIN);
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return request.build();
    }

    private Decision send(Map<String, List<String>> headers) {
        return engine.authenticate(request("GET", PATH, headers));
    }

    static Stream<DpopCases.Case> hostile() {
        return new DpopCases(ISSUING, URL, START).hostile().stream();
    }

    @Test
    void theHostileTableHasAtLeastFortyCases() {
        assertThat(hostile().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesHostileRequest(DpopCases.Case c) {
        for (int i = 1; i < c.sends(); i++) {
            assertAllowed(send(c.headers()), c.name() + ": send " + i + " of " + c.sends());
        }
        Rejection rejection = assertDenied(send(c.headers()), c.status(), c.error(), c.name());
        assertThat(rejection.detail()).as("%s: detail", c.name()).isEqualTo(c.detail());
    }

    @Test
    void allowsTheBoundTokenWithItsProofAndNamesTheCaller() {
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());

        Decision.Allow allow = assertAllowed(send(DpopCases.dpop(token, client.proof("GET", URL, token, START))),
                "a Nimbus proof for a Nimbus token bound to its key");

        assertThat(allow.identity().orElseThrow().subject()).isEqualTo("alice");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RS256", "PS256"})
    void allowsRsaProofsOfTheDefaultAlgorithms(String alg) {
        DpopClient client = DpopClient.rsa(alg);
        String token = ISSUING.boundToken("alice", START, client.thumbprint());

        assertAllowed(send(DpopCases.dpop(token, client.proof("GET", URL, token, START))), alg + " proof");
    }

    @ParameterizedTest(name = "htu {0}")
    @ValueSource(strings = {"https://API.Example.COM/api/orders", "HTTPS://api.example.com:443/api/orders",
            "https://api.example.com/api/./orders", "https://api.example.com/api/x/../orders",
            "https://api.example.com/%61pi/orders"})
    void comparesHtuAfterRfc3986Normalisation(String htu) {
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());

        assertAllowed(send(DpopCases.dpop(token, client.proof("GET", htu, token, START))),
                "an htu that normalises to the request URL");
    }

    @Test
    void htuIgnoresTheRequestsQuery() {
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());
        AuthRequest request = AuthRequest.builder("GET", PATH).origin(ORIGIN).query("page=2")
                .header("Authorization", "DPoP " + token).header("DPoP", client.proof("GET", URL, token, START)).build();

        assertAllowed(engine.authenticate(request), "a request with a query, its proof's htu without");
    }

    @Test
    void aCachedBoundTokenStillNeedsAFreshProofOnEveryRequest() {
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());
        assertAllowed(send(DpopCases.dpop(token, client.proof("GET", URL, token, START))), "first request");

        assertDenied(send(Map.of("Authorization", List.of("DPoP " + token))), 401, "invalid_dpop_proof",
                "the same (now cached) token without a proof");
        assertDenied(send(Map.of("Authorization", List.of("Bearer " + token))), 401, "invalid_token",
                "the same (now cached) token as a bearer token");
        assertAllowed(send(DpopCases.dpop(token, client.proof("GET", URL, token, START))), "a new proof");
    }

    @Test
    void aProofIsRememberedAsLongAsItsIatStaysAcceptable() {
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());
        Map<String, List<String>> headers = DpopCases.dpop(token, client.proof("GET", URL, token, START));
        assertAllowed(send(headers), "first use");

        clock.advance(Duration.ofSeconds(60 + 30));
        Rejection replay = assertDenied(send(headers), 401, "invalid_dpop_proof", "at the last second its iat is good");
        clock.advance(Duration.ofSeconds(1));
        Rejection old = assertDenied(send(headers), 401, "invalid_dpop_proof", "after its iat expired");

        assertThat(replay.detail()).isEqualTo("jti_replayed");
        assertThat(old.detail()).isEqualTo("iat_too_old");
    }

    @Test
    void invalidProofIsChallengedWithDpopNextToBearer() {
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());

        Rejection rejection = assertDenied(send(DpopCases.dpop(token, client.proof("POST", URL, token, START))), 401,
                "invalid_dpop_proof", "a proof for another method");

        assertThat(rejection.headers()).containsEntry("WWW-Authenticate", "Bearer, DPoP error=\"invalid_dpop_proof\","
                + " error_description=\"htm_mismatch\", algs=\"ES256 PS256 RS256 EdDSA\"");
    }

    @Test
    void plainBearerClientSeesThePlainBearerChallenge() {
        Rejection rejection = assertDenied(send(Map.of()), 401, "missing_authorization_header", "no credential");

        assertThat(rejection.headers()).containsEntry("WWW-Authenticate", "Bearer");
    }

    @Test
    void routeRequiringDpopRefusesAnUnboundBearerTokenWithADpopChallengeOnly() {
        String token = ISSUING.token("alice", START, Map.of());

        Rejection rejection = assertDenied(engine.authenticate(request("GET", "/pay/now",
                Map.of("Authorization", List.of("Bearer " + token)))), 401, "invalid_token", "a bearer token on /pay");

        assertThat(rejection.detail()).isEqualTo("dpop_bound_token_required");
        assertThat(rejection.headers()).containsEntry("WWW-Authenticate", "DPoP error=\"invalid_token\","
                + " error_description=\"dpop_bound_token_required\", algs=\"ES256 PS256 RS256 EdDSA\"");
    }

    @Test
    void routeRequiringDpopAllowsABoundTokenWithItsProof() {
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());

        assertAllowed(engine.authenticate(request("GET", "/pay/now", DpopCases.dpop(token,
                client.proof("GET", ORIGIN + "/pay/now", token, START)))), "a bound token with its proof on /pay");
    }

    @Test
    void routeRequiringDpopChallengesAMissingCredentialWithDpopOnly() {
        Rejection rejection = assertDenied(engine.authenticate(request("GET", "/pay/now", Map.of())), 401,
                "missing_authorization_header", "nothing on /pay");

        assertThat(rejection.headers()).containsEntry("WWW-Authenticate", "DPoP algs=\"ES256 PS256 RS256 EdDSA\"");
    }

    @Test
    void issuerRequiringDpopRefusesUnboundBearerTokens() {
        engine = engine(IssuerConfig.Dpop.REQUIRED, b -> { });

        Rejection rejection = assertDenied(send(Map.of("Authorization", List.of("Bearer "
                + ISSUING.token("alice", START, Map.of())))), 401, "invalid_token", "dpop=required, a bearer token");

        assertThat(rejection.detail()).isEqualTo("dpop_bound_token_required");
    }

    @Test
    void issuerWithDpopDisabledRefusesTheSchemeAndBoundTokens() {
        engine = engine(IssuerConfig.Dpop.DISABLED, b -> { });
        DpopClient client = DpopClient.es256();
        String bound = ISSUING.boundToken("alice", START, client.thumbprint());
        String plain = ISSUING.token("alice", START, Map.of());

        Rejection scheme = assertDenied(send(DpopCases.dpop(plain, client.proof("GET", URL, plain, START))), 401,
                "invalid_token", "dpop=disabled, the DPoP scheme");
        Rejection boundWithProof = assertDenied(send(DpopCases.dpop(bound, client.proof("GET", URL, bound, START))),
                401, "invalid_token", "dpop=disabled, a bound token with a valid proof");
        Rejection boundAsBearer = assertDenied(send(Map.of("Authorization", List.of("Bearer " + bound))), 401,
                "invalid_token", "dpop=disabled, a bound token as bearer");

        assertThat(List.of(scheme.detail(), boundWithProof.detail(), boundAsBearer.detail())).containsExactly(
                "dpop_not_accepted", "dpop_bound_token_not_accepted", "dpop_bound_token_not_accepted");
        assertThat(scheme.headers().get("WWW-Authenticate")).as("no DPoP challenge where it is disabled")
                .doesNotContain("DPoP");
        assertAllowed(send(Map.of("Authorization", List.of("Bearer " + plain))), "dpop=disabled, a bearer token");
    }

    @Test
    void nonceIsRequiredAndHandedOutWhenConfigured() {
        engine = engine(b -> b.dpop(d -> d.nonce(true)));
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());

        Rejection missing = assertDenied(send(DpopCases.dpop(token, client.proof("GET", URL, token, START))), 401,
                "invalid_dpop_proof", "a proof without the server's nonce");
        String nonce = missing.headers().get("DPoP-Nonce");

        assertThat(missing.detail()).isEqualTo("use_dpop_nonce");
        assertThat(missing.headers().get("WWW-Authenticate")).contains("DPoP error=\"use_dpop_nonce\"");
        assertThat(nonce).as("DPoP-Nonce").isNotBlank();
        assertAllowed(send(DpopCases.dpop(token, client.proof("jti-1", "GET", URL, START, token, nonce))),
                "a proof with the nonce handed out");
    }

    @Test
    void nonceExpiresAfterTwoWindows() {
        engine = engine(b -> b.dpop(d -> d.nonce(true)));
        DpopClient client = DpopClient.es256();
        String first = ISSUING.boundToken("alice", START, client.thumbprint());
        String nonce = assertDenied(send(DpopCases.dpop(first, client.proof("GET", URL, first, START))), 401,
                "invalid_dpop_proof", "ask for a nonce").headers().get("DPoP-Nonce");
        clock.advance(Duration.ofSeconds(120));
        Instant now = clock.instant();
        String token = ISSUING.boundToken("alice", now, client.thumbprint());

        Rejection stale = assertDenied(send(DpopCases.dpop(token, client.proof("jti-2", "GET", URL, now, token, nonce))),
                401, "invalid_dpop_proof", "a nonce two windows old");

        assertThat(stale.detail()).isEqualTo("use_dpop_nonce");
        assertThat(stale.headers().get("DPoP-Nonce")).as("a fresh nonce").isNotEqualTo(nonce);
    }

    @Test
    void noncesOfOneSecretAreAcceptedByEveryInstance() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        engine = engine(b -> b.dpop(d -> d.nonce(true).nonceSecret(secret)));
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());
        String nonce = assertDenied(send(DpopCases.dpop(token, client.proof("GET", URL, token, START))), 401,
                "invalid_dpop_proof", "ask instance one").headers().get("DPoP-Nonce");
        engine = engine(b -> b.dpop(d -> d.nonce(true).nonceSecret(secret)));

        assertAllowed(send(DpopCases.dpop(token, client.proof("jti-3", "GET", URL, START, token, nonce))),
                "instance two, with the nonce of instance one");
    }

    @Test
    void anOutageOfTheReplayStoreIs503WithRetryAfter() {
        ReplayGuard down = (namespace, key, window) -> {
            throw new ReplayGuard.Unavailable("connection refused", null);
        };
        engine = engine(b -> b.replayGuard(down));
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());

        Rejection rejection = assertDenied(send(DpopCases.dpop(token, client.proof("GET", URL, token, START))), 503,
                "auth_unavailable", "replay store down");

        assertThat(rejection.headers()).containsKey("Retry-After").doesNotContainKey("WWW-Authenticate");
    }

    @Test
    void proofJtiIsRecordedUnderTheDpopNamespaceByThumbprint() {
        List<String> recorded = new java.util.ArrayList<>();
        engine = engine(b -> b.replayGuard((namespace, key, window) -> recorded.add(namespace + key)));
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());

        assertAllowed(send(DpopCases.dpop(token, client.proof("jti-9", "GET", URL, START, token, null))), "proof");

        assertThat(recorded).containsExactly("dpop:" + client.thumbprint() + ":jti-9");
    }

    @Test
    void behindAProxyHtuIsThePublicBaseUrlAndForwardedHeadersNeverCount() {
        engine = engine(b -> b.publicBaseUrl("https://public.example.com/orders-svc"));
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());
        String publicUrl = "https://public.example.com/orders-svc" + PATH;

        AuthRequest forged = AuthRequest.builder("GET", PATH).origin("http://10.0.0.7:8080")
                .header("X-Forwarded-Host", "evil.test").header("X-Forwarded-Proto", "http")
                .header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", "http://evil.test" + PATH, token, START)).build();
        AuthRequest honest = AuthRequest.builder("GET", PATH).origin("http://10.0.0.7:8080")
                .header("Authorization", "DPoP " + token).header("DPoP", client.proof("GET", publicUrl, token, START))
                .build();

        assertDenied(engine.authenticate(forged), 401, "invalid_dpop_proof", "htu of a forwarded host");
        assertAllowed(engine.authenticate(honest), "htu of the public base URL");
    }

    @Test
    void aRequestWhoseUrlIsUnknownCannotCarryAProof() {
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());
        AuthRequest request = AuthRequest.builder("GET", PATH).header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", URL, token, START)).build();

        Rejection rejection = assertDenied(engine.authenticate(request), 401, "invalid_dpop_proof", "no origin known");

        assertThat(rejection.detail()).isEqualTo("htu_mismatch");
    }

    @Test
    void aProofKeyReadOnceStillHasItsMembersCheckedOnEveryProof() {
        DpopClient client = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, client.thumbprint());
        assertAllowed(send(DpopCases.dpop(token, client.proof("GET", URL, token, START))), "the key is now read");
        Map<String, Object> header = Map.of("typ", "dpop+jwt", "alg", "ES256", "jwk", client.key().toJSONObject());
        Map<String, Object> claims = Map.of("jti", "jti-5", "htm", "GET", "htu", URL, "iat", START.getEpochSecond(),
                "ath", DpopCases.ath(token));
        String withPrivateMember = Tokens.sign("ES256", DpopCases.privateKey(client.key()), DpopCases.json(header),
                DpopCases.json(claims));

        Rejection rejection = assertDenied(send(DpopCases.dpop(token, withPrivateMember)), 401, "invalid_dpop_proof",
                "the same key, its private member d in the jwk");

        assertThat(rejection.detail()).isEqualTo("jwk_refused");
    }
}
