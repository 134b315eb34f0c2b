package dev.gatecheck.route;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an authenticated caller must have on a route: any one of {@code roles} (when not empty), every one
 * of {@code scopes}, for each claim path one of the accepted values, an authentication recent and strong enough
 * ({@code stepUp}, RFC 9470), and a DPoP-bound token ({@code dpop}, RFC 9449).
 *
 * @param roles accepted roles, any one suffices; empty means no role check
 * @param scopes required scopes, all of them
 * @param claims dotted claim path to accepted values (a scalar claim equal to one, or an array containing one)
 * @param stepUp the accepted {@code acr} values and the longest time since {@code auth_time}
 * @param dpop whether the token must be DPoP-bound ({@code gatecheck.routes.<name>.dpop=required})
 */
public record Requirements(Set<String> roles, Set<String> scopes, Map<String, Set<String>> claims, StepUp stepUp,
                           boolean dpop) {
    /** No requirement beyond authentication. */
    public static final Requirements NONE = new Requirements(Set.of(), Set.of(), Map.of());

    public Requirements {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        Map<String, Set<String>> copy = new java.util.HashMap<>();
        claims.forEach((path, values) -> copy.put(path, Set.copyOf(values)));
        claims = Map.copyOf(copy);
        Objects.requireNonNull(stepUp, "stepUp");
        // A blank name can never be met: it is a mistake (an unset variable), not a requirement.
        if (roles.stream().anyMatch(String::isBlank)) {
            throw new Route.InvalidSetting("roles", "a role must not be blank");
        }
        if (scopes.stream().anyMatch(String::isBlank)) {
            throw new Route.InvalidSetting("scopes", "a scope must not be blank");
        }
        // A token's scopes are split at spaces (RFC 6749 3.3): a scope with a space or a quote could never be met.
        scopes.stream().filter(scope -> !isScopeToken(scope)).findFirst().ifPresent(scope -> {
            throw new Route.InvalidSetting("scopes", "'" + scope + "' is not one scope (RFC 6749: printable ASCII"
                    + " without spaces, '\"' or '\\'); list several scopes separated by commas");
        });
        if (claims.keySet().stream().anyMatch(String::isBlank)
                || claims.values().stream().flatMap(Set::stream).anyMatch(String::isBlank)) {
            throw new Route.InvalidSetting("claims", "claim paths and values must not be blank");
        }
    }

    private static boolean isScopeToken(String scope) {
        return scope.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
    }

    /** Roles, scopes and claims, without step-up or DPoP. */
    public Requirements(Set<String> roles, Set<String> scopes, Map<String, Set<String>> claims) {
        this(roles, scopes, claims, StepUp.NONE, false);
    }

    /** Requirements with these roles (any of) and no others. */
    public static Requirements roles(String... roles) {
        return new Requirements(Set.of(roles), Set.of(), Map.of());
    }

    /** Requirements with these scopes (all of) and no others. */
    public static Requirements scopes(String... scopes) {
        return new Requirements(Set.of(), Set.of(scopes), Map.of());
    }

    /** These requirements with {@code stepUp} instead of their own. */
    public Requirements withStepUp(StepUp stepUp) {
        return new Requirements(roles, scopes, claims, stepUp, dpop);
    }

    /** These requirements, and a DPoP-bound token. */
    public Requirements withDpop() {
        return new Requirements(roles, scopes, claims, stepUp, true);
    }

    /**
     * These requirements (a resource's own) on a route that sets {@code route}: the route's DPoP requirement is kept,
     * and so is its step-up unless these name their own. How a caller authenticates is the route's to say; who may
     * call is the resource's.
     */
    public Requirements within(Requirements route) {
        return new Requirements(roles, scopes, claims, stepUp.isEmpty() ? route.stepUp : stepUp, dpop || route.dpop);
    }

    /** True when nothing beyond authentication is required. */
    public boolean isEmpty() {
        return roles.isEmpty() && scopes.isEmpty() && claims.isEmpty() && stepUp.isEmpty() && !dpop;
    }

    /**
     * RFC 9470 step-up: the caller's {@code acr} must be one of {@code acrValues} (when not empty), and its
     * {@code auth_time} at most {@code maxAge} ago (when given).
     *
     * @param acrValues accepted authentication context classes ({@code gatecheck.routes.<name>.acr})
     * @param maxAge the longest time since the user authenticated ({@code gatecheck.routes.<name>.max-age})
     */
    public record StepUp(Set<String> acrValues, Optional<Duration> maxAge) {
        /** No step-up requirement. */
        public static final StepUp NONE = new StepUp(Set.of(), Optional.empty());

        public StepUp {
            acrValues = Set.copyOf(acrValues);
            Objects.requireNonNull(maxAge, "maxAge");
            // Values travel space-separated in the challenge's acr_values: a space would split one in two.
            if (acrValues.stream().anyMatch(v -> v.isBlank() || !v.matches("[\\x21-\\x7E]+") || v.contains("\""))) {
                throw new Route.InvalidSetting("acr", "an acr value must be printable ASCII without spaces or quotes");
            }
            if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().toSeconds() < 1)) {
                throw new Route.InvalidSetting("max-age", "max-age must be at least one second");
            }
        }

        /** True when neither {@code acr} nor {@code max-age} is required. */
        public boolean isEmpty() {
            return acrValues.isEmpty() && maxAge.isEmpty();
        }
    }
}
