package dev.gatecheck;

import static dev.gatecheck.testing.SpecFixture.ISSUER;
import static dev.gatecheck.testing.SpecFixture.allowed;
import static dev.gatecheck.testing.SpecFixture.denied;
import static dev.gatecheck.testing.SpecFixture.get;
import static dev.gatecheck.testing.SpecFixture.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.keys.KeyLookup;
import dev.gatecheck.testing.SpecFixture;
import dev.gatecheck.testing.Tokens;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link Gatecheck#authenticate} decides for each route mode and requirement. */
class GatecheckDecisionTest {
    private final Gatecheck gatecheck = SpecFixture.gatecheck(
            "gatecheck.routes.health.paths", "/health",
            "gatecheck.routes.health.auth", "public",
            "gatecheck.routes.internal.paths", "/internal/*",
            "gatecheck.routes.internal.auth", "deny",
            "gatecheck.routes.admin.paths", "/admin/*",
            "gatecheck.routes.admin.roles", "admin,ops",
            "gatecheck.routes.reports.paths", "/reports/*",
            "gatecheck.routes.reports.scopes", "reports:write,reports:read",
            "gatecheck.routes.acme.paths", "/acme/*",
            "gatecheck.routes.acme.claims", "tenant=acme,tenant=acme-eu");

    // --- public routes -------------------------------------------------------------------------------------

    @Test
    void publicRouteWithoutTokenIsAllowedAnonymously() {
        Decision.Allow allow = allowed(gatecheck.authenticate(get("/health")));

        assertThat(allow.identity()).as("no credential, no identity").isEmpty();
    }

    @Test
    void publicRouteWithoutTokenHidesClientSentIdentityHeaders() {
        Decision.Allow allow = allowed(gatecheck.authenticate(AuthRequest.builder("GET", "/health")
                .header("X-User-ID", "admin").header("x-user-roles", "admin").header("X-User-Org", "acme").build()));

        assertThat(allow.headers().hides("X-User-ID")).as("client-sent X-User-ID is hidden").isTrue();
        assertThat(allow.headers().hides("X-User-Roles")).isTrue();
        assertThat(allow.headers().hides("x-user-org")).isTrue();
        assertThat(allow.headers().valueOf("X-User-ID")).as("and nothing is put in its place").isEmpty();
    }

    @Test
    void publicRouteWithValidTokenCarriesTheIdentity() {
        Decision.Allow allow = allowed(gatecheck.authenticate(get("/health", token())));

        assertThat(allow.identity()).get().extracting(Identity::subject).isEqualTo("alice");
        assertThat(allow.headers().valueOf("X-User-ID")).contains("alice");
    }

    @Test
    void publicRouteWithInvalidTokenIsUnauthorized() {
        String expired = expiredToken();

        Rejection rejection = denied(gatecheck.authenticate(get("/health", expired)), 401, "invalid_token");

        assertThat(rejection.detail()).isEqualTo("expired");
    }

    @Test
    void publicRouteWithAnotherSchemeIsAllowedAnonymously() {
        Decision.Allow allow = allowed(gatecheck.authenticate(AuthRequest.builder("GET", "/health")
                .header("Authorization", "Basic dXNlcjpwdw==").build()));

        assertThat(allow.identity()).isEmpty();
    }

    // --- deny and requirements -----------------------------------------------------------------------------

    @Test
    void denyRouteIsForbiddenEvenWithAValidToken() {
        denied(gatecheck.authenticate(get("/internal/metrics")), 403, "forbidden");
        denied(gatecheck.authenticate(get("/internal/metrics", token("root", "\"roles\":[\"admin\"]"))), 403,
                "forbidden");
    }

    @Test
    void roleRouteAcceptsAnyOneOfItsRoles() {
        allowed(gatecheck.authenticate(get("/admin/x", token("alice", "\"roles\":[\"ops\"]"))));
        allowed(gatecheck.authenticate(get("/admin/x", token("alice", "\"roles\":[\"viewer\",\"admin\"]"))));
    }

