package dev.gatecheck.testing;

import dev.gatecheck.events.GatecheckListener;
import java.util.ArrayList;
import java.util.List;

/** A listener that keeps every event it hears, in order, for tests to read. Thread-safe. */
public final class RecordingListener implements GatecheckListener {
    private final List<Object> events = new ArrayList<>();
    private final List<Engine> engines = new ArrayList<>();

    @Override
    public void onDecision(Decided event) {
        add(event);
    }

    @Override
    public void onKeyFetch(KeyFetch event) {
        add(event);
    }

    @Override
    public void onKeysChanged(KeysChanged event) {
        add(event);
    }

    @Override
    public void onStaleKeys(StaleKeys event) {
        add(event);
    }

    @Override
    public void onNoKeys(NoKeys event) {
        add(event);
    }

    @Override
    public void onSpoofAttempt(SpoofAttempt event) {
        add(event);
    }

    @Override
    public void onVerification(Verification event) {
        add(event);
    }

    @Override
    public synchronized void onStart(Engine engine) {
        engines.add(engine);
    }

    /** Every event heard so far (not the starts), in order. */
    public synchronized List<Object> all() {
        return List.copyOf(events);
    }

    /** The events of {@code type} heard so far, in order. */
    public synchronized <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The key-source events heard so far, in order. */
    public synchronized List<Object> keyEvents() {
        return events.stream().filter(e -> e instanceof KeyFetch || e instanceof KeysChanged
                || e instanceof StaleKeys || e instanceof NoKeys).toList();
    }

    /** The engines whose start was heard. */
    public synchronized List<Engine> engines() {
        return List.copyOf(engines);
    }

    /** Forgets what was heard so far. */
    public synchronized void clear() {
        events.clear();
    }

    private synchronized void add(Object event) {
        events.add(event);
    }
}
