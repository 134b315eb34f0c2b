package dev.gatecheck.keys;

import dev.gatecheck.events.Health;
import java.util.List;
import java.util.Optional;

/**
 * Where verification keys come from: a static set, a JWKS URL, a file. Called on the request path, so an
 * implementation must answer from memory and wait on the network, if ever, only for a short bound.
 */
@FunctionalInterface
public interface KeySource {

    /**
     * The key for a token whose header names {@code kid} (may be empty) and {@code algorithm}.
     * The algorithm is already in the allow-list; the key must be bound to that same algorithm.
     */
    KeyLookup find(Optional<String> kid, SignatureAlgorithm algorithm);

    /**
     * A number that changes whenever the source's keys change (rotation, removal, reload), so verifications made
     * with older keys are not reused. Static sources keep 0.
     */
    default long version() {
        return 0;
    }

    /**
     * How this source is doing, for {@code Gatecheck.health()}: its state, keys, last fetch and last failure. Empty
     * when it cannot tell (then it is reported {@code UP}); a source of the application's may answer.
     */
    default Optional<Health.Source> health() {
        return Optional.empty();
    }

    /** A source that always answers from {@code keys} (always {@code UP}). */
    static KeySource of(List<VerificationKey> keys) {
        KeySet set = KeySet.of(keys);
        Health.Source health = new Health.Source(Health.State.UP, set.keys().size(), Optional.empty(),
                Optional.empty(), Optional.empty());
        return new KeySource() {
            @Override
            public KeyLookup find(Optional<String> kid, SignatureAlgorithm algorithm) {
                return set.find(kid, algorithm);
            }

            @Override
            public Optional<Health.Source> health() {
                return Optional.of(health);
            }
        };
    }
}
