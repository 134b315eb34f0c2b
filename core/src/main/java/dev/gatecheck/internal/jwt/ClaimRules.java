package dev.gatecheck.internal.jwt;

import dev.gatecheck.config.IssuerConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The claim checks of one issuer, run on verified claims: required claims, {@code exp}, {@code nbf},
 * {@code iat}, maximum lifetime, exact {@code iss}, {@code typ}, required claim values, and last {@code aud} (so only an otherwise
 * valid token earns the distinct 403 {@code invalid_audience}).
 */
final class ClaimRules {
    /** Numeric dates beyond this are clamped, so arithmetic cannot overflow; still absurd enough to refuse. */
    private static final long MAX_SECONDS = 1L << 53;

    private final IssuerConfig config;
    private final long skewSeconds;
    private final long maxLifetimeSeconds;
    private final Optional<String> typ;

    ClaimRules(IssuerConfig config) {
        this.config = config;
        this.skewSeconds = config.clockSkew().toSeconds();
        this.maxLifetimeSeconds = config.maxLifetime().toSeconds();
        this.typ = config.typ().map(ClaimRules::mediaType);
    }

    /**
     * Why the token must be refused (a reason code), or empty when every rule but the audience holds; {@code times}
     * are its {@link Times#of} (null when one is not a number), read once for these rules and the cache.
     */
    Optional<String> check(ParsedToken token, Times times, long nowSeconds) {
        Map<String, Object> claims = token.claims();
        for (String required : config.requiredClaims()) {
            if (claims.get(required) == null) {
                return Optional.of("missing_claim");
            }
        }
        if (times == null) {
            return Optional.of("claim_invalid");
        }
        Optional<String> time = checkTimes(times.exp(), times.nbf(), times.iat(), nowSeconds);
        if (time.isPresent()) {
            return time;
        }
        if (!config.issuer().equals(claims.get("iss"))) {
            return Optional.of("issuer_invalid");
        }
        if (typ.isPresent() && !(token.header().get("typ") instanceof String t && typ.get().equals(mediaType(t)))) {
            return Optional.of("typ_invalid");
        }
        for (Map.Entry<String, String> required : config.claimValues().entrySet()) {
            if (!required.getValue().equals(claims.get(required.getKey()))) {
                return Optional.of(required.getKey() + "_invalid");
            }
        }
        if (!config.audiences().isEmpty() && !(claims.get("aud") instanceof String || isStringList(claims.get("aud")))) {
            return Optional.of("audience_missing");
        }
        return Optional.empty();
    }

    /**
     * Why an introspection response's claims must be refused, or empty: {@code exp}, {@code nbf} and {@code iat}
     * as for a JWT, and {@code iss} when present (RFC 7662 makes every claim but {@code active} optional, so no
     * claim is required and no lifetime is bounded: the issuer vouches for the token now).
     */
    Optional<String> checkIntrospected(Map<String, Object> claims, long nowSeconds) {
        Times times = Times.of(claims);
        if (times == null) {
            return Optional.of("claim_invalid");
        }
        Optional<String> time = timeFailure(times.exp(), times.nbf(), times.iat(), nowSeconds);
        if (time.isPresent()) {
            return time;
        }
        return claims.containsKey("iss") && !config.issuer().equals(claims.get("iss"))
                ? Optional.of("issuer_invalid") : Optional.empty();
    }

    /**
     * A token's {@code exp}, {@code nbf} and {@code iat}, {@link #ABSENT} when absent (a present one is clamped to
     * within {@code ±MAX_SECONDS}, so it never equals it): all a verdict needs of it once cached. Primitives, so
     * that a cache hit reads them from the entry's record instead of following a box for each.
     */
    record Times(long exp, long nbf, long iat) {
        static final long ABSENT = Long.MIN_VALUE;

        /** The times of {@code claims}, or null when one is not a number. */
        static Times of(Map<String, Object> claims) {
            try {
                return new Times(orAbsent(numericDate(claims, "exp")), orAbsent(numericDate(claims, "nbf")),
                        orAbsent(numericDate(claims, "iat")));
            } catch (IllegalArgumentException notANumber) {
                return null;
            }
        }

        private static long orAbsent(Long seconds) {
            return seconds == null ? ABSENT : seconds;
        }
    }

    /**
     * The rules that depend on the time, the only ones whose verdict on a verified token can change: expiry, not
     * before, issued at, and the lifetime (counted from now when the token has no {@code iat}).
     */
    Optional<String> checkTimes(long exp, long nbf, long iat, long nowSeconds) {
        Optional<String> time = timeFailure(exp, nbf, iat, nowSeconds);
        if (time.isPresent()) {
            return time;
        }
        if (exp != Times.ABSENT && exp - (iat != Times.ABSENT ? iat : nowSeconds) > maxLifetimeSeconds) {
            return Optional.of("lifetime_too_long");
        }
        return Optional.empty();
    }

    private Optional<String> timeFailure(long exp, long nbf, long iat, long nowSeconds) {
        if (exp != Times.ABSENT && nowSeconds - skewSeconds >= exp) {
            return Optional.of("expired");
        }
        if (nbf != Times.ABSENT && nbf > nowSeconds + skewSeconds) {
            return Optional.of("not_yet_valid");
        }
        if (iat != Times.ABSENT && (iat > nowSeconds + skewSeconds || (exp != Times.ABSENT && iat > exp))) {
            return Optional.of("iat_invalid");
        }
        return Optional.empty();
    }

    /** True when the token names one of the accepted audiences (or none are configured). */
    boolean audienceAccepted(ParsedToken token) {
        return audienceAccepted(token.claims());
    }

    /** True when {@code claims} name one of the accepted audiences (or none are configured). */
    boolean audienceAccepted(Map<String, Object> claims) {
        if (config.audiences().isEmpty()) {
            return true;
        }
        Object aud = claims.get("aud");
        if (aud instanceof String s) {
            return config.audiences().contains(s);
        }
        return aud instanceof List<?> list && list.stream().anyMatch(config.audiences()::contains);
    }

    /** A NumericDate claim in whole seconds, clamped; null when absent. */
    static Long numericDate(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Long l) {
            return Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, l));
        }
        if (value instanceof Double d) {
            return (long) Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, Math.floor(d)));
        }
        throw new IllegalArgumentException("not a number");
    }

    private static boolean isStringList(Object value) {
        return value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance);
    }

    /** {@code application/at+jwt} and {@code AT+JWT} both read as {@code at+jwt} (RFC 7515 §4.1.9). */
    static String mediaType(String typ) {
        String lower = typ.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }
}
