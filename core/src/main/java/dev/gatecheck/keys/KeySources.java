package dev.gatecheck.keys;

import dev.gatecheck.internal.EngineResources;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

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
        return AlgorithmRoutedKeySource.of(keys.map(spec -> start(spec, algorithms, jwks, clock, resources)), hmac);
    }

    private static KeySource start(KeySpec spec, Set<SignatureAlgorithm> algorithms, JwksSettings jwks, Clock clock,
                                   EngineResources resources) {
        if (spec instanceof KeySpec.Jwks remote) {
            return remote(JwksKeySource.forUri(remote.uri()), algorithms, jwks, clock, resources);
        }
        if (spec instanceof KeySpec.Discovery discovery) {
            return remote(JwksKeySource.forDiscovery(discovery.issuer()), algorithms, jwks, clock, resources);
        }
        if (spec instanceof KeySpec.KeyFile file) {
            return resources.own(FileKeySource.watch(file.path(), file.algorithms(), resources.scheduler(),
                    FILE_CHECK_INTERVAL));
        }
        if (spec instanceof KeySpec.Fixed fixed) {
            return KeySource.of(fixed.keys());
        }
        if (spec instanceof KeySpec.PemByKid byKid) {
            return new PemByKidKeySource(byKid, jwks.timeout(), clock, resources);
        }
        return ((KeySpec.Custom) spec).source();
    }

    private static KeySource remote(JwksKeySource.Builder builder, Set<SignatureAlgorithm> algorithms,
                                    JwksSettings jwks, Clock clock, EngineResources resources) {
        return builder.algorithms(algorithms).clock(clock).ttl(jwks.ttl()).refreshCooldown(jwks.refreshCooldown())
                .maxStale(jwks.maxStale()).timeout(jwks.timeout()).resources(resources).build();
    }
}
