package dev.gatecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.JwksServer;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A configuration is plain data: building it starts, fetches and owns nothing. The engine builds its key sources,
 * threads and HTTP client, and {@link Gatecheck#close()} releases exactly those, so engines built from one
 * configuration are independent.
 */
class EngineOwnershipTest {
    private static final String ISSUER = "https://issuer.test";
    private static final KeyPair KEY = TestKeys.rsa();

    private JwksServer server;

    @BeforeEach
    void start() {
        server = JwksServer.start().serve("/jwks", TestKeys.jwks(TestKeys.jwk(KEY.getPublic(), "k1", "RS256")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void buildingAConfigurationWithAJwksUriMakesNoRequest() {
        Set<Thread> before = liveThreads();

        config();
        config();

        assertThat(server.totalHits()).as("JWKS requests after building two configurations").isZero();
        assertThat(startedSince(before)).as("threads started by building configurations").isEmpty();
    }

    @Test
    void theEngineFetchesTheKeysOfItsConfiguration() {
        try (Gatecheck engine = Gatecheck.create(config())) {
            assertThat(authenticate(engine)).as("a valid token").isInstanceOf(Decision.Allow.class);
            assertThat(server.hits("/jwks")).as("JWKS requests of one engine").isEqualTo(1);
        }
    }

    @Test
    void enginesFromOneConfigurationCloseIndependently() {
        GatecheckConfig config = config();
        Gatecheck first = Gatecheck.create(config);
        try (Gatecheck second = Gatecheck.create(config)) {
            assertThat(authenticate(first)).as("the first engine's answer").isInstanceOf(Decision.Allow.class);
            first.close();

            assertThat(authenticate(second)).as("the second engine's answer after the first closed")
                    .isInstanceOf(Decision.Allow.class);
            assertThat(server.hits("/jwks")).as("each engine fetched its own keys").isEqualTo(2);
        }
    }

    @Test
    void closingAnEngineStopsTheThreadsItStarted() {
        Set<Thread> before = liveThreads();
        Gatecheck engine = Gatecheck.create(config());
        authenticate(engine);
        assertThat(startedSince(before)).as("the engine's threads while it runs")
                .anyMatch(name -> name.startsWith("gatecheck-"));

        engine.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(startedSince(before))
                .as("the engine's threads after close").noneMatch(name -> name.startsWith("gatecheck-")));
    }

    @Test
    void aJwksUriRefusedAtConfigurationStartsNoThread() {
        Set<Thread> before = liveThreads();

        assertThatThrownBy(() -> GatecheckConfig.builder()
                .jwt(j -> j.issuer(ISSUER).audiences("api").jwksUri("http://keys.example.com/jwks")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("gatecheck.jwt.jwks-uri");

        assertThat(startedSince(before)).as("threads started by a refused configuration").isEmpty();
    }

    @Test
    void anEngineWithStaticKeysStartsNoThread() {
        Set<Thread> before = liveThreads();
        try (Gatecheck engine = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(ISSUER).audiences("api").jwks(TestKeys.jwks(TestKeys.jwk(KEY.getPublic(), "k1",
                        "RS256")))).build())) {
            assertThat(authenticate(engine)).isInstanceOf(Decision.Allow.class);
            assertThat(startedSince(before)).as("threads of an engine with inline keys").isEmpty();
        }
    }

    private GatecheckConfig config() {
        return GatecheckConfig.builder()
                .jwt(j -> j.issuer(ISSUER).audiences("api").jwksUri(server.uri("/jwks").toString()))
                .build();
    }

    private static Decision authenticate(Gatecheck engine) {
        long now = Clock.systemUTC().instant().getEpochSecond();
        String token = Tokens.signWithKid("RS256", KEY.getPrivate(), "k1", Tokens.claims(ISSUER, "alice", "api", now,
                300, ""));
        return engine.authenticate(AuthRequest.builder("GET", "/api").bearer(token).build());
    }

    private static Set<Thread> liveThreads() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** The names of live threads not in {@code before}. */
    private static Set<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !before.contains(t))
                .map(Thread::getName).collect(Collectors.toSet());
    }
}
