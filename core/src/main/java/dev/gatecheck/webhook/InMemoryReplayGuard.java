package dev.gatecheck.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.gatecheck.internal.ClockTicker;
import java.time.Clock;
import java.time.Duration;

/** Delivery ids in a bounded Caffeine cache, each kept for its window (time from the injected clock). */
final class InMemoryReplayGuard implements ReplayGuard {
    private final Cache<String, Long> seen;

    InMemoryReplayGuard(Clock clock, int maxEntries) {
        this.seen = Caffeine.newBuilder()
                .executor(Runnable::run) // upkeep on the caller: no thread outside the engine's
                .ticker(ClockTicker.of(clock))
                .maximumSize(maxEntries)
                .expireAfter(new Expiry<String, Long>() {
                    @Override
                    public long expireAfterCreate(String id, Long windowNanos, long now) {
                        return windowNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String id, Long windowNanos, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String id, Long windowNanos, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public boolean firstSeen(String namespace, String key, Duration window) {
        String id = namespace + key;
        long windowNanos = window.toNanos();
        return seen.asMap().putIfAbsent(id, windowNanos) == null;
    }
}
