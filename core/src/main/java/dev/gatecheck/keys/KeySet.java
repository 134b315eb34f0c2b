package dev.gatecheck.keys;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of verification keys with the selection rule every source shares: a {@code kid} picks
 * its key; a token without a {@code kid} (or naming one no key has) may use the single kid-less key bound
 * to its algorithm; several candidates are ambiguous and refused.
 */
final class KeySet {
    static final String NO_KID = "(no kid)";
    private final List<VerificationKey> keys;
    private final Map<String, VerificationKey> byKid;
    private final Map<SignatureAlgorithm, List<VerificationKey>> withoutKidByAlg;
    private final Map<SignatureAlgorithm, List<VerificationKey>> byAlg;

    private KeySet(List<VerificationKey> keys) {
        this.keys = List.copyOf(keys);
        Map<String, VerificationKey> kids = new HashMap<>();
        Map<SignatureAlgorithm, List<VerificationKey>> noKid = new HashMap<>();
        Map<SignatureAlgorithm, List<VerificationKey>> all = new HashMap<>();
        for (VerificationKey key : this.keys) {
            key.kid().ifPresentOrElse(kid -> {
                if (kids.putIfAbsent(kid, key) != null) {
                    throw new IllegalArgumentException("duplicate kid in key set");
                }
            }, () -> noKid.computeIfAbsent(key.algorithm(), a -> new java.util.ArrayList<>()).add(key));
            all.computeIfAbsent(key.algorithm(), a -> new java.util.ArrayList<>()).add(key);
        }
        this.byKid = Map.copyOf(kids);
        this.withoutKidByAlg = copy(noKid);
        this.byAlg = copy(all);
    }

    /** A set of {@code keys}; their {@code kid}s must be distinct. */
    public static KeySet of(List<VerificationKey> keys) {
        return new KeySet(keys);
    }

    /** The keys, in load order. */
    public List<VerificationKey> keys() {
        return keys;
    }

    /** True when the set holds no key. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Selects the key for a token header. */
    public KeyLookup find(Optional<String> kid, SignatureAlgorithm algorithm) {
        if (kid.isPresent()) {
            VerificationKey key = byKid.get(kid.get());
            if (key != null) {
                return key.algorithm() == algorithm
                        ? new KeyLookup.Found(key)
                        : new KeyLookup.Missing("key_algorithm_mismatch");
            }
            return single(withoutKidByAlg.get(algorithm));
        }
        // Without a kid only an unambiguous key may be used.
        return single(byAlg.get(algorithm));
    }

    /** True when both sets hold the same keys (kid, algorithm and key material), in any order. */
    public boolean sameKeys(KeySet other) {
        return fingerprints().equals(other.fingerprints());
    }

    private java.util.Set<String> fingerprints() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (VerificationKey key : keys) {
            out.add(key.kid().orElse("") + "|" + key.algorithm() + "|" + key.fingerprint());
        }
        return out;
    }

    /** The key ids of the set, {@value #NO_KID} standing for the keys without one (for events, never a request's). */
    java.util.Set<String> kids() {
        java.util.Set<String> out = new java.util.TreeSet<>(byKid.keySet());
        if (byKid.size() < keys.size()) {
            out.add(NO_KID);
        }
        return out;
    }

    /** True when a key with {@code kid} is in the set. */
    public boolean containsKid(String kid) {
        return byKid.containsKey(kid);
    }

    private static KeyLookup single(List<VerificationKey> candidates) {
        if (candidates == null || candidates.isEmpty()) {
            return new KeyLookup.Missing("unknown_key");
        }
        if (candidates.size() > 1) {
            return new KeyLookup.Missing("kid_required");
        }
        return new KeyLookup.Found(candidates.get(0));
    }

    private static Map<SignatureAlgorithm, List<VerificationKey>> copy(Map<SignatureAlgorithm, List<VerificationKey>> m) {
        Map<SignatureAlgorithm, List<VerificationKey>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Map.copyOf(out);
    }
}
