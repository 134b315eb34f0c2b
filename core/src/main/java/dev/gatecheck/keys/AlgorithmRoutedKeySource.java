package dev.gatecheck.keys;

import dev.gatecheck.events.Health;
import java.util.Optional;

/**
 * An issuer's keys: HS* tokens go to its HMAC key only, every other algorithm to its asymmetric source only,
 * so a public key can never serve as an HMAC secret and a remote set never supplies a symmetric key.
 */
final class AlgorithmRoutedKeySource implements KeySource {
    private final KeySource asymmetric;
    private final KeySet hmac;

    private AlgorithmRoutedKeySource(KeySource asymmetric, KeySet hmac) {
        this.asymmetric = asymmetric;
        this.hmac = hmac;
    }

    /** Routes HS* lookups to {@code hmac} and the rest to {@code asymmetric}; either may be absent. */
    static KeySource of(Optional<KeySource> asymmetric, Optional<VerificationKey> hmac) {
        return new AlgorithmRoutedKeySource(
                asymmetric.orElse((kid, alg) -> new KeyLookup.Missing("unknown_key")),
                KeySet.of(hmac.stream().toList()));
    }

    @Override
    public KeyLookup find(Optional<String> kid, SignatureAlgorithm algorithm) {
        return algorithm.isSymmetric() ? hmac.find(Optional.empty(), algorithm) : asymmetric.find(kid, algorithm);
    }

    @Override
    public long version() {
        return asymmetric.version();
    }

    /** The asymmetric source's health, with the HMAC key counted; an HMAC key alone is always {@code UP}. */
    @Override
    public Optional<Health.Source> health() {
        int hmacKeys = hmac.keys().size();
        Health.Source keys = asymmetric.health().orElse(new Health.Source(Health.State.UP, 0, Optional.empty(),
                Optional.empty(), Optional.empty()));
        return Optional.of(new Health.Source(keys.state(), keys.keys() + hmacKeys, keys.lastSuccess(),
                keys.lastFailure(), keys.cause()));
    }
}