    @Test
    void roleRouteForbidsTokenWithoutAnyOfItsRoles() {
        Rejection rejection = denied(gatecheck.authenticate(get("/admin/x", token("alice", "\"roles\":[\"viewer\"]"))),
                403, "forbidden");

        assertThat(rejection.wwwAuthenticate()).as("a 403 forbidden carries no bearer challenge").isEmpty();
    }

    @Test
    void roleRouteWithoutTokenIsUnauthorizedNotForbidden() {
        denied(gatecheck.authenticate(get("/admin/x")), 401, "missing_authorization_header");
    }

    @Test
    void scopeRouteAcceptsTokenWithEveryScope() {
        allowed(gatecheck.authenticate(get("/reports/1",
                token("alice", "\"scope\":\"reports:read openid reports:write\""))));
    }

    @Test
    void scopeRouteRejectsTokenMissingOneScopeNamingTheRequiredScopes() {
        Rejection rejection = denied(gatecheck.authenticate(get("/reports/1",
                token("alice", "\"scope\":\"reports:read\""))), 403, "insufficient_scope");

        assertThat(rejection.wwwAuthenticate()).get().asString()
                .startsWith("Bearer error=\"insufficient_scope\"")
                .contains("scope=\"reports:read reports:write\"");
    }

    @Test
    void scopeRouteRejectsTokenWithScopesOnlyInRoles() {
        denied(gatecheck.authenticate(get("/reports/1",
                token("alice", "\"roles\":[\"reports:read\",\"reports:write\"]"))), 403, "insufficient_scope");
    }

    @Test
    void claimRouteAcceptsAnyOneOfItsValues() {
        allowed(gatecheck.authenticate(get("/acme/x", token("alice", "\"tenant\":\"acme-eu\""))));
        allowed(gatecheck.authenticate(get("/acme/x", token("alice", "\"tenant\":[\"other\",\"acme\"]"))));
    }

    @Test
    void claimRouteForbidsOtherValueOrAbsentClaim() {
        denied(gatecheck.authenticate(get("/acme/x", token("alice", "\"tenant\":\"globex\""))), 403, "forbidden");
        denied(gatecheck.authenticate(get("/acme/x", token())), 403, "forbidden");
        denied(gatecheck.authenticate(get("/acme/x", token("alice", "\"tenant\":{\"name\":\"acme\"}"))), 403,
                "forbidden");
    }

    @Test
    void claimRequirementReadsDottedPaths() {
        Gatecheck nested = SpecFixture.gatecheck("gatecheck.routes.eu.paths", "/eu/*",
                "gatecheck.routes.eu.claims", "address.country=DE");

        allowed(nested.authenticate(get("/eu/x", token("alice", "\"address\":{\"country\":\"DE\"}"))));
        denied(nested.authenticate(get("/eu/x", token("alice", "\"address\":{\"country\":\"US\"}"))), 403, "forbidden");
    }

    // --- CORS preflight ------------------------------------------------------------------------------------

    private static AuthRequest preflight(String path) {
        return AuthRequest.builder("OPTIONS", path).header("Origin", "https://app.test")
                .header("Access-Control-Request-Method", "POST").build();
    }

    @Test
    void preflightIsSkippedByDefault() {
        Decision.Allow allow = allowed(gatecheck.authenticate(preflight("/admin/x")));

        assertThat(allow.identity()).isEmpty();
        assertThat(allow.headers().hides("X-User-ID")).as("identity headers are still hidden").isTrue();
    }

    @Test
    void preflightIsAuthenticatedWhenConfigured() {
        Gatecheck strict = SpecFixture.gatecheck("gatecheck.preflight", "authenticate");

        denied(strict.authenticate(preflight("/admin/x")), 401, "missing_authorization_header");
    }

    @Test
    void optionsWithoutOriginIsNotAPreflight() {
        AuthRequest options = AuthRequest.builder("OPTIONS", "/admin/x")
                .header("Access-Control-Request-Method", "POST").build();

        denied(gatecheck.authenticate(options), 401, "missing_authorization_header");
    }

