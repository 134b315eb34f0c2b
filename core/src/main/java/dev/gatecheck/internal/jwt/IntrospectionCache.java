package dev.gatecheck.internal.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.internal.ClockTicker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Introspection answers by {@link TokenHash}, never by token. Active answers live until the earlier of their
 * {@code exp} and the cache TTL; inactive ones only the negative TTL, in a cache of their own, so a flood of garbage
 * tokens costs one call each per negative TTL and never evicts an active answer. Failures are not kept. Concurrent
 * requests with one new token share one call (the in-flight map holds only calls under way, each bounded by the
 * client's timeout). Time follows the engine clock.
 */
final class IntrospectionCache {
    private final Cache<TokenHash, Introspected.Active> active;
    private final Cache<TokenHash, Introspected> inactive;
    private final ConcurrentMap<TokenHash, CompletableFuture<Introspected>> inFlight = new ConcurrentHashMap<>();

    /** Up to {@code maxSize} answers of each kind; a zero TTL keeps none of that kind. */
    IntrospectionCache(Duration activeTtl, Duration negativeTtl, int maxSize, Clock clock) {
        this.active = activeTtl.isZero() || maxSize == 0 ? null : Caffeine.newBuilder()
                .executor(Runnable::run) // upkeep on the caller: no thread outside the engine's
                .ticker(ClockTicker.of(clock))
                .maximumSize(maxSize)
                .expireAfter(new CappedExpiry<TokenHash, Introspected.Active>(activeTtl,
                        Introspected.Active::expiresAtSeconds, clock))
                .build();
        this.inactive = negativeTtl.isZero() || maxSize == 0 ? null : Caffeine.newBuilder()
                .executor(Runnable::run)
                .ticker(ClockTicker.of(clock))
                .maximumSize(maxSize)
                .expireAfterWrite(negativeTtl)
                .build();
    }

    /**
     * Stops sharing {@code call} for {@code key} with later requests: its caller gave up waiting, so the next
     * request asks the endpoint again instead of joining a call that has already taken too long.
     */
    void abandon(TokenHash key, CompletableFuture<Introspected> call) {
        inFlight.remove(key, call);
    }

    /** The cached answer for {@code key}, else the one {@code call} gives, shared with concurrent requests. */
    CompletableFuture<Introspected> get(TokenHash key, Supplier<CompletableFuture<Introspected>> call) {
        Introspected known = cached(key);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<Introspected> mine = new CompletableFuture<>();
        CompletableFuture<Introspected> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        // A call that finished between the look-up and putIfAbsent cached its answer before leaving the map.
        known = cached(key);
        if (known != null) {
            inFlight.remove(key, mine);
            mine.complete(known);
            return mine;
        }
        CompletableFuture<Introspected> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((result, failure) -> {
            if (result != null) {
                remember(key, result);
            }
            inFlight.remove(key, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(result);
            }
        });
        return mine;
    }

    /** Drops every active answer whose identity {@code covered} matches (a revocation), at once. */
    void evict(Predicate<Identity> covered) {
        if (active != null) {
            active.asMap().values().removeIf(entry -> covered.test(entry.identity()));
        }
    }

    /** How many answers of each kind are cached (approximate), for tests. */
    long size(boolean activeOnes) {
        Cache<TokenHash, ?> cache = activeOnes ? active : inactive;
        return cache == null ? 0 : cache.estimatedSize();
    }

    private Introspected cached(TokenHash key) {
        Introspected hit = active == null ? null : active.getIfPresent(key);
        return hit != null || inactive == null ? hit : inactive.getIfPresent(key);
    }

    private void remember(TokenHash key, Introspected result) {
        if (result instanceof Introspected.Active answer && active != null) {
            active.put(key, answer);
        } else if (result instanceof Introspected.Inactive && inactive != null) {
            inactive.put(key, result);
        }
    }
}
