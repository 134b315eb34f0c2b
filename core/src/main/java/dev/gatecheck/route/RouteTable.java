package dev.gatecheck.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    /** The route for a method and a normalised path (see {@link RequestPath#normalise}). */
    public Route match(String method, String normalisedPath) {
        for (Entry entry : entries) {
            if (entry.route.coversMethod(method) && entry.pattern.matches(stripTrailingSlash(normalisedPath))) {
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

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static boolean overlap(Set<String> a, Set<String> b) {
        return a.isEmpty() || b.isEmpty() || a.stream().anyMatch(b::contains);
    }
}
