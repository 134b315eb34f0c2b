package dev.gatecheck;

import java.util.Collection;
import java.util.Set;

/** Whether a claim value satisfies a route's claim requirement. */
final class ClaimMatch {
    private ClaimMatch() {
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
