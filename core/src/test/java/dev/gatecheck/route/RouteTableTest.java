package dev.gatecheck.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RouteTable}: longest match wins, exact beats prefix, methods restrict, the rest falls to the default mode. */
class RouteTableTest {

    private static Route route(String name, AuthMode mode, String... paths) {
        return new Route(name, List.of(paths), Set.of(), mode, Requirements.NONE);
    }

    private static Route route(String name, Set<String> methods, AuthMode mode, String... paths) {
        return new Route(name, List.of(paths), methods, mode, Requirements.NONE);
    }

    /** The name of the route {@code table} gives {@code method} and {@code path}; fails when there is none. */
    private static String nameOf(RouteTable table, String method, String path) {
        return table.match(method, path).orElseThrow(() -> new AssertionError("no route for " + method + " " + path))
                .name();
    }

    private final RouteTable table = RouteTable.of(List.of(
            route("everything-public", AuthMode.PUBLIC, "/public/*"),
            route("api", AuthMode.TOKEN, "/api/*"),
            route("api-admin", AuthMode.DENY, "/api/admin/*"),
            route("api-admin-exact", AuthMode.PUBLIC, "/api/admin"),
            route("health", AuthMode.PUBLIC, "/health"),
            route("docs-read", Set.of("GET", "HEAD"), AuthMode.PUBLIC, "/docs/*"),
            route("root", AuthMode.PUBLIC, "/")), AuthMode.TOKEN);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /public, everything-public",
            "GET, /public/a/b, everything-public",
            "GET, /publicity, (default)",
            "GET, /api, api",
            "GET, /api/users/7, api",
            "GET, /api/admin/x, api-admin",
            "GET, /api/admin/x/y, api-admin",
            "GET, /api/admin, api-admin-exact",
            "GET, /api/administrator, api",
            "GET, /health, health",
            "GET, /health/live, (default)",
            "GET, /healthz, (default)",
            "GET, /docs/guide, docs-read",
            "HEAD, /docs/guide, docs-read",
            "get, /docs/guide, docs-read",
            "POST, /docs/guide, (default)",
            "DELETE, /docs, (default)",
            "GET, /, root",
            "GET, /other, (default)",
            "GET, /API/users, (default)",
            "GET, /Health, (default)"
    })
    void matchesMostSpecificRouteCoveringTheMethod(String method, String path, String expected) {
        assertThat(table.match(method, path)).as("route for %s %s", method, path).map(Route::name).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/health/", "/api/admin/"})
    void refusesTrailingSlashThatChangesTheRoute(String path) {
        assertThat(table.match("GET", path)).as("%s takes another route than without its /", path).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/public/, everything-public", "/other/, (default)", "/api/users/, api"})
    void ignoresTrailingSlashThatKeepsTheRoute(String path, String expected) {
        assertThat(nameOf(table, "GET", path)).isEqualTo(expected);
    }

    @Test
    void prefixPatternAlsoMatchesItsBase() {
        RouteTable only = RouteTable.of(List.of(route("x", AuthMode.PUBLIC, "/x/*")), AuthMode.TOKEN);

        assertThat(nameOf(only, "GET", "/x")).isEqualTo("x");
        assertThat(nameOf(only, "GET", "/x/")).isEqualTo("x");
        assertThat(nameOf(only, "GET", "/xy")).as("/xy is not under /x").isEqualTo("(default)");
    }

    @Test
    void exactPatternBeatsPrefixOfTheSameBaseWhateverTheOrder() {
        Route exact = route("exact", AuthMode.PUBLIC, "/x");
        Route prefix = route("prefix", AuthMode.DENY, "/x/*");

        assertThat(nameOf(RouteTable.of(List.of(prefix, exact), AuthMode.TOKEN), "GET", "/x")).isEqualTo("exact");
        assertThat(nameOf(RouteTable.of(List.of(exact, prefix), AuthMode.TOKEN), "GET", "/x")).isEqualTo("exact");
    }

    @Test
    void longestPrefixWinsWhateverTheOrder() {
        Route shorter = route("shorter", AuthMode.PUBLIC, "/a/*");
        Route longer = route("longer", AuthMode.DENY, "/a/b/*");

        assertThat(nameOf(RouteTable.of(List.of(shorter, longer), AuthMode.TOKEN), "GET", "/a/b/c"))
                .isEqualTo("longer");
        assertThat(nameOf(RouteTable.of(List.of(longer, shorter), AuthMode.TOKEN), "GET", "/a/b/c"))
                .isEqualTo("longer");
    }

    @Test
    void rootWildcardCoversEveryPath() {
        RouteTable all = RouteTable.of(List.of(route("all", AuthMode.PUBLIC, "/*")), AuthMode.TOKEN);

        assertThat(nameOf(all, "GET", "/")).isEqualTo("all");
        assertThat(nameOf(all, "GET", "/anything/at/all")).isEqualTo("all");
    }

    @Test
    void methodRestrictedRouteLeavesOtherMethodsToTheNextMatch() {
        RouteTable t = RouteTable.of(List.of(
                route("write-admin", Set.of("POST"), AuthMode.DENY, "/items/admin/*"),
                route("items", AuthMode.PUBLIC, "/items/*")), AuthMode.TOKEN);

        assertThat(nameOf(t, "POST", "/items/admin/1")).isEqualTo("write-admin");
        assertThat(nameOf(t, "GET", "/items/admin/1")).as("GET is not the longer route's").isEqualTo("items");
    }

    @Test
    void samePatternSplitByMethodLeavesUncoveredMethodsToTheDefault() {
        RouteTable t = RouteTable.of(List.of(
                route("read", Set.of("GET"), AuthMode.PUBLIC, "/items/*"),
                route("write", Set.of("POST", "PUT"), AuthMode.TOKEN, "/items/*")), AuthMode.TOKEN);

        assertThat(nameOf(t, "GET", "/items/1")).isEqualTo("read");
        assertThat(nameOf(t, "PUT", "/items/1")).isEqualTo("write");
        assertThat(nameOf(t, "DELETE", "/items/1")).isEqualTo("(default)");
    }

    @Test
    void unmatchedPathsFallToTheDefaultModeWithoutRequirements() {
        Route fallback = table.match("GET", "/nowhere").orElseThrow();

        assertThat(fallback).isSameAs(table.fallback());
        assertThat(fallback.mode()).isEqualTo(AuthMode.TOKEN);
        assertThat(fallback.requirements().isEmpty()).isTrue();
    }

    @Test
    void routesListsEachConfiguredRouteOnceWithoutTheDefault() {
        RouteTable t = RouteTable.of(List.of(route("a", AuthMode.PUBLIC, "/a", "/a/*", "/b")), AuthMode.TOKEN);

        assertThat(t.routes()).extracting(Route::name).containsExactly("a");
    }

    @Test
    void refusesTwoRoutesWithTheSamePatternAndOverlappingMethods() {
        assertThatThrownBy(() -> RouteTable.of(List.of(
                route("a", Set.of("GET", "POST"), AuthMode.PUBLIC, "/x"),
                route("b", Set.of("POST"), AuthMode.TOKEN, "/x")), AuthMode.TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'").hasMessageContaining("'b'");
    }

    @Test
    void methodsAreComparedInUpperCase() {
        Route r = route("r", Set.of("get"), AuthMode.PUBLIC, "/r");

        assertThat(r.methods()).containsExactly("GET");
        assertThat(r.coversMethod("GET")).isTrue();
        assertThat(r.coversMethod("POST")).isFalse();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"GET POST", "GET/POST", "", " GET", "GÉT"})
    void refusesMethodNamesThatAreNotHttpTokens(String method) {
        assertThatThrownBy(() -> route("r", Set.of(method), AuthMode.TOKEN, "/r")).as("method '%s'", method)
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("method");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"admin", "/a/*/b", "/a/../b", "/a/./b", "//a", "/a/", "/a;x", "/a%2Fb", "/a*", "/**", "*"})
    void refusesPatternsNotInNormalForm(String pattern) {
        assertThatThrownBy(() -> PathPattern.parse(pattern)).as("pattern '%s'", pattern)
                .isInstanceOf(IllegalArgumentException.class);
    }
}
