package dev.gatecheck.keys;

import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.events.Health;
import dev.gatecheck.internal.HttpFetch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What one key source tells about itself: each load and each failed fetch is recorded here, told to the engine's
 * listener, and read back as a {@link Health.Source}. The source decides its state (what "fresh" means differs);
 * this keeps the facts. Thread-safe: one immutable record, replaced on each change.
 */
final class SourceState {
    private final String name;
    private final Optional<GatecheckListener> events;
    private final Clock clock;
    private volatile Facts facts = new Facts(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), false);

    /** What is known; {@code failing}: the latest fetch or read failed. */
    private record Facts(Set<String> kids, Optional<Instant> lastSuccess, Optional<Instant> lastFailure,
                         Optional<String> cause, boolean failing) {
    }

    /** The state of the source named {@code name} (an issuer's {@code IssuerConfig.name()}), told to {@code events}. */
    SourceState(String name, Optional<GatecheckListener> events, Clock clock) {
        this.name = name;
        this.events = events;
        this.clock = clock;
    }

    /** A state nobody hears: for sources built outside an engine. */
    static SourceState unobserved(Clock clock) {
        return new SourceState("keys", Optional.empty(), clock);
    }

    /** Keys were loaded: {@code kids} are now served, {@code keys} keys in all. */
    synchronized void loaded(Set<String> kids, int keys) {
        Facts before = facts;
        facts = new Facts(Set.copyOf(kids), Optional.of(clock.instant()), before.lastFailure, before.cause, false);
        events.ifPresent(listener -> {
            listener.onKeyFetch(new GatecheckListener.KeyFetch(name, true, Optional.empty(), keys));
            if (!before.kids.equals(kids)) {
                Set<String> added = new HashSet<>(kids);
                added.removeAll(before.kids);
                Set<String> removed = new HashSet<>(before.kids);
                removed.removeAll(kids);
                listener.onKeysChanged(new GatecheckListener.KeysChanged(name, added, removed));
            }
        });
    }

    /** One more key, {@code kid}, was loaded beside those served (keys fetched one per kid). */
    synchronized void loadedOneMore(String kid) {
        Set<String> kids = new HashSet<>(facts.kids);
        kids.add(kid);
        loaded(kids, kids.size());
    }

    /** A fetch failed with {@code error}; {@code keysLeft} usable keys keep serving (none: requests get 503). */
    void failed(Throwable error, int keysLeft) {
        failed(causeOf(error), keysLeft);
    }

    /** A fetch or read failed for {@code cause} (a short phrase); {@code keysLeft} usable keys keep serving. */
    synchronized void failed(String cause, int keysLeft) {
        Facts before = facts;
        Instant now = clock.instant();
        facts = new Facts(before.kids, before.lastSuccess, Optional.of(now), Optional.of(cause), true);
        events.ifPresent(listener -> {
            listener.onKeyFetch(new GatecheckListener.KeyFetch(name, false, Optional.of(cause), keysLeft));
            if (keysLeft == 0) {
                listener.onNoKeys(new GatecheckListener.NoKeys(name));
            } else {
                listener.onStaleKeys(new GatecheckListener.StaleKeys(name,
                        before.lastSuccess.map(t -> Duration.between(t, now)).orElse(Duration.ZERO)));
            }
        });
    }

    /** A fetch found no such key ({@code cause}): a bad token, not an outage, so health is unchanged. */
    void missing(String cause) {
        events.ifPresent(listener -> listener.onKeyFetch(new GatecheckListener.KeyFetch(name, false,
                Optional.of(cause), facts.kids.size())));
    }

    /** True when the latest fetch or read failed: the keys in use may not be the latest. */
    boolean failingSinceLoad() {
        return facts.failing;
    }

    /** The source's health in {@code state} with {@code keys} usable keys. */
    Health.Source health(Health.State state, int keys) {
        Facts now = facts;
        return new Health.Source(state, keys, now.lastSuccess, now.lastFailure, now.cause);
    }

    /**
     * Why a fetch failed, safe to show: the fixed phrase a {@link HttpFetch.FetchException} starts with (up to a
     * colon, before any value), else the exception's class name.
     */
    static String causeOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpFetch.FetchException fetch && fetch.getMessage() != null) {
            int colon = fetch.getMessage().indexOf(':');
            return colon < 0 ? fetch.getMessage() : fetch.getMessage().substring(0, colon);
        }
        return cause.getClass().getSimpleName();
    }
}
