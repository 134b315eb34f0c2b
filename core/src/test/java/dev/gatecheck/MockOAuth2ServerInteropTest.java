package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.oauth2.sdk.auth.X509CertificateConfirmation;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.DpopClient;
import dev.gatecheck.testing.Engines;
import dev.gatecheck.testing.SelfSignedCertificates;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with a real third-party OpenID provider running in-process (NAV's mock-oauth2-server): discovery,
 * its JWKS and its tokens, verified by Gatecheck; its tokens bound to a DPoP key or a client certificate (it has no
 * DPoP endpoint of its own, so the {@code cnf} claim is asked for as an extra claim). The issuer URL is taken from the server itself, since its
 * {@code iss} follows the host name it is called by.
 */
class MockOAuth2ServerInteropTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static MockOAuth2Server provider;
    private static Gatecheck gatecheck;
    private static String issuer;

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        issuer = provider.issuerUrl("default").toString();
        gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(issuer).audiences("gatecheck-api").discovery(true))
                .build());
        // The provider makes its signing key on first use and the first load (discovery, then JWKS) may outlast
        // max-wait in a cold JVM; that 503 is the designed answer, not what this test is about.
        String warmUp = provider.issueToken("default", "warm-up", "gatecheck-api").serialize();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !(Engines.authenticateWithin(gatecheck, warmUp, BOUND) instanceof Decision.Deny deny
                        && deny.rejection().status() == 503));
    }

    @AfterAll
    static void stopProvider() {
        if (gatecheck != null) {
            gatecheck.close();
        }
        provider.shutdown();
    }

    @Test
    void tokenIssuedByTheProviderIsAllowedThroughDiscovery() {
        String token = provider.issueToken("default", "alice", "gatecheck-api").serialize();

        Decision.Allow allow = assertAllowed(Engines.authenticateWithin(gatecheck, token, BOUND),
                "a token of mock-oauth2-server issuer " + issuer);
        assertThat(allow.identity()).get().extracting(Identity::subject).as("subject").isEqualTo("alice");
        assertThat(allow.identity()).get().extracting(i -> i.issuer().orElseThrow()).as("issuer").isEqualTo(issuer);
    }

    @Test
    void tokenOfAnotherProviderIssuerIsRefused() {
        String token = provider.issueToken("other", "mallory", "gatecheck-api").serialize();

        Rejection r = assertDenied(Engines.authenticateWithin(gatecheck, token, BOUND), 401, "invalid_token",
                "a token of the provider's other issuer " + provider.issuerUrl("other"));
        assertThat(r.detail()).isEqualTo("issuer_invalid");
    }

    @Test
    void dpopBoundTokenOfTheProviderIsAllowedWithANimbusProofAndRefusedAsBearer() {
        DpopClient client = DpopClient.es256();
        String token = provider.issueToken("default", "alice", "gatecheck-api",
                Map.of("cnf", Map.of("jkt", client.thumbprint()))).serialize();
        String url = "https://api.example.com/api/orders";
        AuthRequest request = AuthRequest.builder("GET", "/api/orders").origin("https://api.example.com")
                .header("Authorization", "DPoP " + token)
                .header("DPoP", client.proof("GET", url, token, Instant.now())).build();

        assertAllowed(gatecheck.authenticate(request), "a DPoP-bound token of mock-oauth2-server with its proof");
        Rejection r = assertDenied(Engines.authenticateWithin(gatecheck, token, BOUND), 401, "invalid_token",
                "the same bound token sent as a bearer token");
        assertThat(r.detail()).isEqualTo("dpop_bound_token_as_bearer");
    }

    @Test
    void certificateBoundTokenOfTheProviderNeedsItsCertificate() {
        X509Certificate certificate = SelfSignedCertificates.create("CN=client");
        String token = provider.issueToken("default", "alice", "gatecheck-api", Map.of("cnf",
                Map.of("x5t#S256", X509CertificateConfirmation.of(certificate).getValue().toString()))).serialize();

        assertAllowed(gatecheck.authenticate(AuthRequest.builder("GET", "/api/orders").bearer(token)
                .clientCertificates(certificate).build()), "over the connection of its certificate");
        Rejection r = assertDenied(gatecheck.authenticate(AuthRequest.builder("GET", "/api/orders").bearer(token)
                .clientCertificates(SelfSignedCertificates.create("CN=other")).build()), 401, "invalid_token",
                "over the connection of another certificate");
        assertThat(r.detail()).isEqualTo("certificate_binding_mismatch");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        String token = provider.issueToken("default", "alice", "someone-else").serialize();

        assertDenied(Engines.authenticateWithin(gatecheck, token, BOUND), 403, "invalid_audience",
                "a token of the right issuer for another audience");
    }
}
