package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static dev.gatecheck.testing.Engines.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.IssuerConfig.Introspection.ClientAuth;
import dev.gatecheck.testing.IntrospectionServer;
import dev.gatecheck.testing.TestKeys;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Introspection against independent implementations: NAV's mock-oauth2-server (a real third-party provider: its
 * discovery names the introspection endpoint, which checks the client's Basic credentials and answers for its own
 * tokens), a {@code private_key_jwt} client assertion verified by Nimbus JOSE+JWT, and RFC 9701 signed answers that
 * Nimbus signs.
 */
class IntrospectionInteropTest {
    private static final String CLIENT = "orders-api";
    private static final KeyPair ISSUER_KEY = TestKeys.rsa();

    @TempDir
    Path dir;
    private MockOAuth2Server provider;
    private IntrospectionServer server;
    private Gatecheck gatecheck;

    @AfterEach
    void stop() {
        if (gatecheck != null) {
            gatecheck.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }

    private Decision get(String path, String token) {
        return gatecheck.authenticate(AuthRequest.builder("GET", path).bearer(token).build());
    }

    private String startProvider() throws Exception {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        return provider.issuerUrl("default").toString();
    }

    @Test
    void mockOAuth2ServersIntrospectionFoundByDiscoveryRechecksItsTokensOnAnIntrospectAlwaysRoute() throws Exception {
        String issuer = startProvider();
        gatecheck = Gatecheck.create(GatecheckConfig.fromMap(Map.of(
                "gatecheck.jwt.issuer", issuer, "gatecheck.jwt.audiences", CLIENT, "gatecheck.jwt.discovery", "true",
                "gatecheck.jwt.introspection.client-id", CLIENT,
                "gatecheck.jwt.introspection.client-secret", "any-secret",
                "gatecheck.introspection.timeout", "10s",
                "gatecheck.routes.payments.paths", "/payments/*",
                "gatecheck.routes.payments.introspect", "always")));
        String token = provider.issueToken("default", "alice", CLIENT).serialize();
        // The first request may wait for discovery and keys in a cold JVM; a 503 then is the designed answer.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !(get("/api/x", token) instanceof Decision.Deny d && d.rejection().status() == 503));

        Decision.Allow allow = assertAllowed(get("/payments/1", token),
                "a token of mock-oauth2-server, introspected by it as active");

        assertThat(allow.identity().orElseThrow().subject()).isEqualTo("alice");
        Rejection r = assertDenied(get("/api/x", "op_not-a-token-of-this-provider"), 401, "invalid_token",
                "an opaque token mock-oauth2-server does not know");
        assertThat(r.detail()).isEqualTo("inactive");
    }

    @Test
    void privateKeyJwtClientAuthenticationIsVerifiedByTheEndpoint() throws Exception {
        KeyPair clientKey = TestKeys.ec("secp256r1");
        Path pem = Files.writeString(dir.resolve("client.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(clientKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Set<String> seenJtis = ConcurrentHashMap.newKeySet();
        server = IntrospectionServer.start(CLIENT, "unused").activate("op_abc123", "\"sub\":\"alice\"");
        server.clientCheck((form, authorization) -> authorization == null
                && verifiesClientAssertion(form, (ECPublicKey) clientKey.getPublic(), server.uri(), seenJtis));
        gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer("https://issuer.test").introspection(i -> i.uri(server.uri()).clientId(CLIENT)
                        .authMethod(ClientAuth.PRIVATE_KEY_JWT).privateKeyLocation(pem.toString())))
                .build());

        assertAllowed(get("/api/x", "op_abc123"), "the endpoint accepted the ES256 client assertion");
        gatecheck.close();
        assertThat(server.refusedClients()).as("client assertions Nimbus refused").isZero();
    }

    /** RFC 7523 as the endpoint checks it: signature, iss = sub = client_id, aud = endpoint, exp, fresh jti. */
    private static boolean verifiesClientAssertion(Map<String, String> form, ECPublicKey key, String endpoint,
                                                   Set<String> seenJtis) {
        try {
            if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
                    || !CLIENT.equals(form.get("client_id"))) {
                return false;
            }
            SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
            JWTClaimsSet claims = assertion.getJWTClaimsSet();
            return assertion.getHeader().getAlgorithm().equals(JWSAlgorithm.ES256)
                    && assertion.verify(new ECDSAVerifier(key))
                    && CLIENT.equals(claims.getIssuer()) && CLIENT.equals(claims.getSubject())
                    && claims.getAudience().equals(List.of(endpoint))
                    && claims.getExpirationTime().after(new Date())
                    && claims.getJWTID() != null && seenJtis.add(claims.getJWTID());
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void anRfc9701AnswerSignedWithTheIssuersKeyIsAccepted() throws Exception {
        String issuer = "https://issuer.test";
        server = IntrospectionServer.start(CLIENT, "secret")
                .answer("op_signed", "application/token-introspection+jwt",
                        signedAnswer(issuer, CLIENT, (RSAPrivateKey) ISSUER_KEY.getPrivate(), true))
                .answer("op_for_another_client", "application/token-introspection+jwt",
                        signedAnswer(issuer, "someone-else", (RSAPrivateKey) ISSUER_KEY.getPrivate(), true))
                .answer("op_signed_by_another_key", "application/token-introspection+jwt",
                        signedAnswer(issuer, CLIENT, (RSAPrivateKey) TestKeys.rsa().getPrivate(), true))
                .answer("op_signed_inactive", "application/token-introspection+jwt",
                        signedAnswer(issuer, CLIENT, (RSAPrivateKey) ISSUER_KEY.getPrivate(), false));
        gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(issuer).jwks(TestKeys.jwks(TestKeys.jwk(ISSUER_KEY.getPublic(), "as-1", "RS256")))
                        .introspection(i -> i.uri(server.uri()).clientId(CLIENT).clientSecret("secret")))
                .build());

        Decision.Allow allow = assertAllowed(get("/api/x", "op_signed"), "a signed answer, active");
        assertThat(allow.identity().orElseThrow().subject()).isEqualTo("alice");
        assertThat(assertDenied(get("/api/x", "op_signed_inactive"), 401, "invalid_token", "a signed answer, inactive")
                .detail()).isEqualTo("inactive");
        assertUnavailable(get("/api/x", "op_for_another_client"), "a signed answer addressed to another client");
        assertUnavailable(get("/api/x", "op_signed_by_another_key"), "a signed answer the issuer's keys refuse");
    }

    /** RFC 9701 section 5, signed by Nimbus. */
    private static String signedAnswer(String issuer, String audience, RSAPrivateKey key, boolean active)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
                .issueTime(Date.from(Instant.now().minusSeconds(1)))
                .claim("token_introspection", active ? Map.of("active", true, "sub", "alice", "iss", issuer)
                        : Map.of("active", false))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("as-1")
                .type(new JOSEObjectType("token-introspection+jwt")).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
