package dev.gatecheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.NimbusIssuer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 9728 protected-resource metadata: off by default; when enabled, the document the engine answers at the
 * well-known path (and its path-inserted form), read back by Nimbus' JSON parser, and {@code resource_metadata} on
 * every 401 challenge.
 */
class ResourceMetadataTest {
    private static final String ISSUER = "https://issuer.test";
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, "orders-api");
    private static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private Gatecheck engine;

    @AfterEach
    void close() {
        engine.close();
    }

    private static Gatecheck engine(String... pairs) {
        Map<String, String> keys = new HashMap<>(Map.of("gatecheck.jwt.issuer", ISSUER, "gatecheck.jwt.audiences",
                "orders-api", "gatecheck.jwt.jwks", ISSUING.jwks(), "gatecheck.routes.orders.paths", "/orders/*",
                "gatecheck.routes.orders.scopes", "orders:read", "gatecheck.routes.admin.paths", "/admin/*",
                "gatecheck.routes.admin.scopes", "admin,orders:write"));
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        return Gatecheck.create(GatecheckConfig.fromMap(keys));
    }

    private static Gatecheck enabled(String resource, String... more) {
        String[] pairs = new String[more.length + 4];
        pairs[0] = "gatecheck.resource-metadata.enabled";
        pairs[1] = "true";
        pairs[2] = "gatecheck.resource-metadata.resource";
        pairs[3] = resource;
        System.arraycopy(more, 0, pairs, 4, more.length);
        return engine(pairs);
    }

    private Map<String, Object> document(String path) throws Exception {
        Gatecheck.Document document = engine.resourceMetadata(AuthRequest.builder("GET", path).build())
                .orElseThrow(() -> new AssertionError("no metadata answered at " + path));
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("Cache-Control", "public, max-age=3600");
        return JSONObjectUtils.parse(document.body());
    }

    private String challengeWithoutCredential() {
        Decision decision = engine.authenticate(AuthRequest.builder("GET", "/orders/1").build());
        return ((Decision.Deny) decision).rejection().headers().get("WWW-Authenticate");
    }

    @Test
    void isOffByDefault() {
        engine = engine();

        assertThat(engine.resourceMetadata(AuthRequest.builder("GET", WELL_KNOWN).build())).isEmpty();
        assertThat(challengeWithoutCredential()).isEqualTo("Bearer");
    }

    @Test
    void describesTheResourceItsIssuersScopesAndDpop() throws Exception {
        engine = enabled("https://api.example.com");

        Map<String, Object> document = document(WELL_KNOWN);

        assertThat(document).containsEntry("resource", "https://api.example.com")
                .containsEntry("authorization_servers", List.of(ISSUER))
                .containsEntry("scopes_supported", List.of("admin", "orders:read", "orders:write"))
                .containsEntry("bearer_methods_supported", List.of("header"))
                .containsEntry("dpop_signing_alg_values_supported", List.of("ES256", "PS256", "RS256", "EdDSA"))
                .containsEntry("dpop_bound_access_tokens_required", false);
    }

    @Test
    void saysDpopBoundTokensAreRequiredWhenEveryIssuerRequiresThem() throws Exception {
        engine = enabled("https://api.example.com", "gatecheck.jwt.dpop", "required");

        assertThat(document(WELL_KNOWN)).containsEntry("dpop_bound_access_tokens_required", true);
    }

    @Test
    void offersNoDpopAlgorithmsWhereDpopIsDisabled() throws Exception {
        engine = enabled("https://api.example.com", "gatecheck.jwt.dpop", "disabled");

        assertThat(document(WELL_KNOWN)).doesNotContainKey("dpop_signing_alg_values_supported");
    }

    @Test
    void theResourceDefaultsToThePublicBaseUrl() throws Exception {
        engine = engine("gatecheck.resource-metadata.enabled", "true", "gatecheck.public-base-url",
                "https://api.example.com/");

        assertThat(document(WELL_KNOWN)).containsEntry("resource", "https://api.example.com");
    }

    @Test
    void everyUnauthorizedChallengeNamesTheMetadataUrl() {
        engine = enabled("https://api.example.com");

        assertThat(challengeWithoutCredential())
                .isEqualTo("Bearer resource_metadata=\"https://api.example.com" + WELL_KNOWN + "\"");
        Decision invalid = engine.authenticate(AuthRequest.builder("GET", "/orders/1").bearer("not.a.token").build());
        assertThat(((Decision.Deny) invalid).rejection().headers().get("WWW-Authenticate"))
                .startsWith("Bearer error=\"invalid_token\"")
                .endsWith("resource_metadata=\"https://api.example.com" + WELL_KNOWN + "\"");
    }

    @Test
    void aForbiddenAnswerNamesNoMetadata() {
        engine = enabled("https://api.example.com");
        String token = ISSUING.token("alice", Instant.now(), Map.of("scope", "orders:read"));

        Rejection rejection = ((Decision.Deny) engine.authenticate(AuthRequest.builder("GET", "/admin/x")
                .bearer(token).build())).rejection();

        assertThat(rejection.status()).isEqualTo(403);
        assertThat(rejection.headers().get("WWW-Authenticate")).doesNotContain("resource_metadata");
    }

    @Test
    void aResourceWithAPathIsAnsweredAtThePathInsertedFormAndTheMetadataUrlNamesIt() throws Exception {
        engine = enabled("https://api.example.com/orders");

        assertThat(document(WELL_KNOWN + "/orders")).containsEntry("resource", "https://api.example.com/orders");
        assertThat(document(WELL_KNOWN)).containsEntry("resource", "https://api.example.com/orders");
        assertThat(challengeWithoutCredential()).contains("resource_metadata=\"https://api.example.com" + WELL_KNOWN
                + "/orders\"");
    }

    @Test
    void isAnsweredBelowTheApplicationsContextPath() {
        engine = enabled("https://api.example.com");

        assertThat(engine.resourceMetadata(AuthRequest.builder("GET", "/app" + WELL_KNOWN).contextPath("/app")
                .build())).isPresent();
    }

    @Test
    void answersOnlyReadsOfItsOwnPaths() {
        engine = enabled("https://api.example.com");

        assertThat(engine.resourceMetadata(AuthRequest.builder("POST", WELL_KNOWN).build())).as("POST").isEmpty();
        assertThat(engine.resourceMetadata(AuthRequest.builder("GET", WELL_KNOWN + "/other").build()))
                .as("another resource's path").isEmpty();
        assertThat(engine.resourceMetadata(AuthRequest.builder("GET", "/orders/1").build())).as("a resource")
                .isEmpty();
    }
}
