package dev.gatecheck.keys;

import java.time.Duration;

/**
 * What a remote key source knows at one moment: the last good key set, when it was fetched and how long it
 * stays fresh, and the outcome of the latest attempt. Immutable; each fetch produces a new snapshot.
 *
 * @param keys the last good keys (empty before the first success)
 * @param fetchedAtMillis when {@code keys} were fetched (clock millis), or -1 before the first success
 * @param ttl how long {@code keys} stay fresh
 * @param attemptedAtMillis when the latest fetch finished, or -1
 * @param failures consecutive failed fetches
 */
record JwksSnapshot(KeySet keys, long fetchedAtMillis, Duration ttl, long attemptedAtMillis, int failures) {
    static final JwksSnapshot NONE = new JwksSnapshot(KeySet.of(java.util.List.of()), -1, Duration.ZERO, -1, 0);

    boolean hasKeys() {
        return fetchedAtMillis >= 0;
    }

    JwksSnapshot success(KeySet newKeys, long nowMillis, Duration newTtl) {
        return new JwksSnapshot(newKeys, nowMillis, newTtl, nowMillis, 0);
    }

    JwksSnapshot failure(long nowMillis) {
        return new JwksSnapshot(keys, fetchedAtMillis, ttl, nowMillis, failures + 1);
    }

    /** True when the next fetch is due: keys expired, or after a failure the retry delay has passed. */
    boolean due(long nowMillis, Duration retryDelay) {
        if (failures > 0 || !hasKeys()) {
            return attemptedAtMillis < 0 || nowMillis - attemptedAtMillis >= retryDelay.toMillis();
        }
        return nowMillis - fetchedAtMillis >= ttl.toMillis();
    }

    /** True while {@code keys} are within their freshness. */
    boolean fresh(long nowMillis) {
        return hasKeys() && nowMillis - fetchedAtMillis < ttl.toMillis();
    }

    /** True while {@code keys} may still serve: fresh, or stale by less than {@code maxStale}. */
    boolean usable(long nowMillis, Duration maxStale) {
        return hasKeys() && nowMillis - fetchedAtMillis < ttl.toMillis() + maxStale.toMillis();
    }
}
