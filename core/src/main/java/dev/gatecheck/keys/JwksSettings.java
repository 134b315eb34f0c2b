package dev.gatecheck.keys;

import java.time.Duration;
import java.util.Objects;

/**
 * How remote key sets are fetched and cached ({@code gatecheck.jwks.*}).
 *
 * @param ttl refresh interval without {@code Cache-Control: max-age}
 * @param refreshCooldown at most one refetch per this interval for an unknown {@code kid}
 * @param maxStale how long last-good keys serve while the endpoint fails
 * @param timeout connect and read timeout of one fetch
 */
public record JwksSettings(Duration ttl, Duration refreshCooldown, Duration maxStale, Duration timeout) {
    /** The documented defaults: 10m, 30s, 24h, 3s. */
    public static final JwksSettings DEFAULTS = new JwksSettings(Duration.ofMinutes(10), Duration.ofSeconds(30),
            Duration.ofHours(24), Duration.ofSeconds(3));

    public JwksSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(refreshCooldown, "refreshCooldown");
        Objects.requireNonNull(maxStale, "maxStale");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** These settings with {@code ttl}. */
    public JwksSettings withTtl(Duration ttl) {
        return new JwksSettings(ttl, refreshCooldown, maxStale, timeout);
    }

    /** These settings with {@code refreshCooldown}. */
    public JwksSettings withRefreshCooldown(Duration refreshCooldown) {
        return new JwksSettings(ttl, refreshCooldown, maxStale, timeout);
    }

    /** These settings with {@code maxStale}. */
    public JwksSettings withMaxStale(Duration maxStale) {
        return new JwksSettings(ttl, refreshCooldown, maxStale, timeout);
    }

    /** These settings with {@code timeout}. */
    public JwksSettings withTimeout(Duration timeout) {
        return new JwksSettings(ttl, refreshCooldown, maxStale, timeout);
    }
}