    @Test
    void optionsWithoutRequestMethodIsNotAPreflight() {
        AuthRequest options = AuthRequest.builder("OPTIONS", "/admin/x").header("Origin", "https://app.test").build();

        denied(gatecheck.authenticate(options), 401, "missing_authorization_header");
    }

    @Test
    void preflightHeadersOnAnotherMethodAreNotAPreflight() {
        AuthRequest post = AuthRequest.builder("POST", "/admin/x").header("Origin", "https://app.test")
                .header("Access-Control-Request-Method", "POST").build();

        denied(gatecheck.authenticate(post), 401, "missing_authorization_header");
    }

    // --- identity headers ----------------------------------------------------------------------------------

    @Test
    void identityHeadersAreDerivedFromTheToken() {
        Decision.Allow allow = allowed(gatecheck.authenticate(get("/x",
                token("alice", "\"org\":\"acme\",\"roles\":[\"admin\",\"dev\",\"ops\"]"))));

        assertThat(allow.headers().valueOf("X-User-ID")).contains("alice");
        assertThat(allow.headers().valueOf("X-User-Org")).contains("acme");
        assertThat(allow.headers().valueOf("X-User-Roles")).as("roles comma-joined in token order")
                .contains("admin,dev,ops");
    }

    @Test
    void identityHeaderNamesAreCaseInsensitive() {
        Decision.Allow allow = allowed(gatecheck.authenticate(get("/x", token())));

        assertThat(allow.headers().valueOf("x-user-id")).contains("alice");
        assertThat(allow.headers().hides("x-USER-id")).isTrue();
    }

    @Test
    void clientCopiesOfIdentityHeadersAreReplacedByTokenValues() {
        AuthRequest forged = AuthRequest.builder("GET", "/x").bearer(token())
                .header("X-User-ID", "admin").header("X-User-Roles", "admin").header("X-User-Org", "evil").build();

        Decision.Allow allow = allowed(gatecheck.authenticate(forged));

        assertThat(allow.headers().valueOf("X-User-ID")).contains("alice");
        assertThat(allow.headers().hides("X-User-Roles")).as("client roles hidden though the token has none").isTrue();
        assertThat(allow.headers().valueOf("X-User-Roles")).as("no roles in the token, no roles header").isEmpty();
        assertThat(allow.headers().hides("X-User-Org")).isTrue();
        assertThat(allow.headers().valueOf("X-User-Org")).isEmpty();
    }

    @Test
    void authorizationHeaderIsHiddenByDefault() {
        Decision.Allow allow = allowed(gatecheck.authenticate(get("/x", token())));

        assertThat(allow.headers().hides("Authorization")).isTrue();
    }

    @Test
    void authorizationHeaderIsVisibleWhenHideAuthorizationIsFalse() {
        Gatecheck visible = SpecFixture.gatecheck("gatecheck.forward.hide-authorization", "false");

        Decision.Allow allow = allowed(visible.authenticate(get("/x", token())));

        assertThat(allow.headers().hides("Authorization")).isFalse();
        assertThat(allow.headers().hides("X-User-ID")).isTrue();
    }

