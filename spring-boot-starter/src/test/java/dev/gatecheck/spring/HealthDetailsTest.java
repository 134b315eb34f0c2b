package dev.gatecheck.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.events.Health;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the Actuator component reads {@code Gatecheck.health()}: ready means up, DEGRADED shows in the details. */
class HealthDetailsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Health.Source source(Health.State state, int keys) {
        return new Health.Source(state, keys, Optional.of(NOW.minusSeconds(60)), Optional.of(NOW),
                Optional.of("connection failed"));
    }

    @Test
    void staleKeysServingAreUpWithStateDegraded() {
        HealthDetails details = HealthDetails.of(Health.of(NOW, Map.of("jwt", source(Health.State.DEGRADED, 2))));

        assertThat(details.up()).as("stale keys still verify tokens: the application stays ready").isTrue();
        assertThat(details.details()).containsEntry("state", "DEGRADED");
        assertThat(details.details().get("issuers")).isEqualTo(Map.of("jwt", Map.of("status", "DEGRADED", "keys", 2,
                "lastSuccess", "2025-12-31T23:59:00Z", "lastFailure", "2026-01-01T00:00:00Z",
                "cause", "connection failed")));
    }

    @Test
    void sourceWithoutUsableKeysIsDown() {
        HealthDetails details = HealthDetails.of(Health.of(NOW, Map.of("jwt", source(Health.State.UP, 1),
                "partner", source(Health.State.DOWN, 0))));

        assertThat(details.up()).as("tokens of the partner issuer get 503").isFalse();
        assertThat(details.details()).containsEntry("state", "DOWN");
    }
}
