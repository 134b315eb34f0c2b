package dev.gatecheck.config;

import dev.gatecheck.internal.webhook.ReplayStores;
import dev.gatecheck.webhook.ReplayGuard;
import dev.gatecheck.webhook.ReplayGuard.StoreSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;

/**
 * The {@code gatecheck.replay.*} keys: read into the builder ({@link #apply}), and a declared store checked when the
 * configuration is built ({@link #check}): its provider must be on the class path, and its settings sound.
 */
final class ReplayKeys {
    static final String STORE = "gatecheck.replay.store";
    static final String ON_ERROR = "gatecheck.replay.on-error";
    private static final String REDIS = "gatecheck.replay.redis.";
    static final Set<String> KEYS = Set.of(STORE, ON_ERROR, REDIS + "uri", REDIS + "key-prefix", REDIS + "timeout");
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

    private ReplayKeys() {
    }

    /** Applies the replay keys of {@code keys} to {@code builder}. */
    static void apply(Map<String, String> keys, GatecheckConfig.Builder builder) {
        String onError = keys.get(ON_ERROR);
        if (onError != null) {
            builder.replayOnError(switch (onError) {
                case "reject" -> ReplayGuard.OnError.REJECT;
                case "allow" -> ReplayGuard.OnError.ALLOW;
                default -> throw new ConfigException(ON_ERROR, "'" + onError + "' is not reject or allow");
            });
        }
        String store = keys.getOrDefault(STORE, "memory");
        Optional<String> redisKey = keys.keySet().stream().filter(k -> k.startsWith(REDIS)).sorted().findFirst();
        switch (store) {
            case "memory" -> redisKey.ifPresent(k -> {
                throw new ConfigException(k, "is set but " + STORE + " is not redis");
            });
            case "redis" -> builder.replayStore(redis(keys));
            default -> throw new ConfigException(STORE, "'" + store + "' is not memory or redis");
        }
    }

    private static StoreSpec redis(Map<String, String> keys) {
        String uri = keys.get(REDIS + "uri");
        if (uri == null) {
            throw new ConfigException(REDIS + "uri", "is required with " + STORE + "=redis");
        }
        StoreSpec spec = StoreSpec.redis(ConfigValues.secret(REDIS + "uri", uri).trim());
        String prefix = keys.get(REDIS + "key-prefix");
        String timeout = keys.get(REDIS + "timeout");
        spec = prefix == null ? spec : spec.withKeyPrefix(prefix);
        return timeout == null ? spec : spec.withTimeout(ConfigValues.duration(REDIS + "timeout", timeout));
    }

    /** Checks a declared {@code store} at build time; {@code guardGiven}: the builder also has a guard. */
    static void check(Optional<StoreSpec> store, boolean guardGiven) {
        if (store.isEmpty()) {
            return;
        }
        StoreSpec spec = store.get();
        String prefix = "gatecheck.replay." + spec.store() + ".";
        if (guardGiven) {
            throw new ConfigException(STORE, "is " + spec.store() + " and a ReplayGuard is given to the builder too;"
                    + " give one of them");
        }
        if (spec.uri().isBlank()) {
            throw new ConfigException(prefix + "uri", ConfigValues.EMPTY);
        }
        if (spec.keyPrefix().isEmpty() || !spec.keyPrefix().matches("[\\x21-\\x7E]{1,64}")) {
            throw new ConfigException(prefix + "key-prefix", "must be 1 to 64 printable ASCII characters, no spaces");
        }
        if (spec.timeout().isNegative() || spec.timeout().isZero() || spec.timeout().compareTo(MAX_TIMEOUT) > 0) {
            throw new ConfigException(prefix + "timeout", "must be a positive duration of at most " + MAX_TIMEOUT
                    .toSeconds() + "s: a request waits this long for the store");
        }
        ReplayGuard.Provider provider;
        try {
            provider = ReplayStores.provider(spec.store()).orElseThrow(() -> new ConfigException(STORE, "is "
                    + spec.store() + " but no provider of that store is on the class path: add the gatecheck-"
                    + spec.store() + " module (dev.gatecheck:gatecheck-" + spec.store() + ")"));
        } catch (ServiceConfigurationError e) {
            throw new ConfigException(STORE, "a replay store provider cannot be loaded (" + e.getMessage() + ")");
        }
        try {
            provider.check(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "uri", e.getMessage());
        }
    }
}
