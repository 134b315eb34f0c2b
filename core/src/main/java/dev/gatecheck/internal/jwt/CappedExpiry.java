package dev.gatecheck.internal.jwt;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Caffeine expiry for cached verdicts: an entry lives for the cache's TTL but never past the credential's own
 * expiry ({@code exp}, in seconds of {@code clock}); reading or updating it does not extend it.
 */
final class CappedExpiry<K, V> implements Expiry<K, V> {
    /** Keeps seconds-to-nanos arithmetic from overflowing. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 2_000_000_000L;

    private final long ttlNanos;
    private final ToLongFunction<V> expiresAtSeconds;
    private final Clock clock;

    CappedExpiry(Duration ttl, ToLongFunction<V> expiresAtSeconds, Clock clock) {
        this.ttlNanos = ttl.toNanos();
        this.expiresAtSeconds = expiresAtSeconds;
        this.clock = clock;
    }

    @Override
    public long expireAfterCreate(K key, V value, long now) {
        long remaining = Math.max(0, Math.min(expiresAtSeconds.applyAsLong(value) - clock.millis() / 1000,
                MAX_SECONDS));
        return Math.min(ttlNanos, TimeUnit.SECONDS.toNanos(remaining));
    }

    /** An update (the same verdict stored again, or renewed after a key rotation) does not extend the entry. */
    @Override
    public long expireAfterUpdate(K key, V value, long now, long current) {
        return Math.min(current, expireAfterCreate(key, value, now));
    }

    @Override
    public long expireAfterRead(K key, V value, long now, long current) {
        return current;
    }
}
