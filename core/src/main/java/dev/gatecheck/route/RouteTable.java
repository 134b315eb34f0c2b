package dev.gatecheck.route;

import dev.gatecheck.internal.RequestPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the route for a request: among the routes covering the method, the most specific path pattern wins
 * (longest base; an exact pattern beats a prefix of the same base). Paths no route covers fall to the default
 * route, which authenticates with {@code gatecheck.mode}. Built once; immutable.
 */
public final class RouteTable {
    private final List<Entry> entries;
    private final Route fallback;

    private record Entry(PathPattern pattern, Route route) {
    }

    private RouteTable(List<Route> routes, Route fallback) {
        List<Entry> list = new ArrayList<>();
        for (Route route : routes) {
            for (String path : route.paths()) {
                Entry entry = new Entry(PathPattern.parse(path), route);
                for (Entry other : list) {
                    if (other.pattern.equals(entry.pattern) && overlap(other.route.methods(), route.methods())) {
                        throw new IllegalArgumentException("routes '" + other.route.name() + "' and '"
                                + route.name() + "' both claim " + path + " for the same methods");
                    }
                }
                list.add(entry);
            }
        }
        // Most specific first, so the first covering entry is the answer.
        list.sort((a, b) -> Integer.compare(b.pattern.specificity(), a.pattern.specificity()));
        this.entries = List.copyOf(list);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** A table of {@code routes}; unmatched requests use {@code defaultMode} without requirements. */
    public static RouteTable of(List<Route> routes, AuthMode defaultMode) {
        return new RouteTable(routes, new Route("(default)", List.of("/*"), Set.of(), defaultMode,
                Requirements.NONE));
    }

    /**
     * The route for a method and a normalised path (see {@link RequestPath#normalise}), empty when a trailing
     * {@code /} makes it ambiguous. {@code /x/} has a route only when {@code /x} has the same one: under an exact
     * pattern {@code /x}, JAX-RS serves {@code /x/} from the resource of {@code /x} and a servlet container from
     * another servlet (and containers differ on whether {@code /x/.} keeps its {@code /}), so no one route is
     * right for both.
     */
    public Optional<Route> match(String method, String normalisedPath) {
        Route route = find(method, normalisedPath);
        if (normalisedPath.length() > 1 && normalisedPath.endsWith("/")
                && !route.equals(find(method, normalisedPath.substring(0, normalisedPath.length() - 1)))) {
            return Optional.empty();
        }
        return Optional.of(route);
    }

    private Route find(String method, String path) {
        for (Entry entry : entries) {
            if (entry.route.coversMethod(method) && entry.pattern.matches(path)) {
                return entry.route;
            }
        }
        return fallback;
    }

    /** Every configured route, without the default. */
    public List<Route> routes() {
        return entries.stream().map(Entry::route).distinct().toList();
    }

    /** The route that covers what no configured route does. */
    public Route fallback() {
        return fallback;
    }

    private static boolean overlap(Set<String> a, Set<String> b) {
        return a.isEmpty() || b.isEmpty() || a.stream().anyMatch(b::contains);
    }
}
