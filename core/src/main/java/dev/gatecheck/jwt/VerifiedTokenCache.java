package dev.gatecheck.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.gatecheck.Identity;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tokens whose signature already verified, keyed by the exact token string, so a token seen before skips the
 * signature check. Only successes are cached; time-dependent claims are still checked on every use. An entry lives
 * at most the configured TTL and never past the token's {@code exp}, and it is ignored once its issuer's key set
 * changed. Reads are lock-free (Caffeine).
 */
final class VerifiedTokenCache {
    /** A verified token: the parse, its issuer, the identity it proves, and the key set version it was checked with. */
    record Entry(ParsedToken token, Object issuer, Identity identity, long keyVersion, long expiresAtSeconds) {
    }

    private final Cache<String, Entry> entries;

    private VerifiedTokenCache(Cache<String, Entry> entries) {
        this.entries = entries;
    }

    /** A cache of at most {@code maxSize} tokens (0: no cache), each for at most {@code ttl}. */
    static VerifiedTokenCache create(int maxSize, Duration ttl, Clock clock) {
        if (maxSize == 0) {
            return new VerifiedTokenCache(null);
        }
        long ttlNanos = ttl.toNanos();
        Cache<String, Entry> cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String token, Entry entry, long now) {
                        long untilExp = TimeUnit.SECONDS.toNanos(Math.max(0,
                                Math.min(entry.expiresAtSeconds() - clock.millis() / 1000, Long.MAX_VALUE / 2_000_000_000L)));
                        return Math.min(ttlNanos, untilExp);
                    }

                    @Override
                    public long expireAfterUpdate(String token, Entry entry, long now, long current) {
                        return expireAfterCreate(token, entry, now);
                    }

                    @Override
                    public long expireAfterRead(String token, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .build();
        return new VerifiedTokenCache(cache);
    }

    /** The entry for {@code token}, or null. */
    Entry get(String token) {
        return entries == null ? null : entries.getIfPresent(token);
    }

    void put(String token, Entry entry) {
        if (entries != null) {
            entries.put(token, entry);
        }
    }

    /** How many tokens are cached (approximate), for tests and metrics. */
    long size() {
        return entries == null ? 0 : entries.estimatedSize();
    }
}
