package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.servlet.JettyContainer;
import dev.gatecheck.servlet.ServletContainer;
import dev.gatecheck.testing.Http.Reply;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.NimbusIssuer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Through the JAX-RS adapter on Jetty, over real HTTP with tokens made by Nimbus: step-up (RFC 9470,
 * {@link RequiresAcr} on resource methods) and protected-resource metadata (RFC 9728, answered below the
 * application's base path before any resource matches).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaxrsStepUpScenarios {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);
    private static final String RESOURCE = "https://api.example.com";
    private static final String METADATA_URL = RESOURCE + "/.well-known/oauth-protected-resource";

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

    /** {@link Banking} behind an engine publishing metadata, living as long as the test JVM. */
    public static class BankingApp extends Application {
        static final Gatecheck ENGINE = Gatecheck.create(GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks(),
                "gatecheck.resource-metadata.enabled", "true", "gatecheck.resource-metadata.resource", RESOURCE)));

        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Banking.class);
        }

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(ENGINE));
        }
    }

    private ServletContainer.Deployment server;
    private Http.Target http;

    private final JaxrsRuntime runtime;

    /** The scenarios on {@code runtime}. */
    JaxrsStepUpScenarios(JaxrsRuntime runtime) {
        this.runtime = runtime;
    }

    @BeforeAll
    void start() throws Exception {
        server = new JettyContainer().deploy((classes, context) -> runtime.serve(context, BankingApp.class, "/api"));
        http = Http.at(server.uri("/api"));
    }

    @AfterAll
    void stop() {
        server.close();
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
                + " error_description=\"acr_not_accepted\", acr_values=\"urn:hwk\", max_age=\"300\","
                + " resource_metadata=\"" + METADATA_URL + "\"");
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

    @Test
    void answersTheResourceMetadataBelowTheBasePath() throws Exception {
        Reply reply = http.get("/.well-known/oauth-protected-resource");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(reply.header("Cache-Control")).contains("public, max-age=3600");
        Map<String, Object> document = JSONObjectUtils.parse(reply.body());
        assertThat(document).containsEntry("resource", RESOURCE).containsEntry("authorization_servers",
                List.of(ISSUER));
    }

    @Test
    void aRefusalWithoutCredentialNamesTheMetadata() {
        Reply reply = http.get("/banking/balance");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer resource_metadata=\"" + METADATA_URL + "\"");
    }
}
