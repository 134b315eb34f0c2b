package dev.gatecheck.internal.webhook;

import dev.gatecheck.auth.Rejection;
import dev.gatecheck.internal.ThrottledWarning;
import dev.gatecheck.webhook.ReplayGuard;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the engine's {@link ReplayGuard} as {@code gatecheck.replay.on-error} says: a store that cannot answer
 * ({@link ReplayGuard.Unavailable}) refuses the request with 503 ({@code reject}) or lets it go on unchecked
 * ({@code allow}). Either way the operator is warned, at most once a minute of the engine clock, with how many
 * requests met the outage since. One per engine, shared by every caller of the guard (webhooks, DPoP proofs).
 */
public final class ReplayCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);
    static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    /** A short wait: a shared store is usually back (restart, failover) within seconds. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Rejection UNAVAILABLE = Rejection.unavailable("replay_store_unavailable", RETRY_AFTER);

    /** What a check found; under {@code allow} an outage reads as {@link #FIRST}. */
    public enum Sighting {
        /** Not seen within the window (now recorded): the request may go on. */
        FIRST,
        /** Seen before within the window: a replay. */
        REPLAYED,
        /** The store cannot answer and the configuration rejects: refuse with {@link #unavailable()}. */
        UNAVAILABLE
    }

    private final ReplayGuard guard;
    private final boolean allowOnError;
    private final ThrottledWarning warning;

    /** Checks with {@code guard}; {@code allowOnError}: {@code gatecheck.replay.on-error=allow}. */
    public ReplayCheck(ReplayGuard guard, boolean allowOnError, Clock clock) {
        this.guard = guard;
        this.allowOnError = allowOnError;
        this.warning = new ThrottledWarning(clock, WARNING_INTERVAL);
    }

    /** Records {@code key} in {@code namespace} for {@code window}; see {@link ReplayGuard#firstSeen}. */
    public Sighting check(String namespace, String key, Duration window) {
        try {
            return guard.firstSeen(namespace, key, window) ? Sighting.FIRST : Sighting.REPLAYED;
        } catch (ReplayGuard.Unavailable outage) {
            warn(outage);
            return allowOnError ? Sighting.FIRST : Sighting.UNAVAILABLE;
        }
    }

    /** The answer to {@link Sighting#UNAVAILABLE}: 503 {@code auth_unavailable} with {@code Retry-After}. */
    public static Rejection unavailable() {
        return UNAVAILABLE;
    }

    private void warn(ReplayGuard.Unavailable outage) {
        long outages = warning.occurred();
        if (outages == 0) {
            return;
        }
        // The guard's message says why without a key or a secret (its contract); the cause is not logged.
        LOG.warn("the replay store cannot answer ({}): {} request(s) since the last warning {}", outage.getMessage(),
                outages, allowOnError ? "went on WITHOUT a replay check (gatecheck.replay.on-error=allow)"
                        : "were refused with 503 (gatecheck.replay.on-error=reject)");
    }
}
