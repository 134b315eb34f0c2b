package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.jaxrs.Http.Reply;
import dev.gatecheck.testing.DpopCases;
import dev.gatecheck.testing.DpopClient;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.NimbusIssuer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DPoP (RFC 9449) through Jersey 3.1 on Jetty over real HTTP: proofs and bound tokens made by Nimbus for the URL the
 * client uses, checked against the request URI as the runtime built it; the engine's hostile table, each case
 * refused as in core (the proof over 8 KB may get Jetty's own 431: the container refuses a header over its limit
 * before any filter runs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JerseyDpopTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);

    private final MutableClock clock = MutableClock.at(START);
    private Gatecheck engine;
    private AppServer server;
    private Http http;
    private String url;

    @BeforeAll
    void start() throws Exception {
        engine = Gatecheck.create(GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks()), clock));
        server = new AppServer();
        ResourceConfig application = new ResourceConfig().register(HelloResource.class).register(new GatecheckFeature(engine));
        server.context().addServlet(new ServletHolder(new ServletContainer(application)), "/api/*");
        http = new Http(server.start().uri("/api"));
        url = server.uri("/api/orders").toString();
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        engine.close();
    }

    private Reply get(Map<String, List<String>> headers) {
        return http.get("/orders", pairs(headers));
    }

    /** {@code headers} as the name/value pairs {@link Http} takes. */
    private static String[] pairs(Map<String, List<String>> headers) {
        List<String> pairs = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> {
            pairs.add(name);
            pairs.add(value);
        }));
        return pairs.toArray(String[]::new);
    }

    Stream<DpopCases.Case> hostile() {
        return new DpopCases(ISSUING, url, START).hostile().stream();
    }

    @Test
    void aBoundTokenWithItsProofReachesTheResource() {
        DpopClient dpop = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, dpop.thumbprint());

        Reply reply = get(DpopCases.dpop(token, dpop.proof("GET", url, token, START)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("hello alice");
    }

    @Test
    void aServerNonceReachesTheClientInDpopNonceAndAProofCarryingItIsAccepted() throws Exception {
        Gatecheck nonces = Gatecheck.create(GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks(), "gatecheck.dpop.nonce",
                "true"), MutableClock.at(START)));
        AppServer other = new AppServer();
        other.context().addServlet(new ServletHolder(new ServletContainer(new ResourceConfig()
                .register(HelloResource.class).register(new GatecheckFeature(nonces)))), "/api/*");
        try {
            Http client = new Http(other.start().uri("/api"));
            String target = other.uri("/api/orders").toString();
            DpopClient dpop = DpopClient.es256();
            String token = ISSUING.boundToken("alice", START, dpop.thumbprint());

            Reply first = client.get("/orders", pairs(DpopCases.dpop(token, dpop.proof("GET", target, token, START))));

            assertThat(first.status()).isEqualTo(401);
            assertThat(first.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .contains("DPoP error=\"use_dpop_nonce\""));
            String nonce = first.header("DPoP-Nonce").orElseThrow(
                    () -> new AssertionError("no DPoP-Nonce header reached the client"));
            Reply second = client.get("/orders", pairs(DpopCases.dpop(token,
                    dpop.proof(java.util.UUID.randomUUID().toString(), "GET", target, START, token, nonce))));
            assertThat(second.status()).as(second.body()).isEqualTo(200);
        } finally {
            other.stop();
            nonces.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesHostileRequest(DpopCases.Case c) {
        for (int i = 1; i < c.sends(); i++) {
            assertThat(get(c.headers()).status()).as("%s: send %d of %d", c.name(), i, c.sends()).isEqualTo(200);
        }
        Reply reply = get(c.headers());
        if (c.detail().equals("proof_too_large") && reply.status() == 431) {
            return; // Jetty's own refusal of a header over its limit
        }
        assertThat(reply.status()).as("%s: %s", c.name(), reply.body()).isEqualTo(c.status());
        assertThat(reply.body()).as(c.name())
                .isEqualTo("{\"error\":\"" + c.error() + "\",\"detail\":\"" + c.detail() + "\"}");
    }
}
