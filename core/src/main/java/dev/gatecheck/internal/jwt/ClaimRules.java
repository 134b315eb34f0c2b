package dev.gatecheck.internal.jwt;

import dev.gatecheck.config.IssuerConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The claim checks of one issuer, run on verified claims: required claims, {@code exp}, {@code nbf},
 * {@code iat}, maximum lifetime, exact {@code iss}, {@code typ}, and last {@code aud} (so only an otherwise
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

    /** Why the token must be refused (a reason code), or empty when every rule but the audience holds. */
    Optional<String> check(ParsedToken token, long nowSeconds) {
        Map<String, Object> claims = token.claims();
        for (String required : config.requiredClaims()) {
            if (claims.get(required) == null) {
                return Optional.of("missing_claim");
            }
        }
        Long exp;
        Long nbf;
        Long iat;
        try {
            exp = numericDate(claims, "exp");
            nbf = numericDate(claims, "nbf");
            iat = numericDate(claims, "iat");
        } catch (IllegalArgumentException wrongType) {
            return Optional.of("claim_invalid");
        }
        if (exp != null && nowSeconds - skewSeconds >= exp) {
            return Optional.of("expired");
        }
        if (nbf != null && nbf > nowSeconds + skewSeconds) {
            return Optional.of("not_yet_valid");
        }
        if (iat != null && (iat > nowSeconds + skewSeconds || (exp != null && iat > exp))) {
            return Optional.of("iat_invalid");
        }
        if (exp != null && exp - (iat != null ? iat : nowSeconds) > maxLifetimeSeconds) {
            return Optional.of("lifetime_too_long");
        }
        if (!config.issuer().equals(claims.get("iss"))) {
            return Optional.of("issuer_invalid");
        }
        if (typ.isPresent() && !(token.header().get("typ") instanceof String t && typ.get().equals(mediaType(t)))) {
            return Optional.of("typ_invalid");
        }
        if (!config.audiences().isEmpty() && !(claims.get("aud") instanceof String || isStringList(claims.get("aud")))) {
            return Optional.of("audience_missing");
        }
        return Optional.empty();
    }

    /** True when the token names one of the accepted audiences (or none are configured). */
    boolean audienceAccepted(ParsedToken token) {
        if (config.audiences().isEmpty()) {
            return true;
        }
        Object aud = token.claims().get("aud");
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
