package dev.gatecheck;

import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.route.Requirements;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether an authenticated caller meets a route's requirements: how it authenticated first (a DPoP-bound token,
 * RFC 9470 step-up: 401), then what it may do (roles any of, scopes all of, claims: 403).
 */
final class RequirementCheck {
    private RequirementCheck() {
    }

    /** The rejection for the first requirement {@code identity} does not meet at {@code nowSeconds}, or empty. */
    static Optional<Rejection> unmet(Requirements requirements, Identity identity, long nowSeconds) {
        if (requirements.dpop() && identity.claim("cnf.jkt").isEmpty()) {
            // A token with cnf.jkt is only ever accepted with its proof, so its presence means the proof was checked.
            return Optional.of(Rejection.of(ErrorCode.INVALID_TOKEN, "dpop_bound_token_required"));
        }
        Optional<String> weak = stepUpFailure(requirements.stepUp(), identity, nowSeconds);
        if (weak.isPresent()) {
            return Optional.of(Rejection.insufficientUserAuthentication(weak.get(), requirements.stepUp().acrValues(),
                    requirements.stepUp().maxAge()));
        }
        if (!requirements.roles().isEmpty() && requirements.roles().stream().noneMatch(identity::hasRole)) {
            return Optional.of(Rejection.of(ErrorCode.FORBIDDEN, "missing_role"));
        }
        if (!identity.scopes().containsAll(requirements.scopes())) {
            return Optional.of(Rejection.insufficientScope(String.join(" ", new TreeSet<>(requirements.scopes()))));
        }
        for (var claim : requirements.claims().entrySet()) {
            if (!matches(identity.claim(claim.getKey()).orElse(null), claim.getValue())) {
                return Optional.of(Rejection.of(ErrorCode.FORBIDDEN, "claim_mismatch"));
            }
        }
        return Optional.empty();
    }

    /** RFC 9470: why the caller's {@code acr} or {@code auth_time} falls short of {@code stepUp}, or empty. */
    private static Optional<String> stepUpFailure(Requirements.StepUp stepUp, Identity identity, long nowSeconds) {
        if (!stepUp.acrValues().isEmpty()) { // claims are read only when a rule needs them: a cached token parses them
            Object acr = identity.claims().get("acr");
            if (!(acr instanceof String value && stepUp.acrValues().contains(value))) {
                return Optional.of(acr == null ? "acr_missing" : "acr_not_accepted");
            }
        }
        if (stepUp.maxAge().isEmpty()) {
            return Optional.empty();
        }
        if (!(identity.claims().get("auth_time") instanceof Number authTime)) {
            return Optional.of("auth_time_missing");
        }
        return nowSeconds - (long) Math.floor(authTime.doubleValue()) > stepUp.maxAge().get().toSeconds()
                ? Optional.of("auth_time_too_old") : Optional.empty();
    }

    /** A scalar equal to one accepted value, or an array containing one (compared as strings). */
    static boolean matches(Object value, Set<String> accepted) {
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(v -> scalarMatches(v, accepted));
        }
        return scalarMatches(value, accepted);
    }

    private static boolean scalarMatches(Object value, Set<String> accepted) {
        return (value instanceof String || value instanceof Number || value instanceof Boolean)
                && accepted.contains(value.toString());
    }
}
