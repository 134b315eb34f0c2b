package dev.gatecheck.route;

import dev.gatecheck.internal.RequestPath;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** Exact patterns by their path, and prefix patterns by their base; each list in configuration order. */
    private final Map<String, List<Entry>> exact;
    private final Map<String, List<Entry>> prefixes;
    /** The lengths of the prefix bases, so a lookup is made only where a base of that length exists. */
    private final BitSet prefixLengths = new BitSet();

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
        // Most specific first (stable: configuration order within one pattern), as routes() lists them.
        list.sort((a, b) -> Integer.compare(b.pattern.specificity(), a.pattern.specificity()));
        this.entries = List.copyOf(list);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.exact = index(list, false);
        this.prefixes = index(list, true);
        prefixes.keySet().forEach(base -> prefixLengths.set(base.length()));
    }

    private static Map<String, List<Entry>> index(List<Entry> entries, boolean prefix) {
        Map<String, List<Entry>> index = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.pattern.prefix() == prefix) {
                index.computeIfAbsent(entry.pattern.base(), base -> new ArrayList<>()).add(entry);
            }
        }
        index.replaceAll((base, list) -> List.copyOf(list));
        return Map.copyOf(index);
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

    /**
     * The most specific covering route, found by lookups instead of a scan, so the cost grows with the path's
     * segments and not with the routes: the exact pattern of {@code path}, then the prefix patterns whose base is
     * {@code path} or one of its ancestors, longest first ({@code /a/b/c}: {@code /a/b/c/*}, {@code /a/b/*},
     * {@code /a/*}, {@code /*}).
     */
    private Route find(String method, String path) {
        Route route = covering(exact.get(path), method);
        int end = path.length();
        while (route == null) {
            if (prefixLengths.get(end)) {
                route = covering(prefixes.get(path.substring(0, end)), method);
            }
            if (end == 0) {
                break;
            }
            end = Math.max(path.lastIndexOf('/', end - 1), 0);
        }
        return route == null ? fallback : route;
    }

    private static Route covering(List<Entry> entries, String method) {
        if (entries != null) {
            for (Entry entry : entries) {
                if (entry.route.coversMethod(method)) {
                    return entry.route;
                }
            }
        }
        return null;
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
