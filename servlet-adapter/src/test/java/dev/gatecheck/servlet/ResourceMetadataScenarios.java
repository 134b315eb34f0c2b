package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.NimbusIssuer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RFC 9728 protected-resource metadata through the filter: the document at the well-known path (and its
 * path-inserted form) below the context path, read back by Nimbus' JSON parser, and {@code resource_metadata} in
 * the challenge of a 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResourceMetadataScenarios {
    private static final String ISSUER = "https://issuer.test";
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, "orders-api");
    private static final String RESOURCE = "https://api.example.com/orders";
    private static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Gatecheck engine;
    private ServletContainer.Deployment deployment;

    /** The container under test. */
    protected abstract ServletContainer container();

    @BeforeAll
    void start() throws Exception {
        engine = Gatecheck.create(GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", "orders-api", "gatecheck.jwt.jwks", ISSUING.jwks(),
                "gatecheck.routes.orders.paths", "/orders/*", "gatecheck.routes.orders.scopes", "orders:read",
                "gatecheck.resource-metadata.enabled", "true", "gatecheck.resource-metadata.resource", RESOURCE)));
        deployment = container().deploy(new CertificateBindingScenarios.App(engine));
    }

    @AfterAll
    void stop() {
        deployment.close();
        engine.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(deployment.uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheDocumentAtThePathInsertedWellKnownPath() throws Exception {
        HttpResponse<String> response = get(WELL_KNOWN + "/orders");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("resource", RESOURCE)
                .containsEntry("authorization_servers", List.of(ISSUER))
                .containsEntry("scopes_supported", List.of("orders:read"))
                .containsEntry("bearer_methods_supported", List.of("header"));
    }

    @Test
    void answersTheDocumentAtThePlainWellKnownPath() throws Exception {
        assertThat(get(WELL_KNOWN).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusalWithoutCredentialNamesTheMetadataUrl() throws Exception {
        HttpResponse<String> response = get("/orders/1");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer resource_metadata=\"https://api.example.com" + WELL_KNOWN + "/orders\"");
    }
}