    @Test
    void refusesATokenWithAControlCharacterInsteadOfStrippingIt() {
        Rejection rejection = denied(gatecheck.authenticate(get("/x",
                token("alice\\r\\nX-Admin: true", "\"org\":\"acme\""))), 401, "invalid_token");

        assertThat(rejection.detail()).isEqualTo("claim_invalid");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"org\":\" acme\"", "\"org\":\"ac\\u0000me\"", "\"scope\":[\"read write\"]",
            "\"roles\":[\"admin\\u007f\"]", "\"roles\":[\"user,admin\"]"})
    void refusesATokenWhoseIdentityHeadersCouldNotShowItsValues(String claims) {
        Rejection rejection = denied(gatecheck.authenticate(get("/x", token("alice", claims))), 401, "invalid_token");

        assertThat(rejection.detail()).as("refused, never rewritten").isEqualTo("claim_invalid");
    }

    @Test
    void refusesATokenWhoseForwardedClaimCouldNotBeShownFaithfully() {
        Gatecheck custom = SpecFixture.gatecheck("gatecheck.forward.headers", "X-User-ID:sub,X-Tenant:tenant,X-Groups:groups");

        denied(custom.authenticate(get("/x", token("alice", "\"tenant\":\"acme\\t\""))), 401, "invalid_token");
        denied(custom.authenticate(get("/x", token("alice", "\"groups\":[\"a,b\"]"))), 401, "invalid_token");
        allowed(custom.authenticate(get("/x", token("alice", "\"tenant\":\"acme corp\",\"groups\":[\"a b\"]"))));
    }

    @Test
    void aClaimThatIsNotForwardedMayHoldAnyCharacter() {
        allowed(gatecheck.authenticate(get("/x", token("alice", "\"note\":\" line one\\nline two \""))));
    }

    @Test
    void configuredForwardHeadersReadClaimPaths() {
        Gatecheck custom = SpecFixture.gatecheck("gatecheck.forward.headers",
                "X-Subject:sub,X-Tenant:tenant.id,X-Scopes:scopes,X-Groups:groups");

        Decision.Allow allow = allowed(custom.authenticate(AuthRequest.builder("GET", "/x")
                .bearer(token("alice", "\"tenant\":{\"id\":7},\"scope\":\"read write\",\"groups\":[\"g1\",\"g2\"]"))
                .header("X-User-ID", "admin").build()));

        assertThat(allow.headers().valueOf("X-Subject")).contains("alice");
        assertThat(allow.headers().valueOf("X-Tenant")).contains("7");
        assertThat(allow.headers().valueOf("X-Scopes")).contains("read write");
        assertThat(allow.headers().valueOf("X-Groups")).contains("g1,g2");
        assertThat(allow.headers().hides("X-User-ID")).as("X-User-ID is no longer an identity header").isFalse();
    }

    // --- key source outage ---------------------------------------------------------------------------------

    @Test
    void keySourceOutageIsServiceUnavailableWithRetryAfter() {
        AtomicInteger lookups = new AtomicInteger();
        Gatecheck down = Gatecheck.create(GatecheckConfig.builder().clock(SpecFixture.CLOCK)
                .jwt(j -> j.issuer(ISSUER).keySource((kid, alg) -> {
                    lookups.incrementAndGet();
                    return new KeyLookup.Unavailable("connection refused", Duration.ofSeconds(30));
                }))
                .build());

        Rejection rejection = denied(down.authenticate(get("/x", token())), 503, "auth_unavailable");

        assertThat(lookups).hasValue(1);
        assertThat(rejection.headers()).containsEntry("Retry-After", "30");
        assertThat(rejection.wwwAuthenticate()).as("an outage is not the caller's fault: no challenge").isEmpty();
        assertThat(rejection.body()).doesNotContain("connection refused");
    }

    @Test
    void keySourceIsNotAskedWithoutAToken() {
        AtomicInteger lookups = new AtomicInteger();
        Gatecheck down = Gatecheck.create(GatecheckConfig.builder().clock(SpecFixture.CLOCK)
                .jwt(j -> j.issuer(ISSUER).keySource((kid, alg) -> {
                    lookups.incrementAndGet();
                    return new KeyLookup.Unavailable("down", Duration.ofSeconds(5));
                }))
                .build());

        denied(down.authenticate(get("/x")), 401, "missing_authorization_header");
        assertThat(lookups).hasValue(0);
    }

    /** A token of the fixture issuer that expired 50 minutes ago. */
    private static String expiredToken() {
        return Tokens.signWithKid("RS256", SpecFixture.RSA.getPrivate(), null,
                Tokens.claims(ISSUER, "alice", SpecFixture.AUDIENCE, SpecFixture.NOW_S - 3600, 600, ""));
    }
}
