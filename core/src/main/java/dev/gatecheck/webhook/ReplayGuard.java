package dev.gatecheck.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Remembers what a request may carry only once (a webhook delivery, a DPoP proof's {@code jti}), so a captured
 * request cannot be replayed within its window. The default is per instance ({@link #inMemory}); several instances
 * behind a load balancer need one shared store: declare one ({@code gatecheck.replay.store=redis}, a
 * {@link StoreSpec} the engine opens through its {@link Provider}, e.g. the {@code gatecheck-redis} module), or give
 * your own guard to the configuration builder.
 */
@FunctionalInterface
public interface ReplayGuard {

    /**
     * Records {@code key} in {@code namespace} ({@code webhook:<route>:}, {@code dpop:}) for {@code window} and
     * answers whether this is its first sighting. Must be atomic: of two concurrent calls with one key, only one
     * sees {@code true}. A shared store keeps a hash of the key, never the key itself.
     *
     * @throws Unavailable when the store cannot answer now (an outage: the request is refused with 503, or let
     *                     through with a warning where the configuration says so)
     */
    boolean firstSeen(String namespace, String key, Duration window);

    /** A guard for one instance in a bounded Caffeine cache, at most {@code maxEntries} keys, time from {@code clock}. */
    static ReplayGuard inMemory(Clock clock, int maxEntries) {
        return new InMemoryReplayGuard(clock, maxEntries);
    }

    /** The store cannot answer now; the message says why without a key or a secret. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** What the engine does when the store cannot answer ({@code gatecheck.replay.on-error}). */
    enum OnError {
        /** Refuse the request: 503 {@code auth_unavailable} with {@code Retry-After} (the default). */
        REJECT,
        /** Let the request go on without a replay check, with a warning at most once a minute. */
        ALLOW
    }

    /**
     * A shared store declared by configuration ({@code gatecheck.replay.store}, {@code gatecheck.replay.<store>.*}):
     * plain data, opened by the engine through the {@link Provider} of that store and closed with it.
     * {@link #toString()} hides the password the URI may carry.
     *
     * @param store     the store, as {@code gatecheck.replay.store} names it ({@code redis})
     * @param uri       where the store is, in the provider's syntax (may carry a password)
     * @param keyPrefix put before every key ({@code gatecheck:})
     * @param timeout   the longest a request waits for the store ({@code 250ms}); longer is an outage
     */
    record StoreSpec(String store, String uri, String keyPrefix, Duration timeout) {
        public StoreSpec {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** A Redis store at {@code uri} ({@code redis://}, {@code rediss://}, Sentinel or Cluster), default prefix and timeout. */
        public static StoreSpec redis(String uri) {
            return new StoreSpec("redis", uri, "gatecheck:", Duration.ofMillis(250));
        }

        /** This store with another key prefix. */
        public StoreSpec withKeyPrefix(String keyPrefix) {
            return new StoreSpec(store, uri, keyPrefix, timeout);
        }

        /** This store with another timeout. */
        public StoreSpec withTimeout(Duration timeout) {
            return new StoreSpec(store, uri, keyPrefix, timeout);
        }

        /** The URI with everything before its last {@code @} after the scheme (a password) as {@code ***}, for messages. */
        public String redactedUri() {
            int at = uri.lastIndexOf('@');
            if (at < 0) {
                return uri;
            }
            int scheme = uri.indexOf("://");
            return (scheme >= 0 && scheme < at ? uri.substring(0, scheme + 3) : "") + "***" + uri.substring(at);
        }

        @Override
        public String toString() {
            return "StoreSpec[store=" + store + ", uri=" + redactedUri() + ", keyPrefix=" + keyPrefix + ", timeout="
                    + timeout + "]";
        }
    }

    /**
     * Opens the shared stores of one kind. Found with {@link java.util.ServiceLoader}: a module lists its
     * implementation in {@code META-INF/services/dev.gatecheck.webhook.ReplayGuard$Provider} (or
     * {@code provides} in its module descriptor).
     */
    interface Provider {
        /** The store this provider opens, as {@code gatecheck.replay.store} names it. */
        String store();

        /**
         * Checks {@code spec} without connecting anywhere, when the configuration is built.
         *
         * @throws IllegalArgumentException saying what is wrong with the URI, never quoting its password
         */
        void check(StoreSpec spec);

        /**
         * Opens the store for one engine. Never fails because the store is down: it connects in the background,
         * and until it can, {@link ReplayGuard#firstSeen} throws {@link Unavailable}.
         */
        Shared open(StoreSpec spec);
    }

    /** A store the engine opened from a {@link StoreSpec}: its connections close with the engine. */
    interface Shared extends ReplayGuard, AutoCloseable {
        @Override
        void close();
    }
}
