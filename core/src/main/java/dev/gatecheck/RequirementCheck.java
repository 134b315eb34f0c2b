package dev.gatecheck;

import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.route.Requirements;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Whether an authenticated caller meets a route's roles (any of), scopes (all of) and claims. */
final class RequirementCheck {
    private RequirementCheck() {
    }

    /** The rejection for the first requirement {@code identity} does not meet, or empty. */
    static Optional<Rejection> unmet(Requirements requirements, Identity identity) {
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
