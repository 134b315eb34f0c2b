package dev.gatecheck.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.examples.DemoWebhook;
import dev.gatecheck.examples.PrintedWebhookLine;
import dev.gatecheck.testing.LocalProcesses;
import dev.gatecheck.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servlet demo pointed at a Redis by its variables ({@code GATECHECK_REPLAY_STORE=redis},
 * {@code GATECHECK_REPLAY_REDIS_URI}), as README "Running several instances" shows: deliveries are remembered in a
 * real {@code redis-server} started here, and a Redis that is down answers 503, not a failed start.
 */
class ServletDemoReplayStoreTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final byte[] BODY = "{\"action\":\"opened\",\"number\":17}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void remembersDeliveriesInTheRedisItsVariablesNameAndClosesTheConnectionWhenItStops() throws Exception {
        try (RedisServer redis = RedisServer.start(RedisServer.binaryOrSkip(), dir.resolve("redis"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // 5 s rather than 250 ms: a loaded CI machine must not turn a pause into a 503.
            ServletDemo demo = ServletDemo.start(Map.of("PORT", "0", "GATECHECK_REPLAY_STORE", "redis",
                    "GATECHECK_REPLAY_REDIS_URI", redis.uri(), "GATECHECK_REPLAY_REDIS_TIMEOUT", "5s"),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                String signature = PrintedWebhookLine.in(out.toString(StandardCharsets.UTF_8)).signature(BODY);

                assertThat(deliver(demo, signature).statusCode()).as("the delivery").isEqualTo(200);
                assertThat(redis.keys()).as("what Redis holds: the route's namespace and a SHA-256")
                        .singleElement().asString().matches("gatecheck:webhook:" + DemoWebhook.ROUTE + ":[0-9a-f]{64}");
                HttpResponse<String> replayed = deliver(demo, signature);
                assertThat(replayed.statusCode()).as("the same delivery again").isEqualTo(401);
                assertThat(replayed.body()).isEqualTo("{\"error\":\"invalid_signature\",\"detail\":\"replayed\"}");
            } finally {
                demo.close();
            }
            Awaitility.await("the demo's Redis connection closed with it").atMost(Duration.ofSeconds(10))
                    .until(() -> ((String) redis.command("CLIENT", "LIST")).lines().count() == 1);
        }
    }

    @Test
    void startsWhileRedisIsDownAndAnswersDeliveries503WithRetryAfter() throws Exception {
        int nothingListens = LocalProcesses.freePort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ServletDemo demo = ServletDemo.start(Map.of("PORT", "0", "GATECHECK_REPLAY_STORE", "redis",
                "GATECHECK_REPLAY_REDIS_URI", "redis://127.0.0.1:" + nothingListens),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String signature = PrintedWebhookLine.in(out.toString(StandardCharsets.UTF_8)).signature(BODY);

            HttpResponse<String> answer = deliver(demo, signature);

            assertThat(answer.statusCode()).as("a delivery while Redis is down").isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as("Retry-After").isPresent();
            assertThat(answer.body()).contains("auth_unavailable");
        }
    }

    @Test
    void refusesToStartWithAReplayStoreUriThatIsWrongNamingTheKey() {
        assertThatThrownBy(() -> ServletDemo.start(Map.of("PORT", "0", "GATECHECK_REPLAY_STORE", "redis",
                "GATECHECK_REPLAY_REDIS_URI", "http://:s3cret@127.0.0.1:6379"), new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(ServletDemo.DemoException.class)
                .hasMessageContaining("gatecheck.replay.redis.uri")
                .hasMessageNotContaining("s3cret");
    }

    private static HttpResponse<String> deliver(ServletDemo demo, String signature) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(demo.uri().resolve(DemoWebhook.PATH))
                .timeout(Duration.ofSeconds(30))
                .header("X-Hub-Signature-256", signature)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
