package dev.gatecheck.keys;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.gatecheck.events.Health;
import dev.gatecheck.internal.ClockTicker;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.internal.HttpFetch;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from a remote JWKS (a URL or OIDC discovery), cached with Caffeine so requests never wait on a
 * refresh once keys are loaded:
 * <ul>
 *   <li>one fetch at a time per source, shared by the first load, background refreshes and unknown-{@code kid}
 *       refetches;</li>
 *   <li>freshness from {@code Cache-Control: max-age} clamped to [1 min, 24 h], else the configured TTL;</li>
 *   <li>an unknown {@code kid} causes at most one refetch per cooldown; requests wait for it at most a short bound,
 *       and kids still unknown afterwards are remembered for a cooldown (a negative cache);</li>
 *   <li>a failed refresh keeps the last good keys up to {@code max-stale} after they expire; without usable keys
 *       lookups answer {@link KeyLookup.Unavailable} (503) after waiting (at most the short bound) for a fetch in
 *       flight;</li>
 *   <li>while keys are stale or missing, {@link #retryIfDue()} (which the engine's scheduler calls every
 *       {@code min(cooldown, 10s)}) fetches again, so the source recovers without any request.</li>
 * </ul>
 * Time (freshness, cooldown, staleness) follows the injected {@link Clock}, which also drives Caffeine's ticker.
 */
