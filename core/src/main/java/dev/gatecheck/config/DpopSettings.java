package dev.gatecheck.config;

import dev.gatecheck.keys.SignatureAlgorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link DpopConfig} ({@code gatecheck.dpop.*}): each setting once, checked when
 * {@link GatecheckConfig.Builder#build()} runs, with errors naming the key.
 */
public final class DpopSettings {
    private static final String PREFIX = "gatecheck.dpop.";
    /** The proof algorithms accepted by default. */
    static final List<String> DEFAULT_ALGORITHMS = List.of("ES256", "PS256", "RS256", "EdDSA");
    private static final int MIN_NONCE_SECRET_BYTES = 32;

    private final Setting<List<String>> algorithms = new Setting<>(PREFIX + "algorithms", DEFAULT_ALGORITHMS);
    private final Setting<Duration> maxAge = new Setting<>(PREFIX + "max-age", Duration.ofSeconds(60));
    private final Setting<Boolean> nonce = new Setting<>(PREFIX + "nonce", false);
    private final Setting<byte[]> nonceSecret = Setting.required(PREFIX + "nonce-secret");

    DpopSettings() {
    }

    /** The proof algorithms accepted, asymmetric only ({@code gatecheck.dpop.algorithms}, ES256,PS256,RS256,EdDSA). */
    public DpopSettings algorithms(String... names) {
        algorithms.set(names, v -> ConfigValues.nonBlankList(algorithms.key(), v));
        return this;
    }

    /** How old a proof may be, the clock skew added ({@code gatecheck.dpop.max-age}, 60s). */
    public DpopSettings maxAge(Duration age) {
        maxAge.set(age);
        return this;
    }

    /** Whether proofs must carry a server nonce ({@code gatecheck.dpop.nonce}, false). */
    public DpopSettings nonce(boolean required) {
        nonce.set(required);
        return this;
    }

    /**
     * The key nonces are made with, at least 32 bytes, the same on every instance behind one load balancer
     * ({@code gatecheck.dpop.nonce-secret}; default: a random key per engine).
     */
    public DpopSettings nonceSecret(byte[] secret) {
        nonceSecret.set(secret, byte[]::clone);
        return this;
    }

    DpopConfig build() {
        List<SignatureAlgorithm> accepted = new ArrayList<>();
        for (String name : algorithms.get()) {
            SignatureAlgorithm alg = SignatureAlgorithm.fromJose(name.trim()).orElseThrow(() -> new ConfigException(
                    algorithms.key(), "'" + name + "' is not a supported asymmetric algorithm (RS256/384/512,"
                    + " PS256/384/512, ES256/384/512, EdDSA)"));
            if (alg.isSymmetric()) {
                throw new ConfigException(algorithms.key(), "'" + name + "' is symmetric: a DPoP proof is signed with"
                        + " the client's private key");
            }
            if (!accepted.contains(alg)) {
                accepted.add(alg);
            }
        }
        Duration age = maxAge.get();
        if (age.toSeconds() < 1 || age.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException(maxAge.key(), "must be between 1s and 10m");
        }
        if (nonceSecret.given() && nonceSecret.get().length < MIN_NONCE_SECRET_BYTES) {
            throw new ConfigException(nonceSecret.key(), "has fewer than " + MIN_NONCE_SECRET_BYTES + " bytes");
        }
        if (nonceSecret.given() && !nonce.get()) {
            throw new ConfigException(nonceSecret.key(), "is set but " + nonce.key() + " is not true");
        }
        return new DpopConfig(accepted, age, nonce.get(), Optional.ofNullable(nonceSecret.get()));
    }
}
