package dev.gatecheck.internal.jwt;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Caffeine expiry for cached verdicts: an entry lives for the cache's TTL but never past the credential's own
 * expiry ({@code exp}, in seconds of {@code clock}); reading or updating it does not extend it. With a {@code spread},
 * each entry's TTL is shortened by up to that fraction, by an amount its key's hash fixes: entries made together (a
 * service's first seconds under load, a key rotation) then do not all expire in the same instant, to be made again
 * in one burst, every TTL, for as long as the service runs.
 */
final class CappedExpiry<K, V> implements Expiry<K, V> {
    /** Keeps seconds-to-nanos arithmetic from overflowing. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 2_000_000_000L;

    private final long ttlNanos;
    private final double spread;
    private final ToLongFunction<V> expiresAtSeconds;
    private final Clock clock;

    /** Entries live exactly {@code ttl} (or to their {@code exp}). */
    CappedExpiry(Duration ttl, ToLongFunction<V> expiresAtSeconds, Clock clock) {
        this(ttl, 0, expiresAtSeconds, clock);
    }

    /** Entries live between {@code (1 - spread) * ttl} and {@code ttl} (or to their {@code exp}). */
    CappedExpiry(Duration ttl, double spread, ToLongFunction<V> expiresAtSeconds, Clock clock) {
        if (!(spread >= 0 && spread < 1)) {
            throw new IllegalArgumentException("spread must be in [0, 1), not " + spread);
        }
        this.ttlNanos = ttl.toNanos();
        this.spread = spread;
        this.expiresAtSeconds = expiresAtSeconds;
        this.clock = clock;
    }

    @Override
    public long expireAfterCreate(K key, V value, long now) {
        long remaining = Math.max(0, Math.min(expiresAtSeconds.applyAsLong(value) - clock.millis() / 1000,
                MAX_SECONDS));
        return Math.min(ttlNanos - (long) (ttlNanos * spread * share(key)), TimeUnit.SECONDS.toNanos(remaining));
    }

    /** A fraction in [0, 1) fixed by {@code key}'s hash (mixed, so that close hashes land far apart). */
    private static double share(Object key) {
        long mixed = key.hashCode() * 0x9E3779B97F4A7C15L;
        return (mixed >>> 11) * 0x1.0p-53;
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
