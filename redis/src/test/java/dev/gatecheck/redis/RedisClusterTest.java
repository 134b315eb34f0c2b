package dev.gatecheck.redis;

import static dev.gatecheck.redis.GithubDeliveries.deliver;
import static dev.gatecheck.redis.GithubDeliveries.fresh;
import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.testing.LocalProcesses;
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
 * A real Redis Cluster of three masters on loopback, each owning a third of the hash slots. Engines find it from
 * seed nodes ({@code redis-cluster://a,b}); each key goes to the node owning its slot, and first sightings stay
 * atomic across the fleet.
 */
class RedisClusterTest {
    private static final int SLOTS = 16384;

    @TempDir
    Path dir;
    private final List<RedisServer> nodes = new ArrayList<>();
    private final List<Gatecheck> engines = new ArrayList<>();

    @BeforeEach
    void startACluster() throws Exception {
        Path binary = RedisServer.binaryOrSkip();
        List<Integer> busPorts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            busPorts.add(LocalProcesses.freePort()); // not port + 10000, which may be out of range or taken
            nodes.add(RedisServer.start(binary, dir.resolve("node-" + i), "--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
                    "--cluster-port", Integer.toString(busPorts.get(i))));
        }
        for (int i = 0; i < 3; i++) {
            nodes.get(i).command("CLUSTER", "ADDSLOTSRANGE", Integer.toString(i * SLOTS / 3),
                    Integer.toString((i + 1) * SLOTS / 3 - 1));
        }
        for (int i = 1; i < 3; i++) {
            nodes.get(0).command("CLUSTER", "MEET", "127.0.0.1", Integer.toString(nodes.get(i).port()),
                    Integer.toString(busPorts.get(i)));
        }
        Awaitility.await("the cluster is up on every node").atMost(Duration.ofSeconds(30))
                .until(() -> nodes.stream().allMatch(this::clusterOk));
    }

    private boolean clusterOk(RedisServer node) {
        try {
            String info = (String) node.command("CLUSTER", "INFO");
            return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:3");
        } catch (Exception e) {
            return false;
        }
    }

    @AfterEach
    void stop() {
        engines.forEach(Gatecheck::close);
        nodes.forEach(RedisServer::close);
    }

    private Gatecheck engine() {
        Gatecheck engine = GithubDeliveries.engine("redis-cluster://127.0.0.1:" + nodes.get(0).port() + ",127.0.0.1:"
                + nodes.get(1).port(), Map.of());
        engines.add(engine);
        return engine;
    }

    @Test
    void enginesSharingTheClusterRefuseReplaysAndTheKeysSpreadOverTheNodes() throws Exception {
        Gatecheck first = engine();
        Gatecheck second = engine();
        List<byte[]> deliveries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] delivery = fresh();
            deliveries.add(delivery);
            assertAllowed(deliver(i % 2 == 0 ? first : second, delivery), "delivery " + i);
        }
        for (int i = 0; i < 30; i++) {
            assertThat(assertDenied(deliver(i % 2 == 0 ? second : first, deliveries.get(i)), 401,
                    "invalid_signature", "delivery " + i + " replayed to the other engine").detail())
                    .isEqualTo("replayed");
        }

        int total = 0;
        int nodesHolding = 0;
        for (RedisServer node : nodes) {
            int held = node.keys().size();
            total += held;
            nodesHolding += held > 0 ? 1 : 0;
        }
        assertThat(total).as("keys over the cluster, one per delivery").isEqualTo(30);
        assertThat(nodesHolding).as("nodes holding keys (30 hashed keys over 3 masters)").isGreaterThan(1);
    }

    @Test
    void thirtyTwoThreadsOverTwoEnginesSendingOneDeliveryGetExactlyOneAcceptance() throws Exception {
        List<Decision> decisions = GithubDeliveries.deliverAtOnce(List.of(engine(), engine()), fresh(), 32);

        assertThat(decisions.stream().filter(Decision.Allow.class::isInstance))
                .as("acceptances of one delivery sent 32 times at once over the cluster").hasSize(1);
    }
}
