package dev.gatecheck.webhook;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers what a request may carry only once (a webhook delivery, a DPoP proof's {@code jti}), so a captured
 * request cannot be replayed within its window. The default is per instance ({@link #inMemory}); several instances
 * behind a load balancer need one shared store.
 */
@FunctionalInterface
public interface ReplayGuard {

    /**
     * Records {@code key} in {@code namespace} ({@code webhook:<route>:}, {@code dpop:}) for {@code window} and
     * answers whether this is its first sighting. Must be atomic: of two concurrent calls with one key, only one
     * sees {@code true}. A shared store keeps a hash of the key, never the key itself.
     *
     * @throws Unavailable when the store cannot answer now (an outage: the request is refused with 503, or let
     *                     through with a warning where the configuration says so)
     */
    boolean firstSeen(String namespace, String key, Duration window);

    /** A guard for one instance in a bounded Caffeine cache, at most {@code maxEntries} keys, time from {@code clock}. */
    static ReplayGuard inMemory(Clock clock, int maxEntries) {
        return new InMemoryReplayGuard(clock, maxEntries);
    }

    /** The store cannot answer now; the message says why without a key or a secret. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
