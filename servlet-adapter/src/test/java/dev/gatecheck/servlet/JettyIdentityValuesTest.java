package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.Bytes;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.TestKeys;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Identity values are refused, never rewritten, so the identity headers an application reads on Jetty and its
 * {@code getRemoteUser()} / {@code isUserInRole} always agree. Tokens are made by jose4j's
 * {@link JsonWebSignature} and gateway signatures by a hand-written RFC 9421 signature base, both independent of
 * core's own signing code (which refuses such values).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyIdentityValuesTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final String GATEWAY_PATH = "/api/gw/orders";

    private final KeyPair issuerKey = TestKeys.rsa();
    private final byte[] gatewayKey = new byte[32];
    private TestApplication app;
    private ServletContainer.Deployment deployment;

    @BeforeAll
    void deploy() throws Exception {
        new SecureRandom().nextBytes(gatewayKey);
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(ISSUER).audiences(AUDIENCE)
                        .jwks(TestKeys.jwks(TestKeys.jwk(issuerKey.getPublic(), "k1", "RS256"))))
                .route(new Route("gateway", List.of("/api/gw/*"), Set.of(), AuthMode.GATEWAY, Requirements.NONE))
                .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
                .gateway(g -> g.markers(GatewayConfig.Marker.HMAC).hmacKey("gw-1", gatewayKey))
                .build());
        app = TestApplication.guardedBy(new GatecheckFilter(gatecheck));
        deployment = new JettyContainer().deploy(app);
    }

    @AfterAll
    void undeploy() {
        deployment.close();
    }

    // ---- tokens

    @Test
    void aTokenIdentityShowsTheSameValuesInHeadersAndPrincipal() throws Exception {
        Map<String, String> seen = Http.get(deployment.uri("/admin/x"), "Authorization",
                "Bearer " + token("ada lovelace", List.of("admin", "user"))).report();

        assertThat(seen).as("an inner space is a faithful value").containsEntry("remote-user", "ada lovelace")
                .containsEntry("x-user-id", "ada lovelace")
                .containsEntry("x-user-roles", "admin,user")
                .containsEntry("in-role-admin", "true");
    }

    @ParameterizedTest(name = "sub = \"{0}\"")
    @ValueSource(strings = {"ad\u0000min", " admin ", "admin\u007f", "ad\tmin", "admin\r\nX-Admin: true"})
    void refusesATokenWhoseSubjectTheUserHeaderCouldNotShow(String subject) throws Exception {
        int before = app.servletRuns();

        Http.Reply reply = Http.get(deployment.uri("/api/orders"), "Authorization",
                "Bearer " + token(subject, List.of("user")));

        assertRefused(reply, 401, "invalid_token", "claim_invalid");
        assertThat(app.servletRuns()).as("the application never ran").isEqualTo(before);
    }

    @Test
    void refusesATokenWithRolesTheRolesHeaderCouldNotShow() throws Exception {
        Http.Reply controlCharacters = Http.get(deployment.uri("/api/orders"), "Authorization",
                "Bearer " + token("alice", List.of("us\ter", "ad\u0001min")));
        Http.Reply comma = Http.get(deployment.uri("/api/orders"), "Authorization",
                "Bearer " + token("alice", List.of("user,admin")));

        assertRefused(controlCharacters, 401, "invalid_token", "claim_invalid");
        assertRefused(comma, 401, "invalid_token", "claim_invalid");
    }

    // ---- the hmac gateway path

    @Test
    void aSignedGatewayIdentityShowsTheSameValuesInHeadersAndPrincipal() {
        Http.Reply reply = signedGet(GATEWAY_PATH, Map.of("X-User-ID", "ada", "X-User-Roles", "admin"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("remote-user: ada\n", "x-user-id: ada\n", "x-user-roles: admin\n",
                "in-role-admin: true\n");
    }

    @Test
    void refusesASignedGatewayIdentityWithControlCharactersInsteadOfCleaningItUp() {
        // Once cleaned up, this was user ada with role admin.
        Http.Reply reply = signedGet(GATEWAY_PATH, Map.of("X-User-ID", "ad\ta", "X-User-Roles", "ad\tmin"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.body()).contains("\"error\":\"untrusted_identity_headers\"", "malformed_identity_header");
    }

    private static void assertRefused(Http.Reply reply, int status, String error, String reason) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.body()).contains("\"error\":\"" + error + "\"", reason);
    }

    /** An RS256 token of the issuer for {@code subject} with {@code roles}, made by jose4j. */
    private String token(String subject, List<String> roles) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setStringListClaim("roles", roles);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(issuerKey.getPrivate());
        jws.setKeyIdHeaderValue("k1");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /**
     * {@code GET path} on a raw socket (so values with a tab reach Jetty as written), with {@code identity} signed
     * the way RFC 9421 §2.5 builds a signature base, by hand.
     */
    private Http.Reply signedGet(String path, Map<String, String> identity) {
        URI uri = deployment.uri(path);
        Map<String, String> ordered = new LinkedHashMap<>(identity);
        StringBuilder covered = new StringBuilder("\"@method\" \"@path\" \"@query\"");
        StringBuilder base = new StringBuilder("\"@method\": GET\n\"@path\": " + uri.getRawPath() + "\n\"@query\": ?\n");
        List<String> headers = new ArrayList<>();
        ordered.forEach((name, value) -> {
            covered.append(" \"").append(name.toLowerCase()).append('"');
            base.append('"').append(name.toLowerCase()).append("\": ").append(value).append('\n');
            headers.addAll(List.of(name, value));
        });
        String params = "(" + covered + ");created=" + Instant.now().getEpochSecond() + ";keyid=\"gw-1\";alg=\"hmac-sha256\"";
        base.append("\"@signature-params\": ").append(params);
        headers.addAll(List.of("Signature-Input", "gw=" + params, "Signature", "gw=:" + hmac(base.toString()) + ":"));
        return Http.exchange(uri.getPort(), "GET", uri.getRawPath(), null, headers.toArray(String[]::new));
    }

    private String hmac(String base) {
        return Bytes.base64(Bytes.hmacSha256(gatewayKey, Bytes.utf8(base)));
    }
}
