package dev.gatecheck.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatecheck.internal.ClockTicker;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link RevocationList#inMemory}: revocations in a bounded Caffeine cache, each kept for the retention and mapped to
 * the second it was recorded (a subject's later credentials are not revoked). Answers in a few map lookups, and in
 * one read while nothing is revoked.
 */
final class InMemoryRevocationList implements RevocationList {
    private final Clock clock;
    private final Cache<Revocation, Long> revokedAtSeconds;

    InMemoryRevocationList(Clock clock, Duration retention, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("retention and maxEntries must be positive");
        }
        this.revokedAtSeconds = Caffeine.newBuilder()
                .executor(Runnable::run) // upkeep on the caller: no thread outside the engine's
                .ticker(ClockTicker.of(clock))
                .expireAfterWrite(retention)
                .maximumSize(maxEntries)
                .build();
    }

    @Override
    public boolean isRevoked(Identity identity) {
        if (revokedAtSeconds.asMap().isEmpty()) {
            return false;
        }
        String issuer = identity.issuer().orElse(null);
        if (issuer != null && identity.claim("jti").orElse(null) instanceof String jti
                && listed(new Revocation.Token(issuer, jti))) {
            return true;
        }
        if (issuer != null && identity.claim("sid").orElse(null) instanceof String sid
                && listed(new Revocation.Session(issuer, sid))) {
            return true;
        }
        Long subjectRevokedAt = revokedAtSeconds.getIfPresent(new Revocation.Subject(identity.subject()));
        return subjectRevokedAt != null && issuedAtSeconds(identity) <= subjectRevokedAt;
    }

    @Override
    public void revoke(Revocation revocation) {
        revokedAtSeconds.put(Objects.requireNonNull(revocation, "revocation"), clock.millis() / 1000);
    }

    private boolean listed(Revocation revocation) {
        return revokedAtSeconds.getIfPresent(revocation) != null;
    }

    /** The credential's {@code iat}; without one it counts as issued before any revocation. */
    private static long issuedAtSeconds(Identity identity) {
        return identity.claim("iat").orElse(null) instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    }
}
