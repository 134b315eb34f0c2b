package dev.gatecheck.keys;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.Engines;
import dev.gatecheck.testing.JwksServer.Fault;
import dev.gatecheck.testing.JwksServer;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OIDC discovery ({@code gatecheck.jwt.discovery=true}) against a loopback provider that counts requests. */
class JwksDiscoveryTest {
    private static final String WELL_KNOWN = "/.well-known/openid-configuration";
    private static final Duration BOUND = Duration.ofSeconds(2); // max-wait 1s plus slack
    private static final Duration RETRY_DELAY = Duration.ofSeconds(10);
    private static final KeyPair KEY = TestKeys.rsa();

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-29T12:00:00Z"));
    private JwksServer server;
    private LogCapture log;
    private Gatecheck gatecheck;

    @BeforeEach
    void start() {
        server = JwksServer.start();
        log = LogCapture.of(JwksKeySource.class);
    }

    @AfterEach
    void stop() {
        if (gatecheck != null) {
            gatecheck.close();
        }
        server.close();
        log.close();
    }

    @Test
    void discoveryWithTheMatchingIssuerFindsTheJwksAndVerifies() {
        String issuer = server.base();
        server.serve(WELL_KNOWN, discovery(issuer, server.uri("/keys").toString()))
                .serve("/keys", TestKeys.jwks(TestKeys.jwk(KEY.getPublic(), "k1", "RS256")));
        gatecheck = engine(issuer);

        // The first requests wait (at most max-wait) for discovery + JWKS; a cold JVM may need a second try.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertAllowed(authenticate(token(issuer)), "token of the discovered issuer"));
        Decision.Allow allow = assertAllowed(authenticate(token(issuer)), "token of the discovered issuer, again");
        assertThat(allow.identity()).get().extracting(dev.gatecheck.auth.Identity::subject).isEqualTo("alice");
        assertThat(server.hits(WELL_KNOWN)).as("discovery documents fetched").isEqualTo(1);
        assertThat(server.hits("/keys")).as("JWKS fetched from the discovered jwks_uri").isEqualTo(1);
    }

    @ParameterizedTest(name = "document issuer: {0}")
    @ValueSource(strings = {"https://evil.example", "{base}/", "{base}/other", "{BASE}", ""})
    void discoveryNamingAnotherIssuerIsRefusedAndItsJwksUriNeverUsed(String documentIssuer) {
        String issuer = server.base();
        String named = documentIssuer.replace("{base}", issuer).replace("{BASE}", issuer.toUpperCase());
        String document = named.isEmpty()
                ? "{\"jwks_uri\":\"" + server.uri("/evil-keys") + "\"}"
                : discovery(named, server.uri("/evil-keys").toString());
        server.serve(WELL_KNOWN, document)
                .serve("/evil-keys", TestKeys.jwks(TestKeys.jwk(KEY.getPublic(), "k1", "RS256")));
        gatecheck = engine(issuer);

        assertUnavailable(authenticate(token(issuer)), "a discovery document naming " + named);
        await().atMost(Duration.ofSeconds(10)).until(() -> !log.warningsContaining("another issuer").isEmpty());
        assertThat(log.warningsContaining("another issuer").get(0))
                .as("the WARN names the document, the issuer it names and the configured one")
                .contains(WELL_KNOWN, named.isEmpty() ? "issuer: none" : "issuer: '" + named + "'",
                        "configured '" + issuer + "'");

        clock.advance(RETRY_DELAY.plusSeconds(1)); // the next attempt is refused the same way
        authenticate(token(issuer));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.warningsContaining("another issuer").size() >= 2);
        assertUnavailable(authenticate(token(issuer)), "still refused after a retry");
        assertThat(server.hits(WELL_KNOWN)).as("discovery attempts").isEqualTo(2);
        assertThat(server.hits("/evil-keys")).as("requests to the jwks_uri of a mismatched document").isZero();
    }

    @Test
    void discoveryFailingAtStartupAnswers503AndSucceedsLaterWithoutRestart() {
        String issuer = server.base();
        server.fault(Fault.STATUS_500)
                .serve(WELL_KNOWN, discovery(issuer, server.uri("/keys").toString()))
                .serve("/keys", TestKeys.jwks(TestKeys.jwk(KEY.getPublic(), "k1", "RS256")));
        gatecheck = engine(issuer); // building does not fail although the provider is down

        assertUnavailable(authenticate(token(issuer)), "provider down at startup");
        // The failed attempt is recorded at the clock's time: moving the clock before that would put the retry
        // after the moved time, which the test never reaches.
        await().atMost(Duration.ofSeconds(10)).until(() -> gatecheck.health().sources().values().stream()
                .anyMatch(source -> source.lastFailure().isPresent()));
        server.fault(Fault.NONE);
        clock.advance(RETRY_DELAY.plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertAllowed(authenticate(token(issuer)), "after the provider came up"));
        assertThat(server.hits(WELL_KNOWN)).as("discovery attempts: the failed one and the good one").isEqualTo(2);
    }

    private Gatecheck engine(String issuer) {
        return Gatecheck.create(GatecheckConfig.builder().clock(clock)
                .jwks(new JwksSettings(Duration.ofMinutes(10), Duration.ofSeconds(30),
                        Duration.ofHours(24), Duration.ofSeconds(3)))
                .jwt(j -> j.issuer(issuer).audiences("api").discovery(true)).build());
    }

    private Decision authenticate(String token) {
        return Engines.authenticateWithin(gatecheck, token, BOUND);
    }

    private String token(String issuer) {
        return Tokens.signWithKid("RS256", KEY.getPrivate(), "k1",
                Tokens.claims(issuer, "alice", "api", clock.instant().getEpochSecond(), 300, ""));
    }

    private static String discovery(String issuer, String jwksUri) {
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\",\"response_types_supported\":[\"code\"]}";
    }
}
