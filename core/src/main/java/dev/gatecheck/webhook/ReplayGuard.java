package dev.gatecheck.webhook;

import java.time.Duration;

/**
 * Remembers delivery ids so a captured delivery cannot be replayed within the tolerance window. The default is
 * per instance ({@link #inMemory}); several instances behind a load balancer need a shared store (Redis, a
 * database) plugged in through this interface.
 */
@FunctionalInterface
public interface ReplayGuard {

    /**
     * Records {@code id} for {@code window} and answers whether this is its first sighting. Must be atomic:
     * of two concurrent calls with one id, only one sees {@code true}.
     */
    boolean firstSeen(String id, Duration window);

    /** A Caffeine-backed guard for one instance, bounded to {@code maxEntries} ids. */
    static ReplayGuard inMemory(java.time.Clock clock, int maxEntries) {
        return new InMemoryReplayGuard(clock, maxEntries);
    }
}
