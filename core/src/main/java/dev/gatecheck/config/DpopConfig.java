package dev.gatecheck.config;

import dev.gatecheck.keys.SignatureAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules for DPoP proofs (RFC 9449, {@code gatecheck.dpop.*}), for every issuer that accepts DPoP-bound tokens
 * ({@code gatecheck.jwt.dpop}). Plain data, built by {@link DpopSettings}.
 *
 * @param algorithms the proof algorithms accepted, asymmetric only, in configuration order (the challenge's
 *                   {@code algs})
 * @param maxAge how old a proof's {@code iat} may be (the issuer's clock skew is added)
 * @param nonce whether proofs must carry a nonce the server issued ({@code DPoP-Nonce})
 * @param nonceSecret the key nonces are made with, shared by every instance; empty: a random key per engine
 */
public record DpopConfig(List<SignatureAlgorithm> algorithms, Duration maxAge, boolean nonce,
                         Optional<byte[]> nonceSecret) {
    public DpopConfig {
        algorithms = List.copyOf(algorithms);
        Objects.requireNonNull(maxAge, "maxAge");
        nonceSecret = nonceSecret.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> nonceSecret() {
        return nonceSecret.map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "DpopConfig[algorithms=" + algorithms + ", maxAge=" + maxAge + ", nonce=" + nonce
                + (nonceSecret.isPresent() ? ", nonce secret set" : "") + "]";
    }
}
