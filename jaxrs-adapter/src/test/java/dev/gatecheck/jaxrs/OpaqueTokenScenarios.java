package dev.gatecheck.jaxrs;

import static dev.gatecheck.testing.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.servlet.ServletContainer;
import dev.gatecheck.testing.Http.Reply;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.IntrospectionServer;
import jakarta.ws.rs.core.Application;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opaque tokens through the JAX-RS adapter, on each runtime: introspected at a real loopback endpoint, an active one
 * is the resource's {@code SecurityContext} principal, an inactive one a 401 with the RFC 6750 challenge, an
 * endpoint that fails a 503 with {@code Retry-After}, and {@code /plain/in-role} below the application ({@code introspect=always})
 * introspects even a valid JWT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OpaqueTokenScenarios {
    /** The engine of {@link App}, which the runtime instantiates by class name. */
    static volatile Gatecheck engine;

    private final JaxrsRuntime runtime;
    private final ServletContainer container;
    private IntrospectionServer endpoint;
    private ServletContainer.Deployment deployment;
    private Http.Target http;

    /** The scenarios on {@code runtime}, in {@code container}. */
    OpaqueTokenScenarios(JaxrsRuntime runtime, ServletContainer container) {
        this.runtime = runtime;
        this.container = container;
    }

    /** {@link TestResources.Plain} guarded by {@link #engine}. */
    public static class App extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(TestResources.Plain.class);
        }

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(engine));
        }
    }

    @BeforeAll
    void start() throws Exception {
        endpoint = IntrospectionServer.start("orders-api", "endpoint-secret")
                .activate("op_alice", "\"sub\":\"alice\",\"roles\":[\"admin\"]");
        engine = Gatecheck.create(GatecheckConfig.builder()
                .introspectionTimeout(Duration.ofSeconds(2))
                .jwt(j -> j.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE)
                        .publicKeyPem(Fixture.KIT_ISSUER.publicKeyPem())
                        .introspection(i -> i.uri(endpoint.uri()).clientId("orders-api")
                                .clientSecret("endpoint-secret")))
                .route(new Route("sensitive", List.of("/plain/in-role"), Set.of(), AuthMode.TOKEN,
                        Requirements.NONE, Optional.empty(), new Route.Introspection(true, Optional.empty())))
                .build());
        deployment = container.deploy((classes, context) -> runtime.serve(context, App.class, "/api"));
        http = Http.at(deployment.uri(""));
    }

    @AfterAll
    void stop() throws Exception {
        deployment.close();
        engine.close();
        endpoint.close();
    }

    @Test
    void anActiveOpaqueTokenIsTheResourcesPrincipal() {
        Reply reply = http.get("/api/plain", bearer("op_alice"));

        assertThat(reply.status()).as("status; body %s", reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("principal=alice\n", "identity=alice\n", "admin=true\n",
                "X-User-ID=[alice]\n", "Authorization=[]\n");
    }

    @Test
    void anInactiveOpaqueTokenIs401WithTheBearerChallenge() {
        Reply reply = http.get("/api/plain", bearer("op_unknown"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer error=\"invalid_token\", "
                + "error_description=\"inactive\"");
        assertThat(reply.body()).isEqualTo("{\"error\":\"invalid_token\",\"detail\":\"inactive\"}");
    }

    @Test
    void aValidJwtOnAnIntrospectAlwaysRouteIsRefusedWhenTheIssuerSaysInactive() {
        String jwt = Fixture.token("alice", "");

        assertThat(http.get("/api/plain/in-role?role=admin", bearer(jwt)).status())
                .as("a valid JWT the endpoint does not know, on the introspect=always route").isEqualTo(401);
        assertThat(http.get("/api/plain", bearer(jwt)).status()).as("the same JWT elsewhere").isEqualTo(200);
    }

    @Test
    void anEndpointThatFailsIs503WithRetryAfter() {
        endpoint.fault(IntrospectionServer.Fault.HTML);
        try {
            Reply reply = http.get("/api/plain", bearer("op_during_an_outage"));

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isPresent();
            assertThat(reply.body()).contains("auth_unavailable");
        } finally {
            endpoint.fault(IntrospectionServer.Fault.NONE);
        }
    }
}
