package dev.gatecheck.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.micrometer.GatecheckMeters;
import dev.gatecheck.spring.app.ApiApplication;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.Http.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application with the starter and Spring Security on a real embedded Tomcat, configured in YAML
 * ({@code application-bridge.yml}): every case a user meets, through real HTTP.
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("bridge")
class GatecheckSpringBootTest {
    private static final String ALICE = TestIssuer.token("alice", TestIssuer.AUDIENCE,
            "\"roles\":[\"admin\"],\"scope\":\"reports:read\"");
    private static final String BOB = TestIssuer.token("bob", TestIssuer.AUDIENCE, "\"roles\":[\"user\"]");

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("test.jwks", () -> TestIssuer.JWKS);
    }

    private Reply get(String path, String... headers) {
        return Http.get(URI.create("http://127.0.0.1:" + port + path), headers);
    }

    @Test
    void validTokenReachesTheControllerAsOneCallerInEveryApi() {
        Reply reply = get("/api/me", Http.bearer(ALICE));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, String> seen = reply.report();
        assertThat(seen).as("@AuthenticationPrincipal, SecurityContextHolder and the claims as details")
                .containsEntry("principal", "alice").containsEntry("authentication", "alice")
                .containsEntry("details-sub", "alice").containsEntry("credentials", "null");
        assertThat(seen.get("authorities")).as("roles and scopes as authorities")
                .isEqualTo("[ROLE_admin, SCOPE_reports:read]");
        assertThat(seen).as("the servlet API view stays Gatecheck's, not Spring Security's request wrapper")
                .containsEntry("user-principal-type", "Identity").containsEntry("user-in-admin", "true")
                .containsEntry("user-in-any", "true");
    }

    @Test
    void requestWithoutTokenIsRefusedByGatecheck() {
        Reply reply = get("/api/me");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("\"error\":\"missing_authorization_header\"");
        assertThat(reply.header("WWW-Authenticate")).as("Gatecheck's challenge, not Spring's Basic").hasValue("Bearer");
    }

    @Test
    void expiredTokenIsRefused() {
        Reply reply = get("/api/me", Http.bearer(TestIssuer.expired("alice")));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("\"error\":\"invalid_token\"");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        Reply reply = get("/api/me", Http.bearer(TestIssuer.token("alice", "other-api", "")));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).contains("\"error\":\"invalid_audience\"");
    }

    @Test
    void everyAudienceOfTheYamlListIsAccepted() {
        Reply reply = get("/api/me", Http.bearer(TestIssuer.token("carol", "billing-api", "")));

        assertThat(reply.status()).as("the second element of audiences: [orders-api, billing-api]").isEqualTo(200);
        assertThat(reply.report()).containsEntry("principal", "carol");
    }

    @Test
    void gatecheckRouteRefusesCallerWithoutItsRole() {
        assertThat(get("/admin/panel", Http.bearer(ALICE)).status()).isEqualTo(200);

        Reply reply = get("/admin/panel", Http.bearer(BOB));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).contains("\"error\":\"forbidden\"");
    }

    @Test
    void spoofedUserIdHeaderNeverReachesTheApplication() {
        Reply reply = get("/api/me", Http.bearer(BOB, "X-User-ID", "alice"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).as("X-User-ID derived from the token, the client's copy dropped")
                .containsEntry("x-user-id", "bob");
        assertThat(get("/api/me", "X-User-ID", "alice").status()).as("an identity header is no credential")
                .isEqualTo(401);
    }

    @Test
    void preAuthorizeByRoleSeesTheCallersRoles() {
        assertThat(get("/api/admin", Http.bearer(ALICE)).body()).isEqualTo("admin area\n");

        Reply reply = get("/api/admin", Http.bearer(BOB));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).as("answered like Gatecheck").contains("\"error\":\"forbidden\"");
    }

    @Test
    void preAuthorizeByScopeSeesTheCallersScopes() {
        assertThat(get("/api/reports", Http.bearer(ALICE)).body()).isEqualTo("reports\n");

        assertThat(get("/api/reports", Http.bearer(BOB)).status()).isEqualTo(403);
    }

    @Test
    void asyncRequestKeepsItsCaller() {
        Reply reply = get("/api/async", Http.bearer(ALICE));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("async for alice as alice\n");
    }

    @Test
    void postWithBearerTokenNeedsNoCsrfToken() {
        Reply reply = Http.post(URI.create("http://127.0.0.1:" + port + "/api/notes"), new byte[0], Http.bearer(BOB));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void publicRouteIsServedWithoutTokenDespiteSpringSecurity() {
        Reply reply = get("/health");

        assertThat(reply.status()).as("Spring Security's default chain would answer 401 Basic").isEqualTo(200);
        assertThat(reply.body()).isEqualTo("ok\n");
    }

    @Test
    void actuatorHealthReportsGatecheckKeySources() {
        Reply reply = get("/actuator/health/gatecheck");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health").body()).contains("\"gatecheck\":{\"status\":\"UP\"");
    }

    @Test
    void decisionsAreCountedOnTheApplicationsMeterRegistry() {
        get("/api/me", Http.bearer(TestIssuer.expired("alice")));

        assertThat(meters.find(GatecheckMeters.REQUESTS).tag("code", "invalid_token").counter())
                .as("GatecheckMeters registered on the application's registry").isNotNull();
    }
}
