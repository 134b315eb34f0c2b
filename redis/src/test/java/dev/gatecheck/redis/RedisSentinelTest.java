package dev.gatecheck.redis;

import static dev.gatecheck.redis.GithubDeliveries.deliver;
import static dev.gatecheck.redis.GithubDeliveries.fresh;
import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.testing.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis behind Sentinel, all real: a master, its replica and one Sentinel on loopback. The engine finds the master
 * through Sentinel ({@code redis-sentinel://...#mymaster}) and, after a failover, writes to the new master without
 * a restart; what the old master had replicated is still remembered.
 */
class RedisSentinelTest {
    private static final String MASTER = "mymaster";

    @TempDir
    Path dir;
    private RedisServer master;
    private RedisServer replica;
    private RedisServer sentinel;
    private Gatecheck engine;

    @BeforeEach
    void startMasterReplicaAndSentinel() throws Exception {
        Path binary = RedisServer.binaryOrSkip();
        master = RedisServer.start(binary, dir.resolve("master"));
        replica = RedisServer.start(binary, dir.resolve("replica"), "--replicaof", "127.0.0.1",
                Integer.toString(master.port()));
        Awaitility.await("the replica in sync").atMost(Duration.ofSeconds(20))
                .until(() -> ((String) replica.command("INFO", "replication")).contains("master_link_status:up"));
        sentinel = RedisServer.sentinel(binary, dir.resolve("sentinel"), MASTER, master.port());
        Awaitility.await("the Sentinel knows the replica").atMost(Duration.ofSeconds(30))
                .until(() -> !((List<?>) sentinel.command("SENTINEL", "REPLICAS", MASTER)).isEmpty());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        for (RedisServer server : new RedisServer[] {sentinel, replica, master}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void theEngineFollowsTheMasterThroughAFailover() throws Exception {
        engine = GithubDeliveries.engine("redis-sentinel://127.0.0.1:" + sentinel.port() + "#" + MASTER, Map.of());
        byte[] before = fresh();
        assertAllowed(deliver(engine, before), "a delivery before the failover");
        assertThat(master.keys()).as("written to the master Sentinel named").hasSize(1);
        master.command("WAIT", "1", "5000"); // replicated before the master steps down

        // NOGOODSLAVE until Sentinel has the replica's INFO: ask again, within a bound.
        Awaitility.await("Sentinel starts the failover").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> "OK".equals(sentinel.command("SENTINEL", "FAILOVER", MASTER)));
        Awaitility.await("Sentinel names the replica as master").atMost(Duration.ofSeconds(30))
                .until(() -> Integer.toString(replica.port()).equals(
                        ((List<?>) sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER)).get(1)));

        // Replication is asynchronous: a write the old master takes before it steps down is lost (README).
        Awaitility.await("the old master steps down").atMost(Duration.ofSeconds(30))
                .until(() -> ((String) master.command("INFO", "replication")).contains("role:slave"));

        byte[] after = fresh();
        Awaitility.await("a delivery accepted after the failover").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> deliver(engine, after) instanceof Decision.Allow);
        assertThat(((String) replica.command("INFO", "replication"))).as("the former replica")
                .contains("role:master");
        assertThat(replica.keys()).as("the new master holds both deliveries").hasSize(2);
        assertThat(assertDenied(deliver(engine, before), 401, "invalid_signature",
                "the delivery accepted before the failover").detail()).isEqualTo("replayed");
    }
}
