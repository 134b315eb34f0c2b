package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.JwtSettings;
import dev.gatecheck.testing.JwksServer;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gatecheck.jwt.preset=keycloak} against a realm served on loopback the way Keycloak serves it (discovery
 * under {@code /realms/<realm>}, keys at {@code protocol/openid-connect/certs}), with tokens shaped exactly like
 * Keycloak 26's access, ID and refresh tokens.
 */
class KeycloakPresetTest {
    private static final KeyPair REALM_KEY = TestKeys.rsa();
    private static final String KID = "Qm9vL8xN2uQvZ3kWbX1nYtR5sJ7aLcE0dFgHiJkMnOp";

    private JwksServer server;
    private String realm;
    private Gatecheck gatecheck;

    @BeforeEach
    void startRealm() {
        server = JwksServer.start();
        realm = server.base() + "/realms/demo";
        server.serve("/realms/demo/.well-known/openid-configuration", "{\"issuer\":\"" + realm + "\","
                        + "\"authorization_endpoint\":\"" + realm + "/protocol/openid-connect/auth\","
                        + "\"token_endpoint\":\"" + realm + "/protocol/openid-connect/token\","
                        + "\"jwks_uri\":\"" + realm + "/protocol/openid-connect/certs\","
                        + "\"id_token_signing_alg_values_supported\":[\"PS384\",\"ES384\",\"RS384\",\"HS256\",\"HS512\","
                        + "\"ES256\",\"RS256\",\"HS384\",\"ES512\",\"PS256\",\"PS512\",\"RS512\"]}")
                .serve("/realms/demo/protocol/openid-connect/certs", "{\"keys\":[" + TestKeys.jwk(REALM_KEY.getPublic(),
                        KID, "RS256").replace("}", ",\"use\":\"sig\"}") + "]}");
    }

    @AfterEach
    void stop() {
        if (gatecheck != null) {
            gatecheck.close();
        }
        server.close();
    }

    /** The claims of a Keycloak 26 access token for alice, issued to web-app, with client roles in orders-api. */
    private String accessToken(String typ) {
        long now = Instant.now().getEpochSecond();
        return Tokens.signWithKid("RS256", REALM_KEY.getPrivate(), KID, """
                {"exp":%d,"iat":%d,"auth_time":%d,"jti":"onrtac:5b1e7a0c-3f0d-4a6e-9c1b-2d8e4f6a7b90",\
                "iss":"%s","aud":["orders-api","account"],"sub":"f3b6c1e2-8d4a-4b7e-9f10-2a3c5d7e9b11",\
                "typ":"%s","azp":"web-app","sid":"a1b2c3d4-e5f6-4789-abcd-ef0123456789","acr":"1",\
                "allowed-origins":["https://app.example.com"],\
                "realm_access":{"roles":["default-roles-demo","offline_access","uma_authorization","admin"]},\
                "resource_access":{"orders-api":{"roles":["orders-reader","orders-writer"]},\
                "account":{"roles":["manage-account","manage-account-links","view-profile"]}},\
                "scope":"openid email profile","email_verified":true,"name":"Alice Liddell",\
                "preferred_username":"alice","given_name":"Alice","family_name":"Liddell",\
                "email":"alice@example.com"}""".formatted(now + 300, now, now - 5, realm, typ));
    }

    /** A Keycloak ID token: same realm key and issuer, audience the client, typ ID. */
    private String idToken() {
        long now = Instant.now().getEpochSecond();
        return Tokens.signWithKid("RS256", REALM_KEY.getPrivate(), KID, """
                {"exp":%d,"iat":%d,"auth_time":%d,"jti":"2c9f0e1a-77b3-4d5e-8f60-1a2b3c4d5e6f","iss":"%s",\
                "aud":"orders-api","sub":"f3b6c1e2-8d4a-4b7e-9f10-2a3c5d7e9b11","typ":"ID","azp":"orders-api",\
                "nonce":"n-0S6_WzA2Mj","sid":"a1b2c3d4-e5f6-4789-abcd-ef0123456789","at_hash":"77QmUPtjPfzWtF2AnpK9RQ",\
                "acr":"1","email_verified":true,"preferred_username":"alice","email":"alice@example.com"}"""
                .formatted(now + 300, now, now - 5, realm));
    }

    private Gatecheck engine(String... pairs) {
        Map<String, String> keys = new HashMap<>();
        keys.put("gatecheck.jwt.preset", "keycloak");
        keys.put("gatecheck.jwt.issuer", realm);
        keys.put("gatecheck.jwt.audiences", "orders-api");
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        gatecheck = Gatecheck.create(GatecheckConfig.fromMap(keys));
        return gatecheck;
    }

    private Decision authenticate(String token) {
        return gatecheck.authenticate(AuthRequest.builder("GET", "/api/orders").bearer(token).build());
    }

