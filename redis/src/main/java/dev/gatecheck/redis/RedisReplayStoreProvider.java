package dev.gatecheck.redis;

import dev.gatecheck.webhook.ReplayGuard;

/**
 * The {@code redis} replay store ({@code gatecheck.replay.store=redis}): found by Gatecheck through
 * {@link java.util.ServiceLoader} when this module is on the class path; applications do not call it. Redis or
 * Valkey, standalone ({@code redis://}, {@code rediss://}), through Sentinel ({@code redis-sentinel://},
 * {@code rediss-sentinel://}) or a Cluster ({@code redis-cluster://}, {@code rediss-cluster://}).
 */
public final class RedisReplayStoreProvider implements ReplayGuard.Provider {

    /** For {@link java.util.ServiceLoader}. */
    public RedisReplayStoreProvider() {
    }

    @Override
    public String store() {
        return "redis";
    }

    @Override
    public void check(ReplayGuard.StoreSpec spec) {
        RedisTarget.parse(spec.uri());
    }

    @Override
    public ReplayGuard.Shared open(ReplayGuard.StoreSpec spec) {
        return RedisReplayGuard.open(spec);
    }
}
