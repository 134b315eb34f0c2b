package dev.gatecheck.redis;

import static dev.gatecheck.redis.GithubDeliveries.deliver;
import static dev.gatecheck.redis.GithubDeliveries.engine;
import static dev.gatecheck.redis.GithubDeliveries.fresh;
import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static dev.gatecheck.testing.Engines.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several engines behind one load balancer share one real {@code redis-server} (started here on a free loopback
 * port): a delivery accepted by one instance is a replay on every other, entries expire after their window, a dead
 * Redis is an outage (503, or a pass with a warning under {@code allow}) and a restarted one is used again without
 * restarting the engines.
 */
class RedisFleetTest {
    private static final Map<String, String> ALLOW = Map.of("gatecheck.replay.on-error", "allow");

    @TempDir
    Path dir;
    private RedisServer redis;
    private final List<Gatecheck> engines = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start(RedisServer.binaryOrSkip(), dir.resolve("redis"));
    }

    @AfterEach
    void stop() {
        engines.forEach(Gatecheck::close);
        if (redis != null) {
            redis.close();
        }
    }

    private Gatecheck engine(Map<String, String> more) {
        Gatecheck engine = GithubDeliveries.engine(redis.uri(), more);
        engines.add(engine);
        return engine;
    }

    private static void replayed(Decision decision, String why) {
        assertThat(assertDenied(decision, 401, "invalid_signature", why).detail()).as("%s: detail", why)
                .isEqualTo("replayed");
    }

    @Test
    void aDeliveryAcceptedByOneInstanceIsRefusedAsReplayedByAnother() {
        Gatecheck first = engine(Map.of());
        Gatecheck second = engine(Map.of());
        byte[] delivery = fresh();

        assertAllowed(deliver(first, delivery), "the delivery on the first instance");
        replayed(deliver(second, delivery), "the same delivery replayed to the second instance");
        replayed(deliver(first, delivery), "and to the first again");
        assertAllowed(deliver(second, fresh()), "another delivery on the second instance");
    }

    @Test
    void anEntryExpiresAfterItsWindow() throws Exception {
        // tolerance 1s: the window is twice the tolerance plus one second, 3s of Redis's own (real) time
        Gatecheck engine = engine(Map.of("gatecheck.routes.github.tolerance", "1s"));
        byte[] delivery = fresh();
        assertAllowed(deliver(engine, delivery), "the delivery");
        replayed(deliver(engine, delivery), "replayed within the window");

        List<String> keys = redis.keys();
        assertThat(keys).as("one key for one delivery").hasSize(1);
        long ttl = (Long) redis.command("PTTL", keys.get(0));
        assertThat(ttl).as("the TTL Redis recorded (ms): the window, 3000 ms, counting down").isBetween(1L, 3000L);

        Awaitility.await("the delivery accepted again once Redis expired it").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> deliver(engine, delivery) instanceof Decision.Allow);
    }

    @Test
    void theWindowRecordedIsTwiceTheToleranceAndOneSecond() throws Exception {
        Gatecheck engine = engine(Map.of("gatecheck.routes.github.tolerance", "5m"));
        assertAllowed(deliver(engine, fresh()), "a delivery");

        List<String> keys = redis.keys();
        long ttl = (Long) redis.command("PTTL", keys.get(0));
        assertThat(ttl).as("PTTL of a 5m-tolerance delivery (ms)").isBetween(601_000L - 30_000L, 601_000L);
    }

    @Test
    void killingRedisMidRunAnswers503WithRetryAfterUnderReject() {
        Gatecheck engine = engine(Map.of());
        assertAllowed(deliver(engine, fresh()), "before Redis dies");

        redis.kill();

        for (int i = 0; i < 3; i++) {
            assertUnavailable(deliver(engine, fresh()), "delivery " + i + " after Redis died (on-error=reject)");
        }
    }

    @Test
    void killingRedisMidRunLetsDeliveriesThroughWithAWarningUnderAllow() {
        Gatecheck engine = engine(ALLOW);
        assertAllowed(deliver(engine, fresh()), "before Redis dies");

        redis.kill();

        try (LogCapture logs = LogCapture.start()) {
            assertAllowed(deliver(engine, fresh()), "after Redis died (on-error=allow)");
            assertAllowed(deliver(engine, fresh()), "and another");
            assertThat(logs.warningsContaining("replay store")).as("one warning, at most one a minute").hasSize(1)
                    .allSatisfy(w -> assertThat(w).contains("WITHOUT a replay check", "Redis at " + redis.uri()));
        }
    }

    @Test
    void restartingRedisBringsRecoveryWithoutRestartingTheEngines() throws Exception {
        Gatecheck first = engine(Map.of());
        Gatecheck second = engine(Map.of());
        assertAllowed(deliver(first, fresh()), "before the restart");
        redis.kill();
        byte[] during = fresh();
        assertUnavailable(deliver(first, during), "while Redis is down");

        redis.restart();

        Awaitility.await("the first engine reconnected").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> deliver(first, during) instanceof Decision.Allow);
        // Each engine reconnects on its own schedule: the second may still be waiting out its back-off.
        Decision onSecond = Awaitility.await("the second engine reconnected").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> deliver(second, during), decision -> !unavailable(decision));
        replayed(onSecond, "the delivery the first engine accepted after the restart, on the second");
    }

    private static boolean unavailable(Decision decision) {
        return decision instanceof Decision.Deny deny && deny.rejection().status() == 503;
    }

    @Test
    void redisDownWhenTheEngineStartsDoesNotStopItAndIsUsedOnceItAnswers() throws Exception {
        redis.kill();
        Gatecheck engine = engine(Map.of());
        byte[] delivery = fresh();
        assertUnavailable(deliver(engine, delivery), "Redis never reached yet");

        redis.restart();

        Awaitility.await("the engine connected").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> deliver(engine, delivery) instanceof Decision.Allow);
        replayed(deliver(engine, delivery), "then the store works");
    }

    @Test
    void thirtyTwoThreadsOverTwoEnginesSendingOneDeliveryGetExactlyOneAcceptance() throws Exception {
        List<Decision> decisions = GithubDeliveries.deliverAtOnce(List.of(engine(Map.of()), engine(Map.of())),
                fresh(), 32);

        assertThat(decisions.stream().filter(Decision.Allow.class::isInstance))
                .as("acceptances of one delivery sent 32 times at once over two engines").hasSize(1);
        decisions.stream().filter(Decision.Deny.class::isInstance).forEach(d -> replayed(d, "a concurrent copy"));
    }

    @Test
    void aRedisThatDoesNotAnswerIsAnOutageAfterTheTimeoutNotAHang() throws Exception {
        Gatecheck engine = engine(Map.of("gatecheck.replay.redis.timeout", "200ms"));
        Awaitility.await("a delivery accepted before Redis stalls").atMost(Duration.ofSeconds(20))
                .until(() -> deliver(engine, fresh()) instanceof Decision.Allow);
        redis.command("CLIENT", "PAUSE", "30000", "WRITE"); // holds every write for 30 s
        try {
            // Redis answers OK once the pause ends: an outage now means the request gave up without waiting for it.
            assertUnavailable(deliver(engine, fresh()), "while Redis holds writes");
        } finally {
            redis.command("CLIENT", "UNPAUSE");
        }
    }

    @Test
    void anEngineKeepsOneConnectionWhateverItsLoadAndClosesItWithItself() throws Exception {
        Gatecheck engine = engine(Map.of());
        for (int i = 0; i < 20; i++) {
            assertAllowed(deliver(engine, fresh()), "delivery " + i);
        }
        assertThat(clients()).as("connections after 20 deliveries (one engine; this test's own excluded)").isEqualTo(1);

        engine.close();

        Awaitility.await("the engine's connection closed").atMost(Duration.ofSeconds(10))
                .until(() -> clients() == 0);
        // A thread's work ends before it does: give the Lettuce threads a bounded moment to be gone.
        Awaitility.await("no Lettuce thread left after close").atMost(Duration.ofSeconds(10))
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("lettuce-")));
    }

    /** Clients connected to Redis, not counting the connection that asks. */
    private long clients() throws Exception {
        String list = (String) redis.command("CLIENT", "LIST");
        return list.lines().filter(l -> !l.isBlank()).count() - 1;
    }
}
