package dev.gatecheck.keys;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatecheck.events.Health;
import dev.gatecheck.internal.ClockTicker;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.internal.HttpFetch;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys published one per {@code kid} as PEM at a URL template (AWS ALB:
 * {@code https://public-keys.auth.elb.<region>.amazonaws.com/<kid>}). The {@code kid} must look like an id
 * (letters, digits, {@code -}, at most 64) before it goes into a URL; keys are cached by kid (Caffeine, bounded),
 * failures are remembered for a minute, and a request waits at most a short bound. Fetches of all kids share one
 * budget ({@value #FETCH_BURST} at once, one more every {@value #FETCH_INTERVAL_SECONDS} seconds): a flood of made-up
 * kids costs a few fetches a minute, and a kid not cached while the budget is spent answers 503 without a fetch.
 */
final class PemByKidKeySource implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(PemByKidKeySource.class);
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** How long a failed fetch (no answer, or an answer other than 403/404) is remembered and answered 503. */
    private static final Duration OUTAGE_RETRY = Duration.ofSeconds(5);
    /** Fetches allowed at once across all kids; ALB rotates through few kids, so legitimate traffic needs few. */
    static final int FETCH_BURST = 10;
    /** One more fetch is allowed each this many seconds. */
    static final int FETCH_INTERVAL_SECONDS = 6;

    private final String template;
    private final SignatureAlgorithm algorithm;
    private final HttpFetch fetch;
    private final Duration maxWait;
    private final AsyncLoadingCache<String, Fetched> keys;
    private final FetchBudget budget;
    private final SourceState state;
    /** Whether running out of budget was logged since the last fetch (one warning per flood, not one per kid). */
    private final AtomicBoolean budgetSpentLogged = new AtomicBoolean();

    /**
     * What looking up one kid gave: its key; no such key (the URL answered 403 or 404, or no usable PEM: a bad
     * token); an outage (no answer, or another status: the operator's problem, answered 503); or no fetch at all,
     * the budget being spent (answered 503, never cached).
     */
    private record Fetched(Optional<VerificationKey> key, boolean outage, boolean overBudget) {
        static final Fetched NO_SUCH_KEY = new Fetched(Optional.empty(), false, false);
        static final Fetched OUTAGE = new Fetched(Optional.empty(), true, false);
        static final Fetched OVER_BUDGET = new Fetched(Optional.empty(), false, true);

        static Fetched found(VerificationKey key) {
            return new Fetched(Optional.of(key), false, false);
        }

        Duration cachedFor() {
            return key.isPresent() ? Duration.ofHours(24) : outage ? OUTAGE_RETRY
                    : overBudget ? Duration.ZERO : Duration.ofMinutes(1);
        }
    }

    /** A source for {@code spec}, fetching on {@code resources} within {@code timeout}, telling {@code state}. */
    PemByKidKeySource(KeySpec.PemByKid spec, Duration timeout, Clock clock, EngineResources resources,
                      SourceState state) {
        this.state = state;
        this.template = spec.template();
        this.algorithm = spec.algorithm();
        this.fetch = HttpFetch.on(resources, timeout);
        this.maxWait = Duration.ofSeconds(1);
        this.budget = new FetchBudget(clock, FETCH_BURST, Duration.ofSeconds(FETCH_INTERVAL_SECONDS));
        this.keys = Caffeine.newBuilder()
                .ticker(ClockTicker.of(clock))
                .executor(resources.executor())
                .maximumSize(256)
                .expireAfter(new com.github.benmanes.caffeine.cache.Expiry<String, Fetched>() {
                    @Override
                    public long expireAfterCreate(String kid, Fetched fetched, long now) {
                        return fetched.cachedFor().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String kid, Fetched fetched, long now, long current) {
                        return expireAfterCreate(kid, fetched, now);
                    }

                    @Override
                    public long expireAfterRead(String kid, Fetched fetched, long now, long current) {
                        return current;
                    }
                })
                .buildAsync((kid, executor) -> budget.tryTake() ? load(kid) : overBudget());
    }

    private CompletableFuture<Fetched> overBudget() {
        if (!budgetSpentLogged.getAndSet(true)) {
            LOG.warn("key fetches from {} over budget ({} at once, one more every {}s): lookups of new kids answer"
                    + " 503 until it refills (many unknown kids: a flood of made-up ones?)", template, FETCH_BURST,
                    FETCH_INTERVAL_SECONDS);
        }
        return CompletableFuture.completedFuture(Fetched.OVER_BUDGET);
    }

    /**
     * {@code UP} unless the latest fetch failed for an outage: then {@code DEGRADED} while keys fetched earlier are
     * cached, {@code DOWN} with none. A kid the URL does not have (403, 404) is a bad token, not an outage.
     */
    @Override
    public Optional<Health.Source> health() {
        int cached = cachedKeys();
        Health.State current = !state.failingSinceLoad() ? Health.State.UP
                : cached > 0 ? Health.State.DEGRADED : Health.State.DOWN;
        return Optional.of(state.health(current, cached));
    }

    @Override
    public KeyLookup find(Optional<String> kid, SignatureAlgorithm alg) {
        if (kid.isEmpty() || !KID.matcher(kid.get()).matches()) {
            return new KeyLookup.Missing("unknown_key");
        }
        if (alg != algorithm) {
            return new KeyLookup.Missing("key_algorithm_mismatch");
        }
        CompletableFuture<Fetched> key = keys.get(kid.get());
        try {
            Fetched fetched = key.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            if (fetched.outage()) {
                return new KeyLookup.Unavailable("key_fetch_failed", OUTAGE_RETRY);
            }
            if (fetched.overBudget()) {
                Duration wait = budget.untilNext();
                return new KeyLookup.Unavailable("key_fetch_budget", wait.compareTo(Duration.ofSeconds(1)) < 0
                        ? Duration.ofSeconds(1) : wait);
            }
            return fetched.key().<KeyLookup>map(KeyLookup.Found::new).orElse(new KeyLookup.Missing("unknown_key"));
        } catch (TimeoutException | ExecutionException e) {
            return new KeyLookup.Unavailable("key_fetch_pending", Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KeyLookup.Unavailable("interrupted", Duration.ofSeconds(1));
        }
    }

    private int cachedKeys() {
        return (int) keys.synchronous().asMap().values().stream().filter(f -> f.key().isPresent()).count();
    }

    private CompletableFuture<Fetched> load(String kid) {
        budgetSpentLogged.set(false);
        URI uri = URI.create(template.replace("{kid}", kid));
        return fetch.get(uri).handle((response, error) -> {
            if (error != null) {
                int status = -1;
                for (Throwable t = error; t != null; t = t.getCause()) {
                    if (t instanceof HttpFetch.FetchException fetchError) {
                        status = fetchError.status();
                        break;
                    }
                }
                LOG.warn("key {} from {} unavailable: {}", kid, template, error.getCause() != null
                        ? error.getCause().getMessage() : error.getMessage());
                // 403/404: the URL has no such key (S3 answers 403 for a missing object); anything else is an outage
                if (status == 403 || status == 404) {
                    state.missing(SourceState.causeOf(error));
                    return Fetched.NO_SUCH_KEY;
                }
                state.failed(error, cachedKeys());
                return Fetched.OUTAGE;
            }
            try {
                LoadedKeys loaded = VerificationKeys.fromPem(response.body(), java.util.Set.of(algorithm));
                Optional<VerificationKey> key = loaded.keys().keys().stream().findFirst()
                        .map(k -> VerificationKeys.publicKey(Optional.of(kid), k.publicKey(), algorithm));
                if (key.isPresent()) {
                    state.loadedOneMore(kid);
                } else {
                    state.missing("no usable key");
                }
                return key.map(Fetched::found).orElse(Fetched.NO_SUCH_KEY);
            } catch (IllegalArgumentException e) {
                LOG.warn("key {} from {} refused: {}", kid, template, e.getMessage());
                state.missing("key refused");
                return Fetched.NO_SUCH_KEY;
            }
        });
    }
}
