package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.DpopCases;
import dev.gatecheck.testing.DpopClient;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.NimbusIssuer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DPoP (RFC 9449) through the filter over real HTTP: proofs and bound tokens made by Nimbus for the URL the client
 * uses, checked against the scheme, host and port the container saw; the engine's hostile table, each case
 * refused as in core. The container refuses a header over its limit (8 KB) before the filter sees it: the proof
 * over 8 KB may get the container's own 431 (Jetty) or 400 (Tomcat) instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DpopScenarios {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);

    private final MutableClock clock = MutableClock.at(START);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Gatecheck engine;
    private ServletContainer.Deployment deployment;
    private String url;

    /** The container under test. */
    protected abstract ServletContainer container();

    @BeforeAll
    void start() throws Exception {
        engine = Gatecheck.create(GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks()), clock));
        deployment = container().deploy(new CertificateBindingScenarios.App(engine));
        url = deployment.uri("/orders").toString();
    }

    @AfterAll
    void stop() {
        deployment.close();
        engine.close();
    }

    private HttpResponse<String> get(Map<String, List<String>> headers) throws Exception {
        return send(url, headers);
    }

    Stream<DpopCases.Case> hostile() {
        return new DpopCases(ISSUING, url, START).hostile().stream();
    }

    @Test
    void aBoundTokenWithItsProofForTheUrlTheClientUsedReachesTheApplication() throws Exception {
        DpopClient dpop = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, dpop.thumbprint());

        HttpResponse<String> response = get(DpopCases.dpop(token, dpop.proof("GET", url, token, START)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello alice");
    }

    @Test
    void aProofForTheLocalhostNameIsNotOneForTheAddressTheClientUsed() throws Exception {
        DpopClient dpop = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, dpop.thumbprint());
        String elsewhere = url.replace("127.0.0.1", "localhost");

        HttpResponse<String> response = get(DpopCases.dpop(token, dpop.proof("GET", elsewhere, token, START)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid_dpop_proof\",\"detail\":\"htu_mismatch\"}");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("DPoP error=\"invalid_dpop_proof\"", "algs=\"ES256 PS256 RS256 EdDSA\""));
    }

    @Test
    void aServerNonceReachesTheClientInDpopNonceAndAProofCarryingItIsAccepted() throws Exception {
        MutableClock nonceClock = MutableClock.at(START);
        try (Gatecheck nonces = Gatecheck.create(GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks(), "gatecheck.dpop.nonce",
                "true"), nonceClock));
             ServletContainer.Deployment deployed = container().deploy(new CertificateBindingScenarios.App(nonces))) {
            String target = deployed.uri("/orders").toString();
            DpopClient dpop = DpopClient.es256();
            String token = ISSUING.boundToken("alice", START, dpop.thumbprint());

            HttpResponse<String> first = send(target, DpopCases.dpop(token, dpop.proof("GET", target, token, START)));

            assertThat(first.statusCode()).isEqualTo(401);
            assertThat(first.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .contains("DPoP error=\"use_dpop_nonce\""));
            String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow(
                    () -> new AssertionError("no DPoP-Nonce header reached the client"));
            HttpResponse<String> second = send(target, DpopCases.dpop(token,
                    dpop.proof(java.util.UUID.randomUUID().toString(), "GET", target, START, token, nonce)));
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> send(String target, Map<String, List<String>> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(target))
                .timeout(Duration.ofSeconds(10));
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesHostileRequest(DpopCases.Case c) throws Exception {
        for (int i = 1; i < c.sends(); i++) {
            assertThat(get(c.headers()).statusCode()).as("%s: send %d of %d", c.name(), i, c.sends()).isEqualTo(200);
        }
        HttpResponse<String> response = get(c.headers());
        if (c.detail().equals("proof_too_large") && (response.statusCode() == 431 || response.statusCode() == 400)) {
            return; // the container's own refusal of a header over its limit
        }
        assertThat(response.statusCode()).as("%s: %s", c.name(), response.body()).isEqualTo(c.status());
        assertThat(response.body()).as(c.name())
                .isEqualTo("{\"error\":\"" + c.error() + "\",\"detail\":\"" + c.detail() + "\"}");
    }
}
