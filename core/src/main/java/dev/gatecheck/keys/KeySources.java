package dev.gatecheck.keys;

import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.internal.EngineResources;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Turns an issuer's configured keys into the {@link KeySource} the engine verifies with. What a source starts (a
 * fetch, a file check) runs on the engine's {@link EngineResources} and stops when the engine closes; a
 * {@link KeySpec.Custom} source belongs to the application and is left alone.
 */
public final class KeySources {
    /** How often a key file is checked for changes. */
    static final Duration FILE_CHECK_INTERVAL = Duration.ofSeconds(5);

    private KeySources() {
    }

    /**
     * The key source of one issuer: HS* tokens go to {@code hmac} only, every other algorithm to the source of
     * {@code keys} only (either may be absent).
     *
     * @throws IllegalArgumentException when a key file can no longer be read or holds no usable key
     */
    public static KeySource start(Optional<KeySpec> keys, Optional<VerificationKey> hmac,
                                  Set<SignatureAlgorithm> algorithms, JwksSettings jwks, Clock clock,
                                  EngineResources resources) {
        return start("keys", Optional.empty(), keys, hmac, algorithms, jwks, clock, resources);
    }

    /**
     * {@link #start(Optional, Optional, Set, JwksSettings, Clock, EngineResources) start} for the issuer (or gateway
     * assertion) that health and events call {@code name}, its fetches told to {@code events}. A remote key set is
     * also fetched again on {@code resources}' scheduler every {@code min(cooldown, 10s)} while its keys are stale
     * or missing, so it recovers with no request.
     */
    public static KeySource start(String name, Optional<GatecheckListener> events, Optional<KeySpec> keys,
                                  Optional<VerificationKey> hmac, Set<SignatureAlgorithm> algorithms,
                                  JwksSettings jwks, Clock clock, EngineResources resources) {
        SourceState state = new SourceState(name, events, clock);
        return AlgorithmRoutedKeySource.of(keys.map(spec -> start(spec, state, algorithms, jwks, clock, resources)),
                hmac);
    }

    private static KeySource start(KeySpec spec, SourceState state, Set<SignatureAlgorithm> algorithms,
                                   JwksSettings jwks, Clock clock, EngineResources resources) {
        if (spec instanceof KeySpec.Jwks remote) {
            return remote(JwksKeySource.forUri(remote.uri()), state, algorithms, jwks, clock, resources);
        }
        if (spec instanceof KeySpec.Discovery discovery) {
            return remote(JwksKeySource.forDiscovery(discovery.issuer()), state, algorithms, jwks, clock, resources);
        }
        if (spec instanceof KeySpec.KeyFile file) {
            return resources.own(FileKeySource.watch(file.path(), file.algorithms(), resources.scheduler(),
                    FILE_CHECK_INTERVAL, state));
        }
        if (spec instanceof KeySpec.Fixed fixed) {
            return KeySource.of(fixed.keys());
        }
        if (spec instanceof KeySpec.PemByKid byKid) {
            return new PemByKidKeySource(byKid, jwks.timeout(), clock, resources, state);
        }
        return ((KeySpec.Custom) spec).source();
    }

    private static KeySource remote(JwksKeySource.Builder builder, SourceState state,
                                    Set<SignatureAlgorithm> algorithms, JwksSettings jwks, Clock clock,
                                    EngineResources resources) {
        JwksKeySource source = builder.algorithms(algorithms).clock(clock).ttl(jwks.ttl())
                .refreshCooldown(jwks.refreshCooldown()).maxStale(jwks.maxStale()).timeout(jwks.timeout())
                .resources(resources).state(state).build();
        long retry = source.retryDelay().toMillis();
        resources.scheduler().scheduleWithFixedDelay(source::retryIfDue, retry, retry, TimeUnit.MILLISECONDS);
        return source;
    }
}
