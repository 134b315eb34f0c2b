package dev.gatecheck.examples;

import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the demos' built-in configuration remembers webhook deliveries: in memory, or in the shared store the
 * {@code GATECHECK_REPLAY_*} variables declare ({@code GATECHECK_REPLAY_STORE=redis} and
 * {@code GATECHECK_REPLAY_REDIS_URI=redis://127.0.0.1:6379}; README "Running several instances"). The
 * {@code gatecheck-redis} module is on the demos' class path.
 */
public final class DemoReplayStore {
    private static final String REPLAY = "gatecheck.replay.";

    private DemoReplayStore() {
    }

    /**
     * Declares on {@code builder} the replay store and {@code gatecheck.replay.on-error} of the
     * {@code GATECHECK_REPLAY_*} variables in {@code environment}; nothing when there are none.
     *
     * @throws ConfigException naming the key, as Gatecheck's loader does for {@code GATECHECK_CONFIG}
     */
    public static void declare(Map<String, String> environment, DevelopmentIssuer issuer,
                               GatecheckConfig.Builder builder) {
        Map<String, String> keys = new HashMap<>();
        GatecheckConfig.environmentKeys(environment).forEach((key, value) -> {
            if (key.startsWith(REPLAY)) {
                keys.put(key, value);
            }
        });
        if (keys.isEmpty()) {
            return;
        }
        // Gatecheck's one loader reads the keys; the issuer's keys only make them a whole configuration.
        keys.putAll(Map.of("gatecheck.jwt.issuer", issuer.issuer(), "gatecheck.jwt.audiences",
                DevelopmentIssuer.AUDIENCE, "gatecheck.jwt.jwks", issuer.jwks()));
        GatecheckConfig loaded = GatecheckConfig.fromMap(keys);
        loaded.replayStore().ifPresent(builder::replayStore);
        builder.replayOnError(loaded.replayOnError());
    }
}
