package dev.gatecheck.route;

import java.util.Map;
import java.util.Set;

/**
 * What an authenticated caller must have on a route: any one of {@code roles} (when not empty), every one
 * of {@code scopes}, and for each claim path one of the accepted values.
 *
 * @param roles accepted roles, any one suffices; empty means no role check
 * @param scopes required scopes, all of them
 * @param claims dotted claim path to accepted values (a scalar claim equal to one, or an array containing one)
 */
public record Requirements(Set<String> roles, Set<String> scopes, Map<String, Set<String>> claims) {
    /** No requirement beyond authentication. */
    public static final Requirements NONE = new Requirements(Set.of(), Set.of(), Map.of());

    public Requirements {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        Map<String, Set<String>> copy = new java.util.HashMap<>();
        claims.forEach((path, values) -> copy.put(path, Set.copyOf(values)));
        claims = Map.copyOf(copy);
        // A blank name can never be met: it is a mistake (an unset variable), not a requirement.
        if (roles.stream().anyMatch(String::isBlank)) {
            throw new Route.InvalidSetting("roles", "a role must not be blank");
        }
        if (scopes.stream().anyMatch(String::isBlank)) {
            throw new Route.InvalidSetting("scopes", "a scope must not be blank");
        }
        if (claims.keySet().stream().anyMatch(String::isBlank)
                || claims.values().stream().flatMap(Set::stream).anyMatch(String::isBlank)) {
            throw new Route.InvalidSetting("claims", "claim paths and values must not be blank");
        }
    }

    /** Requirements with these roles (any of) and no others. */
    public static Requirements roles(String... roles) {
        return new Requirements(Set.of(roles), Set.of(), Map.of());
    }

    /** Requirements with these scopes (all of) and no others. */
    public static Requirements scopes(String... scopes) {
        return new Requirements(Set.of(), Set.of(scopes), Map.of());
    }

    /** True when nothing beyond authentication is required. */
    public boolean isEmpty() {
        return roles.isEmpty() && scopes.isEmpty() && claims.isEmpty();
    }
}
