package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.config.ConfigException;
import dev.gatecheck.testing.Http;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scenarios that deploy an application of their own: the declarative configuration through init-params, the
 * startup failure on a bad configuration, and a filter mapped to part of the application. Each container runs
 * them through a subclass.
 */
abstract class DeploymentScenarios {
    private final ServletContainer container;
    private final TestIssuer issuer = new TestIssuer();

    DeploymentScenarios(ServletContainer container) {
        this.container = container;
    }

    @Test
    void configuresTheFilterFromInitParams() throws Exception {
        String alice = "Bearer " + issuer.token("alice", "\"roles\":[\"user\"]");
        TestApplication app = TestApplication.guardedBy(new GatecheckFilter(Map.of()), issuer.keys());

        try (ServletContainer.Deployment deployment = container.deploy(app)) {
            assertThat(Http.get(deployment.uri("/api/users"), "Authorization", alice).report())
                    .containsEntry("principal", "alice");
            assertThat(Http.get(deployment.uri("/api/users")).status()).isEqualTo(401);
            assertThat(Http.get(deployment.uri("/health")).status()).isEqualTo(200);
            assertThat(Http.get(deployment.uri("/admin/users"), "Authorization", alice).status()).isEqualTo(403);
        }
    }

    @Test
    void refusesToStartWithInvalidConfiguration() throws Exception {
        Map<String, String> keys = new HashMap<>(issuer.keys());
        keys.put("gatecheck.jwt.algorithms", "none");

        Throwable failure = container.failedStartup(TestApplication.guardedBy(new GatecheckFilter(Map.of()), keys));

        assertThat(configException(failure)).hasValueSatisfying(e ->
                assertThat(e.key()).isEqualTo("gatecheck.jwt.algorithms"));
    }

    @Test
    void refusesToStartWithoutConfiguration() throws Exception {
        Throwable failure = container.failedStartup(TestApplication.guardedBy(new GatecheckFilter(Map.of())));

        assertThat(configException(failure)).hasValueSatisfying(e ->
                assertThat(e.key()).isEqualTo("gatecheck.jwt.issuer"));
    }

    @Test
    void refusesToStartWithUnknownInitParam() throws Exception {
        Map<String, String> keys = new HashMap<>(issuer.keys());
        keys.put("gatecheck.jwt.isuser", "https://typo.test");

        Throwable failure = container.failedStartup(TestApplication.guardedBy(new GatecheckFilter(Map.of()), keys));

        assertThat(configException(failure)).hasValueSatisfying(e ->
                assertThat(e.key()).isEqualTo("gatecheck.jwt.isuser"));
    }

    @Test
    void readsTheReplayStoreFromInitParamsAndRefusesRedisWithoutItsModule() throws Exception {
        Map<String, String> keys = new HashMap<>(issuer.keys());
        keys.put("gatecheck.replay.store", "redis");
        keys.put("gatecheck.replay.redis.uri", "redis://127.0.0.1:6379");

        Throwable failure = container.failedStartup(TestApplication.guardedBy(new GatecheckFilter(Map.of()), keys));

        assertThat(configException(failure)).as("gatecheck-redis is not on this class path").hasValueSatisfying(e ->
                assertThat(e.key()).isEqualTo("gatecheck.replay.store"));
    }

    @Test
    void refusesInitParamsForFilterConfiguredInCode() throws Exception {
        Throwable failure = container.failedStartup(
                TestApplication.guardedBy(new GatecheckFilter(issuer.gatecheck()), issuer.keys()));

        assertThat(causes(failure)).anySatisfy(t -> assertThat(t).hasMessageContaining("remove its init-params"));
    }

    @Test
    void hidesSpoofedHeadersOnErrorPageOfRequestGatecheckNeverSaw() throws Exception {
        TestApplication app = TestApplication.guardingApiAndErrorPages(new GatecheckFilter(issuer.gatecheck()));

        try (ServletContainer.Deployment deployment = container.deploy(app)) {
            Http.Reply reply = Http.get(deployment.uri("/unguarded/fail"), "X-User-ID", "admin",
                    "Authorization", "Bearer " + issuer.token("alice", ""));

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.report()).containsEntry("dispatcher", "ERROR")
                    .containsEntry("principal", "null")
                    .containsEntry("x-user-id", "null")
                    .containsEntry("authorization", "null");
        }
    }

    private static Optional<ConfigException> configException(Throwable failure) {
        return causes(failure).stream().filter(ConfigException.class::isInstance)
                .map(ConfigException.class::cast).findFirst();
    }

    /** {@code failure}, its causes and suppressed exceptions, depth first. */
    private static java.util.List<Throwable> causes(Throwable failure) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.push(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (all.contains(t)) {
                continue;
            }
            all.add(t);
            for (Throwable s : t.getSuppressed()) {
                todo.push(s);
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
        }
        return all;
    }
}
