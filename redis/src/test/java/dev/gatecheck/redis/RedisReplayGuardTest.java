package dev.gatecheck.redis;

import static dev.gatecheck.redis.GithubDeliveries.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.testing.RedisServer;
import dev.gatecheck.webhook.ReplayGuard;
import dev.gatecheck.webhook.ReplayGuard.StoreSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store itself against a real {@code redis-server}: what it writes ({@code SET <prefix><namespace><sha-256> 1 NX
 * PX <window>}, read back over a plain socket), and how it authenticates.
 */
class RedisReplayGuardTest {
    private static final String PASSWORD = "pa55-w0rd-for-the-test";

    @TempDir
    Path dir;
    private RedisServer redis;
    private ReplayGuard.Shared guard;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start(RedisServer.binaryOrSkip(), dir.resolve("redis"), "--requirepass", PASSWORD);
    }

    @AfterEach
    void stop() {
        if (guard != null) {
            guard.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The store {@code spec} names, with a timeout no pause of a loaded machine reaches. */
    private ReplayGuard.Shared open(StoreSpec spec) {
        guard = new RedisReplayStoreProvider().open(spec.withTimeout(Duration.ofSeconds(5)));
        return guard;
    }

    private String uri(String userInfo) {
        return "redis://" + userInfo + "@127.0.0.1:" + redis.port();
    }

    @Test
    void storesThePrefixTheNamespaceAndTheSha256OfTheKeyNeverTheKeyItself() throws Exception {
        ReplayGuard store = open(StoreSpec.redis(uri(":" + PASSWORD)).withKeyPrefix("app-7:"));

        assertThat(store.firstSeen("webhook:github:", "github:9f86d081884c7d65", Duration.ofSeconds(10)))
                .as("first sighting").isTrue();

        String expected = "app-7:webhook:github:" + sha256("github:9f86d081884c7d65");
        assertThat(redis.keys()).as("the keys Redis holds").containsExactly(expected);
        assertThat(redis.command("GET", expected)).as("its value: the request's random mark").asString()
                .matches("[0-9a-f]{32}");
        assertThat((Long) redis.command("PTTL", expected)).as("its TTL in ms: the window")
                .isBetween(1L, 10_000L);
    }

    @Test
    void aKeyIsNewOnceWithinItsWindowAndNamespacesKeepKeysApart() {
        ReplayGuard store = open(StoreSpec.redis(uri(":" + PASSWORD)));
        Duration window = Duration.ofMinutes(1);

        assertThat(store.firstSeen("webhook:a:", "k", window)).as("k in a, first").isTrue();
        assertThat(store.firstSeen("webhook:a:", "k", window)).as("k in a, again").isFalse();
        assertThat(store.firstSeen("webhook:b:", "k", window)).as("k in b: another namespace").isTrue();
        assertThat(store.firstSeen("dpop:", "k", window)).as("k in dpop:").isTrue();
    }

    @Test
    void aWindowUnderAMillisecondIsKeptForOneMillisecondNotRefusedByRedis() throws Exception {
        ReplayGuard store = open(StoreSpec.redis(uri(":" + PASSWORD)));

        assertThat(store.firstSeen("t:", "short", Duration.ofNanos(1))).as("PX 0 would be an error").isTrue();
    }

    /**
     * The user the README recommends: keys under the prefix only, and only SET, the script that takes a late SET
     * back (EVAL, with the GET and DEL it calls) and HELLO (the handshake); its URI.
     */
    private String leastPrivilegeUser() throws Exception {
        redis.command("ACL", "SETUSER", "gatecheck", "on", ">" + PASSWORD + "-acl", "resetkeys",
                "~gatecheck:*", "resetchannels", "-@all", "+set", "+eval", "+get", "+del", "+hello");
        return uri("gatecheck:" + PASSWORD + "-acl");
    }

    @Test
    void aLeastPrivilegeUserCanRunTheStore() throws Exception {
        ReplayGuard store = open(StoreSpec.redis(leastPrivilegeUser()));

        assertThat(store.firstSeen("webhook:r:", "k", Duration.ofSeconds(5))).as("as user gatecheck").isTrue();
        assertThat(store.firstSeen("webhook:r:", "k", Duration.ofSeconds(5))).as("again").isFalse();
    }

    @Test
    void aSetThatTimedOutIsTakenBackSoTheSendersRetryIsNotAReplay() throws Exception {
        guard = new RedisReplayStoreProvider().open(StoreSpec.redis(leastPrivilegeUser())
                .withTimeout(Duration.ofMillis(200)));
        Duration window = Duration.ofMinutes(1);
        Awaitility.await("the store answering").atMost(Duration.ofSeconds(20))
                .ignoreException(ReplayGuard.Unavailable.class)
                .until(() -> guard.firstSeen("t:", "warm-up-" + System.nanoTime(), window));
        redis.command("CLIENT", "PAUSE", "30000", "WRITE"); // Redis holds the SET past the timeout, then runs it
        try {
            assertThatThrownBy(() -> guard.firstSeen("t:", "delivery", window)).as("while Redis holds writes")
                    .isInstanceOf(ReplayGuard.Unavailable.class);
        } finally {
            redis.command("CLIENT", "UNPAUSE");
        }

        // The request was answered 503: the sender retries, and the retry is the first sighting, not a replay.
        assertThat(answer(() -> guard.firstSeen("t:", "delivery", window))).as("the retry after Redis resumed")
                .isTrue();
        assertThat(answer(() -> guard.firstSeen("t:", "delivery", window))).as("and a replay of it").isFalse();
    }

    /** The first answer of {@code check}, asked again while it times out (a loaded machine, not a finding). */
    private static boolean answer(java.util.concurrent.Callable<Boolean> check) {
        return Awaitility.await("an answer within the 200 ms timeout").atMost(Duration.ofSeconds(20))
                .ignoreException(ReplayGuard.Unavailable.class).until(check, answered -> true);
    }

    @Test
    void aWrongPasswordIsAnOutageWhoseMessageHoldsNoPassword() {
        ReplayGuard store = open(StoreSpec.redis(uri(":wrong-" + PASSWORD)));

        assertThatThrownBy(() -> store.firstSeen("t:", "k", Duration.ofSeconds(5)))
                .isInstanceOf(ReplayGuard.Unavailable.class)
                .hasMessageContaining("redis://***@127.0.0.1:" + redis.port())
                .hasMessageNotContaining(PASSWORD)
                .satisfies(e -> assertThat(e.getCause()).as("no cause carrying Lettuce's own message").isNull());
    }

    @Test
    void noPasswordIsAnOutageNamingRedisSRefusal() {
        ReplayGuard store = open(StoreSpec.redis("redis://127.0.0.1:" + redis.port()));

        assertThatThrownBy(() -> store.firstSeen("t:", "k", Duration.ofSeconds(5)))
                .isInstanceOf(ReplayGuard.Unavailable.class).hasMessageContaining("NOAUTH");
    }
}