    /** The first request waits for discovery and the JWKS; a cold JVM may need a second try. */
    private Identity allowed(String token, String why) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertAllowed(authenticate(token), why));
        return assertAllowed(authenticate(token), why).identity().orElseThrow();
    }

    @Test
    void readsRealmRolesAndTheClientsRolesThroughTheRealmsDiscovery() {
        engine("gatecheck.jwt.client", "orders-api");

        Identity alice = allowed(accessToken("Bearer"), "a Keycloak access token");

        assertThat(alice.roles()).as("realm roles, then orders-api's client roles; not account's")
                .containsExactly("default-roles-demo", "offline_access", "uma_authorization", "admin",
                        "orders-reader", "orders-writer");
        assertThat(alice.subject()).isEqualTo("f3b6c1e2-8d4a-4b7e-9f10-2a3c5d7e9b11");
        assertThat(alice.scopes()).containsExactlyInAnyOrder("openid", "email", "profile");
        assertThat(alice.claim("preferred_username")).contains("alice");
        assertThat(server.hits("/realms/demo/.well-known/openid-configuration")).as("discovery of the realm")
                .isEqualTo(1);
    }

    @Test
    void withoutAClientOnlyRealmRolesCount() {
        engine();

        assertThat(allowed(accessToken("Bearer"), "a Keycloak access token").roles())
                .containsExactly("default-roles-demo", "offline_access", "uma_authorization", "admin");
    }

    @Test
    void refusesTheRealmsIdTokenPresentedAsAnAccessToken() {
        engine("gatecheck.jwt.client", "orders-api");
        allowed(accessToken("Bearer"), "the keys are loaded");

        assertThat(assertDenied(authenticate(idToken()), 401, "invalid_token", "an ID token (typ ID)").detail())
                .isEqualTo("typ_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Refresh", "Offline", "Logout", "bearer", "ID"})
    void refusesEveryOtherKeycloakTokenType(String typ) {
        engine();
        allowed(accessToken("Bearer"), "the keys are loaded");

        assertDenied(authenticate(accessToken(typ)), 401, "invalid_token", "a token of typ " + typ);
    }

    @Test
    void aRolesClaimGivenReplacesThePresetsPaths() {
        engine("gatecheck.jwt.client", "orders-api", "gatecheck.jwt.roles-claim", "resource_access.account.roles");

        assertThat(allowed(accessToken("Bearer"), "a Keycloak access token").roles())
                .containsExactly("manage-account", "manage-account-links", "view-profile");
    }

    @Test
    void keysGivenReplaceTheRealmsDiscovery() {
        engine("gatecheck.jwt.jwks-uri", realm + "/protocol/openid-connect/certs");

        allowed(accessToken("Bearer"), "a Keycloak access token verified with the configured JWKS URL");
        assertThat(server.hits("/realms/demo/.well-known/openid-configuration")).as("no discovery").isZero();
    }

    @Test
    void thePresetAppliesToANamedIssuerAndFromVariables() {
        Map<String, String> keys = GatecheckConfig.environmentKeys(Map.of("GATECHECK_ISSUERS_KC_PRESET", "keycloak",
                "GATECHECK_ISSUERS_KC_ISSUER", realm, "GATECHECK_ISSUERS_KC_CLIENT", "orders-api",
                "GATECHECK_ISSUERS_KC_AUDIENCES", "orders-api"));
        gatecheck = Gatecheck.create(GatecheckConfig.fromMap(keys));

        assertThat(allowed(accessToken("Bearer"), "a token of the kc issuer").roles()).contains("admin", "orders-reader");
        assertDenied(authenticate(idToken()), 401, "invalid_token", "an ID token of the kc issuer");
    }

    @Test
    void severalRolesClaimPathsAreMergedWithoutAPreset() {
        gatecheck = Gatecheck.create(GatecheckConfig.builder().jwt(jwt -> jwt.issuer(realm).audiences("orders-api")
                .discovery(true).rolesClaim("realm_access.roles", "resource_access.orders-api.roles", "missing.path"))
                .build());

        assertThat(allowed(accessToken("Bearer"), "a token read with three role paths").roles())
                .containsExactly("default-roles-demo", "offline_access", "uma_authorization", "admin",
                        "orders-reader", "orders-writer");
        assertThat(allowed(idToken(), "without the preset an ID token is not refused by its typ").roles()).isEmpty();
    }

    @Test
    void aClientWithoutThePresetIsAConfigurationError() {
        assertThatThrownBy(() -> GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", realm,
                "gatecheck.jwt.discovery", "true", "gatecheck.jwt.client", "orders-api")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.client"))
                .hasMessageContaining("gatecheck.jwt.preset=keycloak");
    }

    @Test
    void anUnknownPresetOrADottedClientIsAConfigurationErrorNamingItsKey() {
        assertThatThrownBy(() -> GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", realm,
                "gatecheck.jwt.preset", "okta")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.preset"));
        assertThatThrownBy(() -> GatecheckConfig.builder().jwt(jwt -> jwt.issuer(realm)
                .preset(JwtSettings.Preset.KEYCLOAK).client("com.example.orders")).build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.client"));
    }
}
