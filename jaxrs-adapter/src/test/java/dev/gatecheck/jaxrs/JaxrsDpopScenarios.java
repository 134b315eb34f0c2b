package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.servlet.JettyContainer;
import dev.gatecheck.servlet.ServletContainer;
import dev.gatecheck.testing.DpopCases;
import dev.gatecheck.testing.DpopClient;
import dev.gatecheck.testing.Http.Reply;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.NimbusIssuer;
import jakarta.ws.rs.core.Application;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DPoP (RFC 9449) through the JAX-RS adapter on Jetty over real HTTP: proofs and bound tokens made by Nimbus for the
 * URL the client uses, checked against the request URI as the runtime built it; the engine's hostile table, each
 * case refused as in core (the proof over 8 KB may get Jetty's own 431: the container refuses a header over its
 * limit before any filter runs); server nonces reaching the client. The engines live as long as the test JVM: a
 * JAX-RS runtime builds the {@link Application} itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaxrsDpopScenarios {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);

    private static Gatecheck engine(String... more) {
        Map<String, String> keys = new java.util.HashMap<>(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks()));
        for (int i = 0; i < more.length; i += 2) {
            keys.put(more[i], more[i + 1]);
        }
        return Gatecheck.create(GatecheckConfig.fromMap(keys, MutableClock.at(START)));
    }

    /** {@link HelloResource} with the default DPoP settings, the clock at {@link #START}. */
    public static class DpopApp extends Application {
        static final Gatecheck ENGINE = engine();

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(ENGINE), new HelloResource());
        }
    }

    /** {@link HelloResource} with server nonces ({@code gatecheck.dpop.nonce=true}). */
    public static class NonceApp extends Application {
        static final Gatecheck ENGINE = engine("gatecheck.dpop.nonce", "true");

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(ENGINE), new HelloResource());
        }
    }

    private ServletContainer.Deployment server;
    private Http.Target http;
    private String url;

    private final JaxrsRuntime runtime;

    /** The scenarios on {@code runtime}. */
    JaxrsDpopScenarios(JaxrsRuntime runtime) {
        this.runtime = runtime;
    }

    @BeforeAll
    void start() throws Exception {
        server = new JettyContainer().deploy((classes, context) -> {
            runtime.serve(context, DpopApp.class, "/api");
            runtime.serve(context, NonceApp.class, "/nonce");
        });
        http = Http.at(server.uri(""));
        url = server.uri("/api/orders").toString();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Reply get(String path, Map<String, List<String>> headers) {
        List<String> pairs = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> {
            pairs.add(name);
            pairs.add(value);
        }));
        return http.get(path, pairs.toArray(String[]::new));
    }

    Stream<DpopCases.Case> hostile() {
        return new DpopCases(ISSUING, url, START).hostile().stream();
    }

    @Test
    void aBoundTokenWithItsProofReachesTheResource() {
        DpopClient dpop = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, dpop.thumbprint());

        Reply reply = get("/api/orders", DpopCases.dpop(token, dpop.proof("GET", url, token, START)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("hello alice");
    }

    @Test
    void aServerNonceReachesTheClientInDpopNonceAndAProofCarryingItIsAccepted() {
        String target = server.uri("/nonce/orders").toString();
        DpopClient dpop = DpopClient.es256();
        String token = ISSUING.boundToken("alice", START, dpop.thumbprint());

        Reply first = get("/nonce/orders", DpopCases.dpop(token, dpop.proof("GET", target, token, START)));

        assertThat(first.status()).isEqualTo(401);
        assertThat(first.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("DPoP error=\"use_dpop_nonce\""));
        String nonce = first.header("DPoP-Nonce").orElseThrow(
                () -> new AssertionError("no DPoP-Nonce header reached the client"));
        Reply second = get("/nonce/orders", DpopCases.dpop(token,
                dpop.proof(UUID.randomUUID().toString(), "GET", target, START, token, nonce)));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesHostileRequest(DpopCases.Case c) {
        for (int i = 1; i < c.sends(); i++) {
            assertThat(get("/api/orders", c.headers()).status()).as("%s: send %d of %d", c.name(), i, c.sends())
                    .isEqualTo(200);
        }
        Reply reply = get("/api/orders", c.headers());
        if (c.detail().equals("proof_too_large") && reply.status() == 431) {
            return; // Jetty's own refusal of a header over its limit
        }
        assertThat(reply.status()).as("%s: %s", c.name(), reply.body()).isEqualTo(c.status());
        assertThat(reply.body()).as(c.name())
                .isEqualTo("{\"error\":\"" + c.error() + "\",\"detail\":\"" + c.detail() + "\"}");
    }
}
