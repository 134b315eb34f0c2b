package dev.gatecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.ResourcePolicy;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code authenticate(request, policy)} and {@code reuse(request, earlier, policy)}: a resource's declared
 * policy (JAX-RS annotations) decides in core, with the same rules and rejections as routes.
 */
class ResourcePolicyDecisionTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String ISS = "https://issuer.test";
    private static final KeyPair RSA = TestKeys.rsa();

    private final Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
            .jwt(j -> j.issuer(ISS).audiences("api").publicKeyPem(TestKeys.pem(RSA.getPublic())))
            .route(new Route("closed", List.of("/closed/*"), Set.of(), AuthMode.DENY, Requirements.NONE))
            .route(new Route("open", List.of("/open/*"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build());

    private static final Optional<ResourcePolicy> PERMIT = Optional.of(ResourcePolicy.permitAll("R.permit"));
    private static final Optional<ResourcePolicy> DENY = Optional.of(ResourcePolicy.denyAll("R.deny"));
    private static final Optional<ResourcePolicy> ADMIN =
            Optional.of(ResourcePolicy.authenticated("R.admin", Requirements.roles("admin")));
    private static final Optional<ResourcePolicy> REPORTS =
            Optional.of(ResourcePolicy.authenticated("R.reports", Requirements.scopes("reports:read", "reports:list")));

    private static String token(String extra) {
        return Tokens.signWithKid("RS256", RSA.getPrivate(), "k1",
                Tokens.claims(ISS, "alice", "api", NOW.getEpochSecond(), 300, extra));
    }

    private static AuthRequest get(String path, String token) {
        var builder = AuthRequest.builder("GET", path);
        return (token == null ? builder : builder.bearer(token)).build();
    }

    private Rejection denied(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Deny.class);
        return ((Decision.Deny) decision).rejection();
    }

    @Test
    void withoutAPolicyTheRouteTableDecides() {
        assertThat(denied(gatecheck.authenticate(get("/closed/x", token("")), Optional.empty())).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(denied(gatecheck.authenticate(get("/api", null), Optional.empty())).code())
                .isEqualTo(ErrorCode.MISSING_AUTHORIZATION_HEADER);
    }

    @Test
    void permitAllAllowsAnonymousCallersOnAProtectedPath() {
        Decision decision = gatecheck.authenticate(get("/api", null), PERMIT);
        assertThat(decision).isInstanceOfSatisfying(Decision.Allow.class, a -> assertThat(a.identity()).isEmpty());
    }

    @Test
    void permitAllStillVerifiesAPresentedToken() {
        assertThat(gatecheck.authenticate(get("/api", token("")), PERMIT)).isInstanceOfSatisfying(Decision.Allow.class,
                a -> assertThat(a.identity()).get().extracting(Identity::subject).isEqualTo("alice"));
        Rejection broken = denied(gatecheck.authenticate(get("/api", token("") + "x"), PERMIT));
        assertThat(broken.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
    }

    @Test
    void permitAllOpensAPathTheRouteTableDenies() {
        assertThat(gatecheck.authenticate(get("/closed/x", null), PERMIT)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void denyAllDeniesEvenAnAdmin() {
        Rejection rejection = denied(gatecheck.authenticate(get("/open/x", token("\"roles\":[\"admin\"]")), DENY));
        assertThat(rejection.status()).isEqualTo(403);
        assertThat(rejection.body()).isEqualTo("{\"error\":\"forbidden\",\"detail\":\"route_denied\"}");
    }

    @Test
    void rolesNeedAnAuthenticatedCallerWithOneOfThem() {
        assertThat(denied(gatecheck.authenticate(get("/open/x", null), ADMIN)).code())
                .isEqualTo(ErrorCode.MISSING_AUTHORIZATION_HEADER);
        assertThat(denied(gatecheck.authenticate(get("/open/x", token("\"roles\":[\"user\"]")), ADMIN)).body())
                .isEqualTo("{\"error\":\"forbidden\",\"detail\":\"missing_role\"}");
        assertThat(gatecheck.authenticate(get("/open/x", token("\"roles\":[\"user\",\"admin\"]")), ADMIN))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void scopesNeedEveryOneOfThem() {
        Rejection rejection = denied(gatecheck.authenticate(get("/api", token("\"scope\":\"reports:read\"")), REPORTS));
        assertThat(rejection.code()).isEqualTo(ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(rejection.wwwAuthenticate()).contains("Bearer error=\"insufficient_scope\","
                + " error_description=\"insufficient_scope\", scope=\"reports:list reports:read\"");
        assertThat(gatecheck.authenticate(get("/api", token("\"scope\":\"reports:list reports:read\"")), REPORTS))
                .isInstanceOf(Decision.Allow.class);
    }

    private static AuthRequest preflight(String path) {
        return AuthRequest.builder("OPTIONS", path).header("Origin", "https://app.test")
                .header("Access-Control-Request-Method", "GET").build();
    }

    @Test
    void aResourcePolicyAppliesToAPreflight() {
        assertThat(denied(gatecheck.authenticate(preflight("/api"), DENY)).code())
                .as("@DenyAll on an @OPTIONS method denies a preflight").isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(denied(gatecheck.authenticate(preflight("/api"), ADMIN)).code())
                .as("@RolesAllowed on an @OPTIONS method needs a caller, and a preflight has none")
                .isEqualTo(ErrorCode.MISSING_AUTHORIZATION_HEADER);
        assertThat(gatecheck.authenticate(preflight("/api"), PERMIT)).as("@PermitAll lets it in")
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void withoutAPolicyAPreflightIsSkipped() {
        Decision.Allow allow = (Decision.Allow) gatecheck.authenticate(preflight("/api"), Optional.empty());
        assertThat(allow.identity()).as("a skipped preflight is anonymous").isEmpty();
    }

    @Test
    void identityHeadersAreDerivedUnderAPolicyToo() {
        Decision.Allow allow = (Decision.Allow) gatecheck.authenticate(get("/api", token("\"roles\":[\"admin\"]")), ADMIN);
        assertThat(allow.headers().valueOf("X-User-ID")).contains("alice");
        assertThat(allow.headers().hides("Authorization")).isTrue();
    }

    // reuse: an earlier adapter (the servlet filter) authenticated the request already.

    private Decision.Allow earlierFor(String token) {
        return (Decision.Allow) gatecheck.authenticate(get("/open/x", token));
    }

    @Test
    void reuseKeepsTheEarlierDecisionWithoutAPolicyOrForPermitAll() {
        Decision.Allow anonymous = earlierFor(null);
        AuthRequest hidden = get("/open/x", null);
        assertThat(gatecheck.reuse(hidden, anonymous, Optional.empty())).isSameAs(anonymous);
        assertThat(gatecheck.reuse(hidden, anonymous, PERMIT)).isSameAs(anonymous);
    }

    @Test
    void reuseChecksRequirementsAgainstTheEarlierIdentityWithoutReadingCredentialsAgain() {
        Decision.Allow admin = earlierFor(token("\"roles\":[\"admin\"]"));
        Decision.Allow user = earlierFor(token("\"roles\":[\"user\"]"));
        // The request no longer shows its Authorization header: the earlier adapter hid it.
        AuthRequest hidden = get("/open/x", null);
        assertThat(gatecheck.reuse(hidden, admin, ADMIN)).isSameAs(admin);
        assertThat(denied(gatecheck.reuse(hidden, user, ADMIN)).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(denied(gatecheck.reuse(hidden, admin, REPORTS)).code()).isEqualTo(ErrorCode.INSUFFICIENT_SCOPE);
    }

    @Test
    void reuseOfAnAnonymousDecisionAnswers401WhereAuthenticationIsRequired() {
        Rejection rejection = denied(gatecheck.reuse(get("/open/x", null), earlierFor(null), ADMIN));
        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.wwwAuthenticate()).contains("Bearer");
    }

    @Test
    void reuseAppliesTheResourcePolicyToAPreflightTheEarlierAdapterSkipped() {
        Decision.Allow skipped = (Decision.Allow) gatecheck.authenticate(preflight("/open/x"));
        assertThat(denied(gatecheck.reuse(preflight("/open/x"), skipped, DENY)).code())
                .as("@DenyAll behind the servlet filter").isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(denied(gatecheck.reuse(preflight("/open/x"), skipped, ADMIN)).code())
                .as("@RolesAllowed behind the servlet filter").isEqualTo(ErrorCode.MISSING_AUTHORIZATION_HEADER);
    }

    @Test
    void reuseDeniesADenyAllResource() {
        assertThat(denied(gatecheck.reuse(get("/open/x", null), earlierFor(token("")), DENY)).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
    }
}
