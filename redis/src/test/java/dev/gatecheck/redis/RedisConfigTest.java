package dev.gatecheck.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.webhook.ReplayGuard.StoreSpec;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gatecheck.replay.*} with this module on the class path: the keys load from a map and from the environment,
 * the URI names standalone, Sentinel or Cluster servers (TLS with {@code rediss}), and a URI that is wrong fails at
 * startup naming {@code gatecheck.replay.redis.uri}, never quoting its password. No server needed.
 */
class RedisConfigTest {
    private static final String PASSWORD = "s3cret-Pa55word";

    @TempDir
    Path dir;

    private static Map<String, String> keys(Map<String, String> replay) {
        Map<String, String> keys = new HashMap<>(Map.of("gatecheck.jwt.issuer", "https://issuer.test",
                "gatecheck.jwt.algorithms", "HS256",
                "gatecheck.jwt.hmac-secret", "an HMAC secret for tokens, 32 bytes or more"));
        keys.putAll(replay);
        return keys;
    }

    private static StoreSpec store(Map<String, String> replay) {
        return GatecheckConfig.fromMap(keys(replay)).replayStore().orElseThrow();
    }

    @Test
    void theRedisKeysLoadFromAMapWithTheirDefaults() {
        StoreSpec spec = store(Map.of("gatecheck.replay.store", "redis",
                "gatecheck.replay.redis.uri", "redis://127.0.0.1:6379"));

        assertThat(spec.store()).isEqualTo("redis");
        assertThat(spec.uri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(spec.keyPrefix()).as("default key prefix").isEqualTo("gatecheck:");
        assertThat(spec.timeout()).as("default timeout").isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theRedisKeysLoadFromTheEnvironment() {
        Map<String, String> environment = new HashMap<>();
        keys(Map.of("gatecheck.replay.store", "redis", "gatecheck.replay.redis.uri", "rediss://redis.internal:6380",
                "gatecheck.replay.redis.key-prefix", "billing:", "gatecheck.replay.redis.timeout", "100ms",
                "gatecheck.replay.on-error", "allow"))
                .forEach((k, v) -> environment.put(k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v));

        GatecheckConfig config = GatecheckConfig.fromEnvironment(environment);

        assertThat(environment).containsKeys("GATECHECK_REPLAY_STORE", "GATECHECK_REPLAY_REDIS_URI",
                "GATECHECK_REPLAY_REDIS_KEY_PREFIX", "GATECHECK_REPLAY_REDIS_TIMEOUT", "GATECHECK_REPLAY_ON_ERROR");
        assertThat(config.replayStore()).contains(StoreSpec.redis("rediss://redis.internal:6380")
                .withKeyPrefix("billing:").withTimeout(Duration.ofMillis(100)));
        assertThat(config.replayOnError()).hasToString("ALLOW");
    }

    @Test
    void aUriInAFileIsReadWithoutItsFinalNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("redis-uri"), "redis://:" + PASSWORD + "@127.0.0.1:6379\n");

        StoreSpec spec = store(Map.of("gatecheck.replay.store", "redis", "gatecheck.replay.redis.uri", "file:" + file));

        assertThat(spec.uri()).isEqualTo("redis://:" + PASSWORD + "@127.0.0.1:6379");
        assertThat(spec).as("the spec as logged").asString().doesNotContain(PASSWORD);
    }

    @Test
    void theSchemesNameAServerASentinelMasterOrAClusterWithTlsForRediss() {
        RedisTarget standalone = RedisTarget.parse("rediss://:" + PASSWORD + "@redis.internal:6380/2");
        assertThat(standalone).isInstanceOfSatisfying(RedisTarget.Single.class, s -> {
            assertThat(s.uri().isSsl()).as("rediss is TLS").isTrue();
            assertThat(s.uri().getVerifyMode()).as("TLS verifies the server's certificate and name")
                    .isEqualTo(io.lettuce.core.SslVerifyMode.FULL);
            assertThat(s.uri().getDatabase()).isEqualTo(2);
        });

        RedisTarget sentinel = RedisTarget.parse("redis-sentinel://:" + PASSWORD + "@s1:26379,s2:26380#mymaster");
        assertThat(sentinel).isInstanceOfSatisfying(RedisTarget.Single.class, s -> {
            assertThat(s.uri().getSentinelMasterId()).isEqualTo("mymaster");
            assertThat(s.uri().getSentinels()).extracting(RedisURI::getHost, RedisURI::getPort)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", 26379),
                            org.assertj.core.groups.Tuple.tuple("s2", 26380));
        });

        RedisTarget cluster = RedisTarget.parse("rediss-cluster://app:" + PASSWORD + "@n1:7000,n2:7001,n3:7002");
        assertThat(cluster).isInstanceOfSatisfying(RedisTarget.Cluster.class, c -> {
            assertThat(c.seeds()).extracting(RedisURI::getHost, RedisURI::getPort).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("n1", 7000), org.assertj.core.groups.Tuple.tuple("n2", 7001),
                    org.assertj.core.groups.Tuple.tuple("n3", 7002));
            assertThat(c.seeds()).as("every seed over TLS, with the user and password")
                    .allSatisfy(seed -> {
                        assertThat(seed.isSsl()).isTrue();
                        assertThat(seed.getCredentialsProvider().resolveCredentials().block().getUsername())
                                .isEqualTo("app");
                    });
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "http://:" + PASSWORD + "@host:6379",
        ":" + PASSWORD + "@host:6379",
        "redis://:" + PASSWORD + "@",
        "redis://:" + PASSWORD + "@host:notaport",
        "redis-sentinel://:" + PASSWORD + "@s1:26379",
        "redis-cluster://:" + PASSWORD + "@n1:7000,,n2:7001",
        "redis://:" + PASSWORD + "@host:6379/ spaces",
    })
    void aWrongUriFailsAtStartupNamingTheUriKeyWithoutItsPassword(String uri) {
        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys(Map.of("gatecheck.replay.store", "redis",
                "gatecheck.replay.redis.uri", uri))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key())
                        .isEqualTo("gatecheck.replay.redis.uri"))
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void theProviderIsFoundThroughServiceLoader() {
        assertThat(java.util.ServiceLoader.load(dev.gatecheck.webhook.ReplayGuard.Provider.class).stream()
                .map(p -> p.type().getName()).toList()).contains(RedisReplayStoreProvider.class.getName());
        assertThat(List.of(new RedisReplayStoreProvider().store())).containsExactly("redis");
    }
}
