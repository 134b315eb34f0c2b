package dev.gatecheck;

import static dev.gatecheck.testing.SpecFixture.allowed;
import static dev.gatecheck.testing.SpecFixture.denied;
import static dev.gatecheck.testing.SpecFixture.get;
import static dev.gatecheck.testing.SpecFixture.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.testing.SpecFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Route selection through {@link Gatecheck#authenticate}: the path is normalised before the route table is
 * consulted, so no spelling of a protected path reaches it under a public rule.
 */
class RoutingDecisionTest {
    private final Gatecheck gatecheck = SpecFixture.gatecheck(
            "gatecheck.routes.api.paths", "/api/*",
            "gatecheck.routes.api.auth", "public",
            "gatecheck.routes.public.paths", "/public/*",
            "gatecheck.routes.public.auth", "public",
            "gatecheck.routes.admin.paths", "/admin,/admin/*",
            "gatecheck.routes.admin.roles", "admin",
            "gatecheck.routes.members.paths", "/members/*",
            "gatecheck.routes.members.roles", "**");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/../admin", "/api/%2e%2e/admin", "/public/..;/admin", "/public/x/../../admin",
            "/admin;x", "/admin;jsessionid=1", "//admin", "/./admin", "/admin/", "/api/..;a=b/admin/users"})
    void spellingOfAProtectedPathStillNeedsAToken(String path) {
        denied(gatecheck.authenticate(get(path)), 401, "missing_authorization_header");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/../admin", "/public/..;/admin", "/admin;x"})
    void spellingOfAnAdminPathStillNeedsTheRole(String path) {
        denied(gatecheck.authenticate(get(path, token())), 403, "forbidden");
    }

    @Test
    void publicPrefixCoversItsPaths() {
        allowed(gatecheck.authenticate(get("/api/users/7")));
        allowed(gatecheck.authenticate(get("/public;x/file")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/%2F../admin", "/api/..%2Fadmin", "/api/%5C..%5Cadmin", "/api/%25%32%65%25%32%65/admin",
            "/api/%00/x", "/api/%C0%AF", "/..", "/../admin", "api/users"})
    void malformedPathIsABadRequest(String path) {
        Rejection rejection = denied(gatecheck.authenticate(get(path, token())), 400, "invalid_request");

        assertThat(rejection.detail()).isEqualTo("malformed_path");
    }

    @Test
    void trailingSlashThatChangesTheRouteIsABadRequest() {
        Gatecheck health = SpecFixture.gatecheck("gatecheck.routes.health.paths", "/health",
                "gatecheck.routes.health.auth", "public");

        allowed(health.authenticate(get("/health")));
        Rejection rejection = denied(health.authenticate(get("/health/")), 400, "invalid_request");
        assertThat(rejection.detail()).isEqualTo("malformed_path");
    }

    @Test
    void pathTheContainerDispatchesElsewhereIsABadRequest() {
        // A container that keeps the empty segment resolves /admin//../api/x to /admin/api/x.
        AuthRequest request = AuthRequest.builder("GET", "/app/admin//../api/x").contextPath("/app")
                .dispatchedPath("/admin/api/x").build();

        Rejection rejection = denied(gatecheck.authenticate(request), 400, "invalid_request");
        assertThat(rejection.detail()).isEqualTo("malformed_path");
    }

    @Test
    void pathTheContainerDispatchesAlikeIsDecidedAsUsual() {
        AuthRequest request = AuthRequest.builder("GET", "/app/api/x/..").contextPath("/app")
                .dispatchedPath("/api").build();

        assertThat(allowed(gatecheck.authenticate(request)).route()).isEqualTo("api");
    }

    @Test
    void directoryIsDecidedOnTheWelcomeFileTheContainerServes() {
        Gatecheck docs = SpecFixture.gatecheck("gatecheck.routes.landing.paths", "/docs/index.html",
                "gatecheck.routes.landing.auth", "public");
        AuthRequest request = AuthRequest.builder("GET", "/app/docs/").contextPath("/app")
                .dispatchedPath("/docs/index.html").build();

        assertThat(allowed(docs.authenticate(request)).route()).isEqualTo("landing");
    }

    @Test
    void upperCasePathIsADifferentPathAndFallsToTheDefaultTokenMode() {
        // Matching is case-sensitive like servlet mappings: /ADMIN is not the admin route. It is not public
        // either: the default mode still demands a valid token.
        denied(gatecheck.authenticate(get("/ADMIN")), 401, "missing_authorization_header");
        Decision.Allow allow = allowed(gatecheck.authenticate(get("/ADMIN", token())));
        assertThat(allow.identity()).as("a valid token is all the default route asks").isPresent();
    }

    @Test
    void upperCaseSpellingOfAPublicPathIsNotPublic() {
        denied(gatecheck.authenticate(get("/API/users")), 401, "missing_authorization_header");
    }

    @Test
    void methodListThatNamesNoRealMethodIsRefusedRatherThanSilentlyDroppingTheRoleCheck() {
        // "GET POST" is one bogus method name; accepted, the admin route would never match and any valid
        // token would pass the default route without the admin role.
        assertThatThrownBy(() -> SpecFixture.gatecheck("gatecheck.routes.admin.paths", "/admin/*",
                "gatecheck.routes.admin.methods", "GET POST", "gatecheck.routes.admin.roles", "admin"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void unmatchedPathUsesTheDefaultTokenMode() {
        denied(gatecheck.authenticate(get("/elsewhere")), 401, "missing_authorization_header");
        allowed(gatecheck.authenticate(get("/elsewhere", token())));
    }

    @Test
    void aDoubleStarRoleRouteAdmitsAnyAuthenticatedCaller() {
        denied(gatecheck.authenticate(get("/members/x")), 401, "missing_authorization_header");
        allowed(gatecheck.authenticate(get("/members/x", token())));
    }
}
