package dev.gatecheck.jaxrs;

import static dev.gatecheck.testing.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.servlet.GatecheckFilter;
import dev.gatecheck.servlet.ServletContainer;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.Http.Reply;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What only JAX-RS has, run over real HTTP against each JAX-RS implementation in a servlet container: access
 * annotations (method, class, overrides, {@code @OPTIONS} methods), {@code @HeaderParam}, the runtime's own 404, and
 * the servlet filter in front. What every adapter must do is the shared table
 * ({@link dev.gatecheck.testing.AdapterScenarios}, run by {@link JerseyAdapterTest} and {@link ResteasyAdapterTest}).
 * The context {@code /app} holds three deployments of {@link TestResources}: {@code /api/*} (the engine of
 * {@link Fixture#GATECHECK}), {@code /visible/*} (one that shows {@code Authorization}) and {@code /behind/*}
 * (behind the servlet adapter's {@link GatecheckFilter}, which authenticated first with its own engine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaxrsScenarios {
    private static final String MISSING = "{\"error\":\"missing_authorization_header\",\"detail\":\"no_bearer_token\"}";
    private static final String FORBIDDEN_ROLE = "{\"error\":\"forbidden\",\"detail\":\"missing_role\"}";
    private static final String DENIED = "{\"error\":\"forbidden\",\"detail\":\"route_denied\"}";
    /** What a resource sees of an anonymous caller: no principal, no identity header, no Authorization. */
    private static final String ANONYMOUS = """
            principal=none
            identity=none
            scheme=null
            admin=false
            secure=false
            X-User-ID=[]
            X-User-Roles=[]
            Authorization=[]
            """;

    private final JaxrsRuntime runtime;
    private final ServletContainer container;
    private ServletContainer.Deployment deployment;
    private Http.Target http;

    /** The suite on {@code runtime}, in {@code container}. */
    JaxrsScenarios(JaxrsRuntime runtime, ServletContainer container) {
        this.runtime = runtime;
        this.container = container;
    }

    @BeforeAll
    void startServer() throws Exception {
        deployment = container.deploy((classes, context) -> {
            runtime.serve(context, TestResources.App.class, "/api");
            runtime.serve(context, TestResources.ShowingAuthorizationApp.class, "/visible");
            runtime.serve(context, TestResources.App.class, "/behind");
            context.addFilter("gatecheck", new GatecheckFilter(Fixture.SERVLET_FILTER))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/behind/*");
        });
        http = Http.at(deployment.uri(""));
    }

    @AfterAll
    void stopServer() {
        deployment.close();
    }

    private static String alice(String roles) {
        return Fixture.token("alice", roles.isEmpty() ? "" : "\"roles\":[" + roles + "]");
    }

    private static String withScope(String scope) {
        return Fixture.token("alice", "\"scope\":\"" + scope + "\"");
    }

    private static void assertRejected(Reply reply, int status, String body) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body()).isEqualTo(body);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(reply.header("Cache-Control")).contains("no-store");
    }

    // Route table and annotations

    @Test
    void anAnnotationReplacesARouteTableDeny() {
        assertThat(http.get("/api/closed/annotated").body()).isEqualTo("closed annotated\n");
    }

    @Test
    void aPathNoResourceServesIsTheRuntimes404() {
        assertThat(http.get("/api/nowhere").status()).isEqualTo(404);
    }

    // Method annotations

    @Test
    void permitAllLetsAnonymousCallersIn() {
        Reply reply = http.get("/api/annotated/permit");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(ANONYMOUS);
    }

    @Test
    void permitAllStillAuthenticatesAPresentedToken() {
        assertThat(http.get("/api/annotated/permit", bearer(alice(""))).body()).startsWith("principal=alice\n");
    }

    @Test
    void permitAllRejectsAnInvalidToken() {
        assertRejected(http.get("/api/annotated/permit", bearer(Fixture.expiredToken("alice"))), 401,
                "{\"error\":\"invalid_token\",\"detail\":\"expired\"}");
    }

    @Test
    void denyAllDeniesEveryone() {
        assertRejected(http.get("/api/annotated/deny"), 403, DENIED);
        assertRejected(http.get("/api/annotated/deny", bearer(alice("\"admin\""))), 403, DENIED);
    }

    @Test
    void rolesAllowedAsksAnonymousCallersToAuthenticate() {
        Reply reply = http.get("/api/annotated/admin");
        assertRejected(reply, 401, MISSING);
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void rolesAllowedForbidsCallersWithoutTheRole() {
        Reply reply = http.get("/api/annotated/admin", bearer(alice("\"user\"")));
        assertRejected(reply, 403, FORBIDDEN_ROLE);
        assertThat(reply.header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void rolesAllowedLetsCallersWithTheRoleIn() {
        Reply reply = http.get("/api/annotated/admin", bearer(alice("\"admin\"")));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).startsWith("principal=alice\nidentity=alice\nscheme=BEARER\nadmin=true\n");
    }

    @Test
    void rolesAllowedDoubleStarMeansAnyAuthenticatedCaller() {
        assertRejected(http.get("/api/annotated/any"), 401, MISSING);
        assertThat(http.get("/api/annotated/any", bearer(alice(""))).status()).isEqualTo(200);
    }

    @Test
    void requiresScopesNeedsEveryScope() {
        Reply reply = http.get("/api/annotated/reports", bearer(withScope("reports:read")));
        assertRejected(reply, 403, "{\"error\":\"insufficient_scope\",\"detail\":\"insufficient_scope\"}");
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer error=\"insufficient_scope\","
                + " error_description=\"insufficient_scope\", scope=\"reports:list reports:read\"");
        assertThat(http.get("/api/annotated/reports", bearer(withScope("reports:list reports:read"))).body())
                .isEqualTo("reports\n");
        assertRejected(http.get("/api/annotated/reports"), 401, MISSING);
    }

    @Test
    void rolesAndScopesOnOneMethodBothApply() {
        String adminWithoutScope = Fixture.token("alice", "\"roles\":[\"admin\"]");
        String scopeWithoutAdmin = withScope("reports:read");
        String both = Fixture.token("alice", "\"roles\":[\"admin\"],\"scope\":\"reports:read\"");
        assertThat(http.get("/api/annotated/admin-reports", bearer(adminWithoutScope)).status()).isEqualTo(403);
        assertRejected(http.get("/api/annotated/admin-reports", bearer(scopeWithoutAdmin)), 403, FORBIDDEN_ROLE);
        assertThat(http.get("/api/annotated/admin-reports", bearer(both)).body()).isEqualTo("admin reports\n");
    }

    // Class annotations and method overrides

    @Test
    void aClassRolesAllowedCoversItsUnannotatedMethods() {
        assertRejected(http.get("/api/staff"), 401, MISSING);
        assertRejected(http.get("/api/staff", bearer(alice("\"user\""))), 403, FORBIDDEN_ROLE);
        assertThat(http.get("/api/staff", bearer(alice("\"staff\""))).body()).isEqualTo("staff list\n");
    }

    @Test
    void aMethodPermitAllBeatsTheClassRoles() {
        assertThat(http.get("/api/staff/notice").body()).isEqualTo("staff notice\n");
    }

    @Test
    void aMethodRolesAllowedReplacesTheClassRoles() {
        assertRejected(http.get("/api/staff/boss", bearer(alice("\"staff\""))), 403, FORBIDDEN_ROLE);
        assertThat(http.get("/api/staff/boss", bearer(alice("\"boss\""))).body()).isEqualTo("boss\n");
    }

    @Test
    void aMethodRequiresScopesAddsToTheClassRoles() {
        assertThat(http.get("/api/staff/reports", bearer(alice("\"staff\""))).status()).isEqualTo(403);
        assertRejected(http.get("/api/staff/reports", bearer(withScope("reports:read"))), 403, FORBIDDEN_ROLE);
        String staffWithScope = Fixture.token("alice", "\"roles\":[\"staff\"],\"scope\":\"reports:read\"");
        assertThat(http.get("/api/staff/reports", bearer(staffWithScope)).body()).isEqualTo("staff reports\n");
    }

    @Test
    void aMethodDenyAllBeatsTheClassRoles() {
        assertRejected(http.get("/api/staff/closed", bearer(alice("\"staff\""))), 403, DENIED);
    }

    @Test
    void aMethodRequiresScopesBeatsAClassPermitAll() {
        assertThat(http.get("/api/public-class").body()).isEqualTo("public\n");
        assertRejected(http.get("/api/public-class/scoped"), 401, MISSING);
        assertThat(http.get("/api/public-class/scoped", bearer(withScope("reports:read"))).body())
                .isEqualTo("scoped\n");
    }

    // What resources see

    @Test
    void headerParamsSeeTheDerivedValuesAndNoAuthorization() {
        String token = Fixture.token("alice", "\"org\":\"acme\"");
        Reply reply = http.get("/api/plain/headers", bearer(token, "X-User-ID", "admin", "X-User-Org", "evil"));
        assertThat(reply.body()).isEqualTo("X-User-ID=alice\nX-User-Org=acme\nAuthorization=null\n");
    }

    @Test
    void authorizationIsVisibleWhenConfigured() {
        String token = alice("");
        assertThat(http.get("/visible/plain/headers", bearer(token)).body())
                .isEqualTo("X-User-ID=alice\nX-User-Org=null\nAuthorization=Bearer " + token + "\n");
    }

    private Reply preflight(String path, String... more) {
        String[] headers = java.util.Arrays.copyOf(new String[] {"Origin", "https://app.example",
            "Access-Control-Request-Method", "DELETE"}, 4 + more.length);
        System.arraycopy(more, 0, headers, 4, more.length);
        return http.send("OPTIONS", path, headers);
    }

    @Test
    void anOptionsMethodWithDenyAllDeniesAPreflight() {
        assertRejected(preflight("/api/preflight/deny"), 403, DENIED);
        assertRejected(preflight("/behind/preflight/deny"), 403, DENIED);
    }

    @Test
    void anOptionsMethodWithRolesAllowedAsksAPreflightToAuthenticate() {
        assertRejected(preflight("/api/preflight/admin"), 401, MISSING);
        assertRejected(preflight("/behind/preflight/admin"), 401, MISSING);
        assertThat(preflight("/api/preflight/admin", bearer(alice("\"admin\""))).body())
                .as("with a credential it is an ordinary OPTIONS request, and the caller has the role")
                .startsWith("principal=alice\n");
    }

    @Test
    void anOptionsMethodWithPermitAllSeesAPreflightAnonymously() {
        Reply reply = preflight("/api/preflight/open", "X-User-ID", "admin", "X-User-Roles", "admin");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(ANONYMOUS);
    }

    // Behind the servlet adapter: the request is authenticated once

    @Test
    void behindTheServletFilterItsIdentityIsReused() {
        // The filter hid Authorization: re-authenticating here would fail; reusing the decision does not.
        Reply reply = http.get("/behind/annotated/admin", bearer(alice("\"admin\""), "X-User-ID", "admin"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("""
                principal=alice
                identity=alice
                scheme=BEARER
                admin=true
                secure=false
                X-User-ID=[alice]
                X-User-Roles=[admin]
                Authorization=[]
                """);
    }

    @Test
    void behindTheServletFilterTheAnnotationsStillApply() {
        assertRejected(http.get("/behind/annotated/admin"), 401, MISSING);
        assertRejected(http.get("/behind/annotated/admin", bearer(alice("\"user\""))), 403, FORBIDDEN_ROLE);
        assertRejected(http.get("/behind/annotated/deny", bearer(alice("\"admin\""))), 403, DENIED);
        assertThat(http.get("/behind/annotated/reports", bearer(withScope("reports:list reports:read"))).status())
                .isEqualTo(200);
    }

    @Test
    void behindTheServletFilterTheJaxrsRouteTableStillApplies() {
        // The filter's route table makes /behind/* public; the JAX-RS view (paths below the application) still
        // decides for itself: both must allow.
        assertRejected(http.get("/behind/plain"), 401, MISSING);
        assertThat(http.get("/behind/open").body()).startsWith("principal=none\n");
        assertRejected(http.get("/behind/closed/plain", bearer(alice("\"admin\""))), 403, DENIED);
        assertRejected(http.get("/behind/admin", bearer(alice("\"user\""))), 403, FORBIDDEN_ROLE);
        assertThat(http.get("/behind/admin", bearer(alice("\"admin\""))).body()).startsWith("principal=alice\n");
    }

    @Test
    void behindTheServletFilterABadTokenNeverReachesJaxrs() {
        assertRejected(http.get("/behind/annotated/permit", bearer(Fixture.expiredToken("alice"))), 401,
                "{\"error\":\"invalid_token\",\"detail\":\"expired\"}");
    }
}
