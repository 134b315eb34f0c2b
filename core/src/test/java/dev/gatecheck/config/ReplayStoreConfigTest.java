package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.webhook.ReplayGuard;
import dev.gatecheck.webhook.ReplayGuard.StoreSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared replay store in the configuration ({@code gatecheck.replay.*}): plain data, checked when the
 * configuration is built (a store whose module is missing fails naming {@code gatecheck.replay.store}), opened by
 * the engine and closed with it. Core's tests have no Redis provider; the {@code recording} store stands in for
 * one through {@code ServiceLoader}.
 */
class ReplayStoreConfigTest {
    private static final String PEM = TestKeys.pem(TestKeys.ec("secp256r1").getPublic());
    private static final Map<String, String> ISSUER = Map.of("gatecheck.jwt.issuer", "https://issuer.test",
            "gatecheck.jwt.jwks", TestKeys.jwks(TestKeys.jwk(TestKeys.ec("secp256r1").getPublic(), "k", "ES256")));

    @TempDir
    Path dir;

    private static GatecheckConfig.Builder builder() {
        return GatecheckConfig.builder().jwt(j -> j.issuer("https://issuer.test").publicKeyPem(PEM));
    }

    private static GatecheckConfig load(Map<String, String> replayKeys) {
        Map<String, String> keys = new HashMap<>(ISSUER);
        keys.putAll(replayKeys);
        return GatecheckConfig.fromMap(keys);
    }

    private static StoreSpec recording(String uri) {
        return new StoreSpec(RecordingStoreProvider.STORE, uri, "gatecheck:", Duration.ofMillis(250));
    }

