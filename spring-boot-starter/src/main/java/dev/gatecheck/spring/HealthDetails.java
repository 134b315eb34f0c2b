package dev.gatecheck.spring;

import dev.gatecheck.events.Health;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the Actuator health component says of {@code Gatecheck.health()}, in either Spring Boot generation: up unless
 * the engine is not ready (a key source without usable keys), and the state of each key source.
 */
record HealthDetails(boolean up, Map<String, Object> details) {

    static HealthDetails of(Health health) {
        Map<String, Object> sources = new LinkedHashMap<>();
        health.sources().forEach((name, source) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", source.state().name());
            detail.put("keys", source.keys());
            detail.put("lastSuccess", text(source.lastSuccess()));
            detail.put("lastFailure", text(source.lastFailure()));
            source.cause().ifPresent(cause -> detail.put("cause", cause));
            sources.put(name, detail);
        });
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", health.state().name());
        details.put("issuers", sources);
        return new HealthDetails(health.ready(), details);
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse("never");
    }
}
