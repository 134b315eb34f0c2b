package dev.gatecheck;

import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.internal.ThrottledWarning;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one engine as one: each event goes to every listener in order. What a listener throws is caught,
 * so a decision never changes for it, and logged at most once a minute by the engine's clock, with how many were
 * caught since the last report.
 */
final class Listeners implements GatecheckListener {
    private static final Logger LOG = LoggerFactory.getLogger(Gatecheck.class);
    private static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);

    private final List<GatecheckListener> listeners;
    private final ThrottledWarning failures;

    private Listeners(List<GatecheckListener> listeners, Clock clock) {
        this.listeners = List.copyOf(listeners);
        this.failures = new ThrottledWarning(clock, REPORT_INTERVAL);
    }

    /** {@code listeners} as one, or empty when there are none: then the engine times and builds nothing. */
    static Optional<GatecheckListener> of(List<GatecheckListener> listeners, Clock clock) {
        return listeners.isEmpty() ? Optional.empty() : Optional.of(new Listeners(listeners, clock));
    }

    @Override
    public void onDecision(Decided event) {
        each(listener -> listener.onDecision(event));
    }

    @Override
    public void onKeyFetch(KeyFetch event) {
        each(listener -> listener.onKeyFetch(event));
    }

    @Override
    public void onKeysChanged(KeysChanged event) {
        each(listener -> listener.onKeysChanged(event));
    }

    @Override
    public void onStaleKeys(StaleKeys event) {
        each(listener -> listener.onStaleKeys(event));
    }

    @Override
    public void onNoKeys(NoKeys event) {
        each(listener -> listener.onNoKeys(event));
    }

    @Override
    public void onSpoofAttempt(SpoofAttempt event) {
        each(listener -> listener.onSpoofAttempt(event));
    }

    @Override
    public void onVerification(Verification event) {
        each(listener -> listener.onVerification(event));
    }

    @Override
    public void onStart(Engine engine) {
        each(listener -> listener.onStart(engine));
    }

    private void each(Consumer<GatecheckListener> call) {
        for (GatecheckListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                report(listener, e);
            }
        }
    }

    private void report(GatecheckListener listener, Throwable failure) {
        long count = failures.occurred();
        if (count > 0) {
            LOG.warn("Gatecheck listener {} failed; decisions are unaffected ({} listener failure(s) since the last"
                    + " report, reported at most once a minute)", listener.getClass().getName(), count, failure);
        }
    }
}