    private static void failsNaming(String key, ThrowingCallable build, String why) {
        assertThatThrownBy(build).as(why).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).as("%s: the key named (message: %s)", why, e.getMessage()).isEqualTo(key));
    }

    @Test
    void theReplayStoreIsInMemoryAndAnOutageIsRejectedByDefault() {
        GatecheckConfig config = load(Map.of());

        assertThat(config.replayStore()).as("no shared store unless one is declared").isEmpty();
        assertThat(config.replayOnError()).as("an outage is refused (503) unless allow is chosen")
                .isEqualTo(ReplayGuard.OnError.REJECT);
    }

    @Test
    void aRedisStoreWithoutTheRedisModuleOnTheClassPathFailsNamingTheStoreKey() {
        failsNaming("gatecheck.replay.store", () -> load(Map.of("gatecheck.replay.store", "redis",
                "gatecheck.replay.redis.uri", "redis://127.0.0.1:6379")), "redis declared by keys");
        failsNaming("gatecheck.replay.store", () -> builder().replayStore(StoreSpec.redis("redis://127.0.0.1:6379"))
                .build(), "redis declared on the builder");
        assertThatThrownBy(() -> load(Map.of("gatecheck.replay.store", "redis", "gatecheck.replay.redis.uri",
                "redis://127.0.0.1:6379"))).as("the message says what to add").hasMessageContaining("gatecheck-redis");
    }

    @Test
    void redisSettingsWithoutTheRedisStoreFailNamingTheFirstOfThem() {
        failsNaming("gatecheck.replay.redis.timeout", () -> load(Map.of("gatecheck.replay.redis.timeout", "1s")),
                "a Redis timeout with the default (memory) store would silently configure nothing");
        failsNaming("gatecheck.replay.redis.uri", () -> load(Map.of("gatecheck.replay.store", "memory",
                "gatecheck.replay.redis.uri", "redis://127.0.0.1:6379")), "a Redis URI with store=memory");
    }

    @Test
    void aRedisStoreWithoutAUriFailsNamingTheUriKey() {
        failsNaming("gatecheck.replay.redis.uri", () -> load(Map.of("gatecheck.replay.store", "redis")),
                "store=redis alone");
    }

    @Test
    void anUnknownStoreOrOnErrorValueFailsNamingItsKey() {
        failsNaming("gatecheck.replay.store", () -> load(Map.of("gatecheck.replay.store", "memcached")), "memcached");
        failsNaming("gatecheck.replay.on-error", () -> load(Map.of("gatecheck.replay.on-error", "ignore")), "ignore");
    }

    @Test
    void onErrorAllowIsReadFromTheKeys() {
        assertThat(load(Map.of("gatecheck.replay.on-error", "allow")).replayOnError())
                .isEqualTo(ReplayGuard.OnError.ALLOW);
    }

    @Test
    void aDeclaredStoreAndAGuardGivenToTheBuilderTogetherFailNamingTheStoreKey() {
        failsNaming("gatecheck.replay.store", () -> builder().replayGuard((namespace, key, window) -> true)
                .replayStore(recording("recording://both")).build(), "two replay stores");
    }

    @Test
    void aTimeoutThatIsNotPositiveOrLongerThanTenSecondsFailsNamingTheTimeoutKey() {
        for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(11)}) {
            failsNaming("gatecheck.replay.recording.timeout", () -> builder()
                    .replayStore(recording("recording://t").withTimeout(timeout)).build(), "timeout " + timeout);
        }
        assertThat(builder().replayStore(recording("recording://t").withTimeout(Duration.ofSeconds(10))).build()
                .replayStore()).as("10s is the longest accepted").isPresent();
    }

    @Test
    void aKeyPrefixWithSpacesOrNothingAtAllFailsNamingTheKeyPrefixKey() {
        for (String prefix : new String[] {"", "my app:", "tab\t", "x".repeat(65)}) {
            failsNaming("gatecheck.replay.recording.key-prefix", () -> builder()
                    .replayStore(recording("recording://p").withKeyPrefix(prefix)).build(), "prefix '" + prefix + "'");
        }
    }

    @Test
    void aUriTheProviderRefusesFailsNamingTheUriKey() {
        failsNaming("gatecheck.replay.recording.uri", () -> builder().replayStore(recording("bad://:pw@host")).build(),
                "a URI the provider's check refuses");
    }

    @Test
    void theUriIsReadFromAFileWhenGivenAsFileAndIsNeverShownWithItsPassword() throws Exception {
        Path secret = Files.writeString(dir.resolve("redis-uri"), "redis://:s3cret-pa55@redis.internal:6379\n");
        ThrowingCallable build = () -> load(Map.of("gatecheck.replay.store", "redis", "gatecheck.replay.redis.uri",
                "file:" + secret));

        assertThatThrownBy(build).as("no provider here, but the file was read and its password not quoted")
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("s3cret-pa55");
        StoreSpec spec = StoreSpec.redis("rediss://gatecheck:s3cret-pa55@redis.internal:6380/0");
        assertThat(spec.toString()).as("toString of a spec").doesNotContain("s3cret-pa55")
                .contains("rediss://***@redis.internal:6380/0");
        assertThat(StoreSpec.redis("redis-sentinel://:pa/ss@h1:26379,h2:26379/0#mymaster").redactedUri())
                .as("a password holding a slash").isEqualTo("redis-sentinel://***@h1:26379,h2:26379/0#mymaster");
    }

    @Test
    void buildingTheConfigurationOpensNothingTheEngineOpensTheStoreAndClosesItWithItself() {
        String uri = "recording://" + UUID.randomUUID();
        GatecheckConfig config = builder().replayStore(recording(uri)).build();
        assertThat(RecordingStoreProvider.opened(uri)).as("opened by building the configuration").isZero();

        Gatecheck engine = Gatecheck.create(config);
        assertThat(RecordingStoreProvider.opened(uri)).as("opened by Gatecheck.create").isEqualTo(1);
        assertThat(RecordingStoreProvider.closed(uri)).as("closed before the engine").isZero();

        engine.close();
        assertThat(RecordingStoreProvider.closed(uri)).as("closed by Gatecheck.close").isEqualTo(1);
    }

    @Test
    void twoEnginesFromOneConfigurationOpenAStoreEach() {
        String uri = "recording://" + UUID.randomUUID();
        GatecheckConfig config = builder().replayStore(recording(uri)).build();
        try (Gatecheck first = Gatecheck.create(config); Gatecheck second = Gatecheck.create(config)) {
            assertThat(RecordingStoreProvider.opened(uri)).as("engines share nothing").isEqualTo(2);
            first.close();
            assertThat(RecordingStoreProvider.closed(uri)).as("closing one closes its store only").isEqualTo(1);
        }
    }
}
