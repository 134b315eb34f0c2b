package dev.gatecheck.config;

import dev.gatecheck.webhook.ReplayGuard;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code recording} replay store of core's tests, found through {@code ServiceLoader} like a real one: it
 * counts, per URI, the stores engines opened and closed, and refuses a URI starting with {@code bad:} the way a
 * provider's check does (saying what is wrong, without the password).
 */
public final class RecordingStoreProvider implements ReplayGuard.Provider {
    static final String STORE = "recording";
    private static final Map<String, AtomicInteger> OPENED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CLOSED = new ConcurrentHashMap<>();

    static int opened(String uri) {
        return OPENED.getOrDefault(uri, new AtomicInteger()).get();
    }

    static int closed(String uri) {
        return CLOSED.getOrDefault(uri, new AtomicInteger()).get();
    }

    @Override
    public String store() {
        return STORE;
    }

    @Override
    public void check(ReplayGuard.StoreSpec spec) {
        if (spec.uri().startsWith("bad:")) {
            throw new IllegalArgumentException("is not a recording:// URI");
        }
    }

    @Override
    public ReplayGuard.Shared open(ReplayGuard.StoreSpec spec) {
        OPENED.computeIfAbsent(spec.uri(), u -> new AtomicInteger()).incrementAndGet();
        return new ReplayGuard.Shared() {
            @Override
            public boolean firstSeen(String namespace, String key, java.time.Duration window) {
                return true;
            }

            @Override
            public void close() {
                CLOSED.computeIfAbsent(spec.uri(), u -> new AtomicInteger()).incrementAndGet();
            }
        };
    }
}