final class JwksKeySource implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);
    private static final String ENTRY = "jwks";
    private static final Duration MIN_TTL = Duration.ofMinutes(1);
    private static final Duration MAX_TTL = Duration.ofHours(24);
    /** How often Caffeine asks whether a fetch is due; the answer itself is cheap. */
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    /** No unknown-kid refetch yet: the first one may start at once. */
    private static final KidRefetch NO_KID_REFETCH = new KidRefetch(Long.MIN_VALUE,
            CompletableFuture.completedFuture(JwksSnapshot.NONE));

    private final JwksLocation location;
    private final HttpFetch fetch;
    private final Set<SignatureAlgorithm> allowed;
    private final Clock clock;
    private final Duration defaultTtl;
    private final Duration cooldown;
    private final Duration maxStale;
    private final Duration retryDelay;
    private final Duration maxWait;
    private final AsyncLoadingCache<String, JwksSnapshot> cache;
    private final Cache<String, Boolean> unknownKids;
    private final AtomicReference<CompletableFuture<JwksSnapshot>> inFlight = new AtomicReference<>();
    private final AtomicReference<KidRefetch> kidRefetch = new AtomicReference<>(NO_KID_REFETCH);
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong version = new AtomicLong();
    private final SourceState state;
    private volatile JwksSnapshot latest = JwksSnapshot.NONE;

    private record KidRefetch(long startedAtMillis, CompletableFuture<JwksSnapshot> done) {
    }

    private JwksKeySource(Builder b) {
        this.fetch = HttpFetch.on(Objects.requireNonNull(b.resources, "resources"), b.timeout);
        this.location = b.issuerForDiscovery != null ? JwksLocation.discovered(b.issuerForDiscovery, fetch)
                : JwksLocation.fixed(b.uri);
        this.allowed = Set.copyOf(b.allowed);
        this.clock = b.clock;
        this.defaultTtl = b.ttl;
        this.cooldown = b.cooldown;
        this.maxStale = b.maxStale;
        this.retryDelay = b.cooldown.compareTo(Duration.ofSeconds(10)) < 0 ? b.cooldown : Duration.ofSeconds(10);
        this.maxWait = b.maxWait;
        this.state = b.state != null ? b.state : SourceState.unobserved(clock);
        Ticker ticker = ClockTicker.of(clock);
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(b.resources.executor())
                .refreshAfterWrite(CHECK_INTERVAL)
                .buildAsync(new AsyncCacheLoader<String, JwksSnapshot>() {
                    @Override
                    public CompletableFuture<JwksSnapshot> asyncLoad(String key, Executor executor) {
                        return fetchShared();
                    }

                    @Override
                    public CompletableFuture<JwksSnapshot> asyncReload(String key, JwksSnapshot old, Executor executor) {
                        JwksSnapshot newest = latest;
                        return newest.due(clock.millis(), retryDelay) ? fetchShared()
                                : CompletableFuture.completedFuture(newest);
                    }
                });
        this.unknownKids = Caffeine.newBuilder().executor(Runnable::run).ticker(ticker).expireAfterWrite(cooldown)
                .maximumSize(10_000).build();
        cache.get(ENTRY); // start the first load now, not on the first request
    }

    /** A source reading the JWKS at {@code uri}. */
    public static Builder forUri(java.net.URI uri) {
        return new Builder(uri, null);
    }

    /** A source finding its JWKS by OIDC discovery of {@code issuer}. */
    public static Builder forDiscovery(String issuer) {
        return new Builder(null, issuer);
    }

    @Override
    public KeyLookup find(Optional<String> kid, SignatureAlgorithm algorithm) {
        JwksSnapshot snapshot = current();
        if (!snapshot.usable(clock.millis(), maxStale)) {
            snapshot = afterFetchInFlight();
        }
        if (!snapshot.usable(clock.millis(), maxStale)) {
            return new KeyLookup.Unavailable(snapshot.hasKeys() ? "keys_too_stale" : "no_keys", retryDelay);
        }
        KeyLookup lookup = snapshot.keys().find(kid, algorithm);
        if (kid.isPresent() && lookup instanceof KeyLookup.Missing missing && missing.reason().equals("unknown_key")) {
            return findAfterRefetch(kid.get(), algorithm);
        }
        return lookup;
    }

    @Override
    public long version() {
        return version.get();
    }

    /** How many fetches this source has started (for tests and health checks). */
    public long fetchCount() {
        return fetches.get();
    }

    /** When the current keys were fetched (clock millis), if any were. */
    public Optional<Long> lastSuccessMillis() {
        JwksSnapshot s = latest;
        return s.hasKeys() ? Optional.of(s.fetchedAtMillis()) : Optional.empty();
    }

    /** {@code UP} while keys are fresh, {@code DEGRADED} while stale keys serve, {@code DOWN} without usable keys. */
    @Override
    public Optional<Health.Source> health() {
        JwksSnapshot snapshot = latest;
        long now = clock.millis();
        if (!snapshot.usable(now, maxStale)) {
            return Optional.of(state.health(Health.State.DOWN, 0));
        }
        return Optional.of(state.health(snapshot.fresh(now) ? Health.State.UP : Health.State.DEGRADED,
                snapshot.keys().keys().size()));
    }

    /**
     * Fetches again when a fetch is due (keys past their freshness, or the retry delay passed since a failure), so
     * that a source without fresh keys recovers with no request; the engine's scheduler calls it every
     * {@link #retryDelay()}.
     */
    void retryIfDue() {
        if (latest.due(clock.millis(), retryDelay)) {
            fetchShared();
        }
    }

    /** How often {@link #retryIfDue()} should run: {@code min(cooldown, 10s)}. */
    Duration retryDelay() {
        return retryDelay;
    }

    /** The keys after the fetch in flight, waited for at most the short bound; the current ones if none is. */
    private JwksSnapshot afterFetchInFlight() {
        CompletableFuture<JwksSnapshot> running = inFlight.get();
        if (running != null && !running.isDone()) {
            await(running);
        }
        return latest;
    }

    private JwksSnapshot current() {
        CompletableFuture<JwksSnapshot> entry = cache.get(ENTRY); // also schedules a refresh check when due
        JwksSnapshot snapshot = latest;
        if (snapshot.attemptedAtMillis() < 0) {
            await(entry); // the very first load: the only time a request waits on the network
            snapshot = latest;
        }
        return snapshot;
    }

    private KeyLookup findAfterRefetch(String kid, SignatureAlgorithm algorithm) {
        if (unknownKids.getIfPresent(kid) != null) {
            return new KeyLookup.Missing("unknown_key");
        }
        CompletableFuture<JwksSnapshot> refetch = kidRefetch();
        await(refetch);
        JwksSnapshot snapshot = latest;
        if (!refetch.isDone()) {
            return new KeyLookup.Missing("unknown_key"); // waited the bound; the fetch goes on in the background
        }
        KeyLookup lookup = snapshot.keys().find(Optional.of(kid), algorithm);
        if (lookup instanceof KeyLookup.Missing missing && missing.reason().equals("unknown_key")) {
            unknownKids.put(kid, Boolean.TRUE);
        }
        return lookup;
    }

    /** The refetch for an unknown kid: a new one at most once per cooldown, else the latest one. */
    private CompletableFuture<JwksSnapshot> kidRefetch() {
        while (true) {
            KidRefetch current = kidRefetch.get();
            long now = clock.millis();
            // (now - Long.MIN_VALUE overflows to a negative number, so "never" must be tested on its own)
            if (current != NO_KID_REFETCH && now - current.startedAtMillis < cooldown.toMillis()) {
                return current.done;
            }
            CompletableFuture<JwksSnapshot> gate = new CompletableFuture<>();
            if (kidRefetch.compareAndSet(current, new KidRefetch(now, gate))) {
                fetchShared().whenComplete((snapshot, error) -> gate.complete(latest));
                return gate;
            }
        }
    }

    /** The fetch in flight, or a new one: never more than one at a time. Never fails. */
    private CompletableFuture<JwksSnapshot> fetchShared() {
        while (true) {
            CompletableFuture<JwksSnapshot> running = inFlight.get();
            if (running != null && !running.isDone()) {
                return running;
            }
            CompletableFuture<JwksSnapshot> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(running, mine)) {
                fetches.incrementAndGet();
                location.resolve()
                        .thenCompose(fetch::get)
                        .handle((response, error) -> error == null ? accept(response) : fail(error))
                        .whenComplete((snapshot, error) -> mine.complete(snapshot != null ? snapshot : latest));
                return mine;
            }
        }
    }

    private JwksSnapshot accept(HttpFetch.Response response) {
        LoadedKeys loaded;
        try {
            loaded = VerificationKeys.fromJwks(response.body(), allowed);
        } catch (IllegalArgumentException e) {
            return fail(new HttpFetch.FetchException("not a JWKS: " + e.getMessage()));
        }
        if (!loaded.dropped().isEmpty()) {
            LOG.warn("JWKS {}: dropped {} key(s): {}", location.describe(), loaded.dropped().size(),
                    String.join("; ", loaded.dropped()));
        }
        if (loaded.keys().isEmpty()) {
            return fail(new HttpFetch.FetchException("no usable key in the set"));
        }
        Duration ttl = response.maxAge().map(JwksKeySource::clamp).orElse(defaultTtl);
        JwksSnapshot previous = latest;
        JwksSnapshot next = previous.success(loaded.keys(), clock.millis(), ttl);
        if (!loaded.keys().sameKeys(previous.keys())) {
            version.incrementAndGet();
        }
        latest = next;
        state.loaded(loaded.keys().kids(), loaded.keys().keys().size());
        if (!previous.hasKeys() || previous.failures() > 0) {
            LOG.info("JWKS {}: {} key(s) loaded, fresh for {}", location.describe(), loaded.keys().keys().size(), ttl);
        }
        return next;
    }

    private JwksSnapshot fail(Throwable error) {
        Throwable cause = error.getCause() != null && !(error instanceof HttpFetch.FetchException) ? error.getCause() : error;
        String reason = cause instanceof HttpFetch.FetchException ? cause.getMessage()
                : cause.getClass().getSimpleName();
        JwksSnapshot previous = latest;
        JwksSnapshot next = previous.failure(clock.millis());
        latest = next;
        state.failed(error, next.usable(clock.millis(), maxStale) ? next.keys().keys().size() : 0);
        if (previous.hasKeys()) {
            LOG.warn("JWKS {}: fetch failed ({}); serving keys fetched {}s ago", location.describe(), reason,
                    (clock.millis() - previous.fetchedAtMillis()) / 1000);
        } else {
            LOG.warn("JWKS {}: fetch failed ({}); no keys yet, requests get 503 until a fetch succeeds",
                    location.describe(), reason);
        }
        return next;
    }

    private void await(CompletableFuture<JwksSnapshot> future) {
        try {
            future.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // answered from what is known now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration clamp(Duration maxAge) {
        return maxAge.compareTo(MIN_TTL) < 0 ? MIN_TTL : maxAge.compareTo(MAX_TTL) > 0 ? MAX_TTL : maxAge;
    }

    /** Builds a {@link JwksKeySource} with the documented defaults. */
    public static final class Builder {
        private final java.net.URI uri;
        private final String issuerForDiscovery;
        private Set<SignatureAlgorithm> allowed = Set.of(SignatureAlgorithm.values());
        private Clock clock = Clock.systemUTC();
        private Duration ttl = Duration.ofMinutes(10);
        private Duration cooldown = Duration.ofSeconds(30);
        private Duration maxStale = Duration.ofHours(24);
        private Duration timeout = Duration.ofSeconds(3);
        private Duration maxWait = Duration.ofSeconds(1);
        private EngineResources resources;
        private SourceState state;

        private Builder(java.net.URI uri, String issuerForDiscovery) {
            this.uri = uri;
            this.issuerForDiscovery = issuerForDiscovery;
        }

        public Builder algorithms(Set<SignatureAlgorithm> allowed) {
            this.allowed = allowed;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Freshness without {@code Cache-Control: max-age}. */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** At most one unknown-{@code kid} refetch per this interval. */
        public Builder refreshCooldown(Duration cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /** How long expired keys keep serving while fetches fail. */
        public Builder maxStale(Duration maxStale) {
            this.maxStale = maxStale;
            return this;
        }

        /** Connect and overall timeout of one fetch. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The engine's HTTP client and threads, which fetches and reloads run on (required). */
        public Builder resources(EngineResources resources) {
            this.resources = resources;
            return this;
        }

        /** Where the source records its fetches for health and events (default: heard by nobody). */
        Builder state(SourceState state) {
            this.state = state;
            return this;
        }

        /** The longest a request waits for a fetch (first load, unknown kid). */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = maxWait;
            return this;
        }

        /**
         * Starts the source: the first fetch begins at once, in the background.
         *
         * @throws IllegalArgumentException when the URL is not https (or http to a loopback host)
         */
        public JwksKeySource build() {
            return new JwksKeySource(this);
        }
    }
}
