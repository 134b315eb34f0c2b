package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.jaxrs.Http.Reply;
import dev.gatecheck.testing.NimbusIssuer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Step-up (RFC 9470) through Jersey 3.1 on Jetty: {@link RequiresAcr} on a resource method, tokens made by Nimbus,
 * over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JerseySenderConstrainedTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);

    @Path("banking")
    @RequiresAcr(values = "urn:mfa")
    public static class Banking {
        @GET
        @Path("balance")
        public String balance() {
            return "balance";
        }

        @GET
        @Path("transfer")
        @RequiresAcr(values = {"urn:hwk"}, maxAge = 300)
        public String transfer() {
            return "transfer";
        }
    }

    private Gatecheck engine;
    private AppServer server;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        engine = Gatecheck.create(GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks())));
        server = new AppServer();
        ResourceConfig application = new ResourceConfig().register(Banking.class)
                .register(new GatecheckFeature(engine));
        server.context().addServlet(new ServletHolder(new ServletContainer(application)), "/api/*");
        http = new Http(server.start().uri("/api"));
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        engine.close();
    }

    private static String token(String acr, Instant authTime) {
        Map<String, Object> claims = new HashMap<>(Map.of("acr", acr));
        claims.put("auth_time", authTime.getEpochSecond());
        return ISSUING.token("alice", Instant.now(), claims);
    }

    @Test
    void aClassRequiresAcrLetsAnAcceptedAcrThrough() {
        Reply reply = http.get("/banking/balance", Http.bearer(token("urn:mfa", Instant.now())));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void aMethodRequiresAcrBeatsTheClassesWithTheRfc9470Challenge() {
        Reply reply = http.get("/banking/transfer", Http.bearer(token("urn:mfa", Instant.now())));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo(
                "{\"error\":\"insufficient_user_authentication\",\"detail\":\"acr_not_accepted\"}");
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer error=\"insufficient_user_authentication\","
                + " error_description=\"acr_not_accepted\", acr_values=\"urn:hwk\", max_age=\"300\"");
    }

    @Test
    void anAuthenticationOlderThanMaxAgeMustStepUp() {
        Reply reply = http.get("/banking/transfer", Http.bearer(token("urn:hwk", Instant.now().minusSeconds(3600))));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("auth_time_too_old");
    }

    @Test
    void aRecentAuthenticationWithTheMethodsAcrPasses() {
        Reply reply = http.get("/banking/transfer", Http.bearer(token("urn:hwk", Instant.now())));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("transfer");
    }
}
