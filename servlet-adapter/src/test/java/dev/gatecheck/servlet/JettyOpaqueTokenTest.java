package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.IntrospectionServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opaque tokens through the servlet filter on Jetty 12 (ee10): introspected at a real loopback endpoint, an active
 * one reaches the servlet as its principal, an inactive one is a 401 with the RFC 6750 challenge, an endpoint that
 * fails is a 503 with {@code Retry-After}, and {@code /admin/*} ({@code introspect=always}) introspects even a
 * valid JWT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyOpaqueTokenTest {
    private final TestIssuer issuer = new TestIssuer();
    private IntrospectionServer endpoint;
    private ServletContainer.Deployment deployment;

    @BeforeAll
    void deploy() throws Exception {
        endpoint = IntrospectionServer.start("orders-api", "endpoint-secret")
                .activate("op_alice", "\"sub\":\"alice\",\"scope\":\"orders:read\"");
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .introspectionTimeout(Duration.ofSeconds(2))
                .jwt(j -> j.issuer(TestIssuer.ISSUER).audiences(TestIssuer.AUDIENCE).jwks(issuer.jwks())
                        .introspection(i -> i.uri(endpoint.uri()).clientId("orders-api")
                                .clientSecret("endpoint-secret")))
                .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE,
                        Optional.empty(), new Route.Introspection(true, Optional.empty())))
                .build());
        deployment = new JettyContainer().deploy(TestApplication.guardedBy(new GatecheckFilter(gatecheck)));
    }

    @AfterAll
    void undeploy() {
        deployment.close();
        endpoint.close();
    }

    private Http.Reply get(String path, String token) {
        return Http.get(deployment.uri(path), "Authorization", "Bearer " + token);
    }

    @Test
    void anActiveOpaqueTokenReachesTheServletAsItsPrincipal() {
        Http.Reply reply = get("/api/orders", "op_alice");

        assertThat(reply.status()).as("status; body %s", reply.body()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("principal", "alice").containsEntry("x-user-id", "alice");
    }

    @Test
    void anInactiveOpaqueTokenIs401WithTheBearerChallenge() {
        Http.Reply reply = get("/api/orders", "op_unknown");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer error=\"invalid_token\", "
                + "error_description=\"inactive\"");
        assertThat(reply.body()).isEqualTo("{\"error\":\"invalid_token\",\"detail\":\"inactive\"}");
    }

    @Test
    void aValidJwtOnAnIntrospectAlwaysRouteIsRefusedWhenTheIssuerSaysInactive() {
        Http.Reply reply = get("/admin/users", issuer.token("alice", ""));

        assertThat(reply.status()).as("a valid JWT the endpoint does not know, on /admin/*").isEqualTo(401);
        assertThat(reply.body()).contains("inactive");
        assertThat(get("/api/orders", issuer.token("alice", "")).status()).as("the same kind of JWT on /api/*")
                .isEqualTo(200);
    }

    @Test
    void anEndpointThatFailsIs503WithRetryAfter() {
        endpoint.fault(IntrospectionServer.Fault.STATUS_500);
        try {
            Http.Reply reply = get("/api/orders", "op_during_an_outage");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).as("Retry-After").isPresent();
            assertThat(reply.body()).contains("auth_unavailable");
        } finally {
            endpoint.fault(IntrospectionServer.Fault.NONE);
        }
    }
}
