package dev.gatecheck.spring;

import dev.gatecheck.Gatecheck;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code Gatecheck.health()} as the Actuator health component {@code gatecheck} (Spring Boot 4): {@code DOWN} when a
 * key source has no usable keys (its tokens get 503), else {@code UP}; the details give each key source's state,
 * keys and last fetches, and {@code state} is {@code DEGRADED} while stale keys serve.
 */
final class GatecheckHealthIndicator implements HealthIndicator {
    private final Gatecheck gatecheck;

    GatecheckHealthIndicator(Gatecheck gatecheck) {
        this.gatecheck = gatecheck;
    }

    @Override
    public Health health() {
        HealthDetails details = HealthDetails.of(gatecheck.health());
        return (details.up() ? Health.up() : Health.down()).withDetails(details.details()).build();
    }
}
