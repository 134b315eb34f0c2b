package dev.gatecheck.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link RouteTable} finds routes by lookups (exact path, then prefix bases from the longest): on random tables and
 * paths it answers what the definition answers, a scan of every pattern, most specific first.
 */
class RouteTableLookupTest {
    private static final String[] SEGMENTS = {"a", "b", "ab", "a.b", "-"};
    private static final List<Set<String>> METHODS = List.of(Set.of(), Set.of("GET"), Set.of("POST"),
            Set.of("GET", "DELETE"));

    /** The definition: the first covering pattern, by specificity, then configuration order. */
    private record Entry(PathPattern pattern, Route route) {
    }

    private record Scan(List<Entry> entries, Route fallback) {
        static Scan of(List<Route> routes, Route fallback) {
            List<Entry> entries = new ArrayList<>();
            routes.forEach(r -> r.paths().forEach(p -> entries.add(new Entry(PathPattern.parse(p), r))));
            entries.sort(Comparator.comparingInt((Entry e) -> e.pattern().specificity()).reversed());
            return new Scan(entries, fallback);
        }

        Route find(String method, String path) {
            return entries.stream().filter(e -> e.route().coversMethod(method) && e.pattern().matches(path))
                    .map(Entry::route).findFirst().orElse(fallback);
        }

        Optional<String> match(String method, String path) {
            Route route = find(method, path);
            if (path.length() > 1 && path.endsWith("/") && !route.equals(find(method, path.substring(0,
                    path.length() - 1)))) {
                return Optional.empty();
            }
            return Optional.of(route.name());
        }
    }

    @Test
    void findsWhatAScanOfEveryPatternFindsOnRandomTables() {
        Random random = new Random(20261205);
        int compared = 0;
        for (int t = 0; t < 300; t++) {
            List<Route> routes = randomRoutes(random);
            RouteTable table = RouteTable.of(routes, AuthMode.TOKEN);
            Scan scan = Scan.of(routes, table.fallback());
            for (int p = 0; p < 200; p++) {
                String path = randomPath(random, 5) + (random.nextInt(4) == 0 ? "/" : "");
                String method = random.nextBoolean() ? "GET" : random.nextBoolean() ? "POST" : "DELETE";
                assertThat(table.match(method, path).map(Route::name))
                        .as("%s %s in a table of %s", method, path, routes).isEqualTo(scan.match(method, path));
                compared++;
            }
        }
        assertThat(compared).as("requests compared").isGreaterThan(30_000);
    }

    /** Up to 12 routes; one that claims another's pattern for the same methods (refused by the table) is left out. */
    private static List<Route> randomRoutes(Random random) {
        List<Route> routes = new ArrayList<>();
        int count = 1 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
            List<String> paths = new ArrayList<>();
            for (int p = 0, n = 1 + random.nextInt(3); p < n; p++) {
                String base = randomPath(random, 3);
                paths.add(random.nextBoolean() ? (base.equals("/") ? "/*" : base + "/*") : base);
            }
            routes.add(new Route("r" + i, paths.stream().distinct().toList(),
                    METHODS.get(random.nextInt(METHODS.size())), AuthMode.PUBLIC, Requirements.NONE));
            try {
                RouteTable.of(routes, AuthMode.TOKEN);
            } catch (IllegalArgumentException twoRoutesClaimOnePattern) {
                routes.remove(routes.size() - 1);
            }
        }
        return routes;
    }

    private static String randomPath(Random random, int maxDepth) {
        StringBuilder path = new StringBuilder();
        for (int d = 0, depth = random.nextInt(maxDepth + 1); d < depth; d++) {
            path.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        return path.length() == 0 ? "/" : path.toString();
    }
}
