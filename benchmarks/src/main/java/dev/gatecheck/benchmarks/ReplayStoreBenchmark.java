package dev.gatecheck.benchmarks;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import dev.gatecheck.webhook.ReplayGuard;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the shared replay store adds to a webhook request: a GitHub delivery (HMAC-SHA256 over a ~60-byte body)
 * through {@code Gatecheck.authenticate}, every one new, with the replay store in memory or on Redis over loopback
 * ({@code SET key mark NX PX}, one round trip). Sampled, so JMH reports the percentiles (p50, p99) besides the mean;
 * Redis's row minus memory's is the added latency. Each operation also signs its delivery (the same in both rows).
 *
 * <p>With {@code -p redisUri=} empty (the default) each trial starts its own {@code redis-server} (REDIS_BINARY,
 * else the PATH) on a free loopback port; {@code -p redisUri=redis://host:port} measures another Redis.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReplayStoreBenchmark {
    private static final String PATH = "/hooks/github";
    private static final String SECRET = "a GitHub webhook secret of at least 32 bytes";

    @Param({"memory", "redis"})
    public String store;

    @Param({""})
    public String redisUri;

    private LocalRedis redis;
    private Gatecheck gatecheck;
    private Mac mac;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Fixture fixture = Fixture.create("RS256", 1024);
        GatecheckConfig.Builder config = GatecheckConfig.builder()
                .jwt(j -> j.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE).jwks(fixture.jwks))
                .route(Route.webhook("github", List.of(PATH), WebhookSpec.of("github", SECRET)));
        String uri = redisUri;
        if (store.equals("redis")) {
            if (uri.isEmpty()) {
                redis = LocalRedis.start();
                uri = redis.uri();
            }
            config.replayStore(ReplayGuard.StoreSpec.redis(uri));
        }
        gatecheck = Gatecheck.create(config.build());
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        AuthRequest first = next();
        accepted(gatecheck.authenticate(first));
        Engines.denied("a delivery sent twice", gatecheck.authenticate(first), "replayed");
        if (store.equals("redis")) {
            checkRedisHoldsTheDelivery(uri);
        }
    }

    /** The numbers must measure Redis, not an outage answered fast. */
    private static void checkRedisHoldsTheDelivery(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            if (connection.sync().keys("gatecheck:webhook:github:*").size() != 1) {
                throw new IllegalStateException("the first delivery is not in Redis at " + uri);
            }
        } finally {
            client.shutdown();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        gatecheck.close();
        if (redis != null) {
            redis.close();
        }
    }

    /** A signed delivery no one sent before (its body carries a sequence number). */
    private AuthRequest next() {
        byte[] body = ("{\"zen\":\"Keep it logically awesome.\",\"n\":" + ++sequence + "}")
                .getBytes(StandardCharsets.UTF_8);
        return AuthRequest.builder("POST", PATH)
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                .header("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static Decision accepted(Decision decision) {
        if (!(decision instanceof Decision.Allow)) {
            throw new IllegalStateException("a fresh delivery was not accepted: " + Engines.describe(decision));
        }
        return decision;
    }

    @Benchmark
    public Decision newDelivery() {
        return accepted(gatecheck.authenticate(next()));
    }
}
