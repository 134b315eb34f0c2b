package dev.gatecheck.internal.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.internal.ClockTicker;
import dev.gatecheck.internal.Memo;
import dev.gatecheck.keys.VerificationKey;
import java.time.Clock;
import java.time.Duration;

/**
 * Tokens whose signature already verified, keyed by the exact token string, so a token seen before skips the
 * signature check. Only successes are cached; time-dependent claims are still checked on every use. An entry lives
 * at most the configured TTL (at least half of it, see {@link #TTL_SPREAD}) and never past the token's {@code exp};
 * once its issuer's key set changed it serves only while the set still holds the key that verified it. Reads are
 * lock-free (Caffeine).
 */
final class VerifiedTokenCache {
    /**
     * A verified token: its issuer, the identity it proves and what it is bound to, the key that verified it and the
     * key set version it was found in, and its times ({@link ClaimRules.Times#ABSENT} when absent), which the rules
     * that depend on the time check again on every use. Nothing else of the parse is kept (no header, no second copy
     * of the token's bytes): every other rule's verdict cannot change while the entry lives. The times are fields
     * of the entry itself, so a hit on a token not read for a while follows as few references as it can.
     */
    record Entry(Object issuer, Identity identity, Memo memo, Confirmation confirmation, VerificationKey key,
                 long keyVersion, long exp, long nbf, long iat) {
        Entry(Object issuer, Identity identity, Memo memo, Confirmation confirmation, VerificationKey key,
              long keyVersion, ClaimRules.Times times) {
            this(issuer, identity, memo, confirmation, key, keyVersion, times.exp(), times.nbf(), times.iat());
        }

        long expiresAtSeconds() {
            return exp == ClaimRules.Times.ABSENT ? Long.MAX_VALUE : exp;
        }

        /** The same verification, still good under the key set of {@code version}. */
        Entry withKeyVersion(long version) {
            return new Entry(issuer, identity, memo, confirmation, key, version, exp, nbf, iat);
        }
    }

    /**
     * The exact token, hashed by its last {@value #HASHED_CHARS} characters: its signature, distinct for every token
     * the cache can hold (only verified tokens go in), so lookups need not hash the whole token ({@code
     * String.hashCode} is a serial loop over every character on JDK 17); equality still compares all of it.
     */
    private record Key(String token) {
        private static final int HASHED_CHARS = 32;

        @Override
        public int hashCode() {
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED_CHARS); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            return h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && token.equals(key.token);
        }
    }

    /**
     * Each entry lives between half the TTL and all of it (its key decides where): tokens first seen together are
     * verified again spread over half a TTL, and after one TTL the re-verifications are spread over all of it.
     * With a fixed TTL, 10,000 tokens cached in a service's first second were all verified again in one burst every
     * TTL, and in between the verifying code went cold: the load test saw the JIT recompile it on every burst.
     */
    static final double TTL_SPREAD = 0.5;

    private final Cache<Key, Entry> entries;

    private VerifiedTokenCache(Cache<Key, Entry> entries) {
        this.entries = entries;
    }

    /** A cache of at most {@code maxSize} tokens (0: no cache), each for at most {@code ttl}. */
    static VerifiedTokenCache create(int maxSize, Duration ttl, Clock clock) {
        if (maxSize == 0) {
            return new VerifiedTokenCache(null);
        }
        Cache<Key, Entry> cache = Caffeine.newBuilder()
                .executor(Runnable::run) // upkeep on the caller: no thread outside the engine's
                .maximumSize(maxSize)
                .ticker(ClockTicker.of(clock))
                .expireAfter(new CappedExpiry<Key, Entry>(ttl, TTL_SPREAD, Entry::expiresAtSeconds, clock))
                .build();
        return new VerifiedTokenCache(cache);
    }

    /** The entry for {@code token}, or null. */
    Entry get(String token) {
        return entries == null ? null : entries.getIfPresent(new Key(token));
    }

    void put(String token, Entry entry) {
        if (entries != null) {
            entries.put(new Key(token), entry);
        }
    }

    /** Drops every entry whose identity {@code covered} matches (a revocation), at once. */
    void evict(java.util.function.Predicate<Identity> covered) {
        if (entries != null) {
            entries.asMap().values().removeIf(entry -> covered.test(entry.identity()));
        }
    }

    /** How many tokens are cached (approximate), for tests and metrics. */
    long size() {
        return entries == null ? 0 : entries.estimatedSize();
    }
}
