package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.testing.NimbusIssuer;
import dev.gatecheck.testing.SelfSignedCertificates;
import dev.gatecheck.testing.TlsClients;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Certificate-bound tokens (RFC 8705) over real TLS connections with client certificates: the container verifies
 * the certificate, the filter hands it to core, and a token whose {@code cnf.x5t#S256} (computed by Nimbus) names
 * another certificate, or none, is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CertificateBindingScenarios {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);

    private final KeyStore serverIdentity = SelfSignedCertificates.keyStore("CN=localhost", "ip:127.0.0.1");
    private final KeyStore alice = SelfSignedCertificates.keyStore("CN=alice-client");
    private final KeyStore mallory = SelfSignedCertificates.keyStore("CN=mallory-client");
    private Gatecheck engine;
    private ServletContainer.Deployment deployment;

    /** The container under test. */
    protected abstract TlsContainers.TlsContainer container();

    /** Answers {@code hello <principal>}. */
    static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print("hello " + request.getUserPrincipal().getName());
        }
    }

    /** The filter in front of {@link Hello}. */
    record App(Gatecheck engine) implements ServletContainerInitializer {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            context.addFilter("gatecheck", new GatecheckFilter(engine)).addMappingForUrlPatterns(null, false, "/*");
            context.addServlet("hello", new Hello()).addMapping("/*");
        }
    }

    @BeforeAll
    void start() throws Exception {
        engine = Gatecheck.create(GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks())));
        deployment = container().deploy(new App(engine), serverIdentity, TlsClients.trusting(alice, mallory));
    }

    @AfterAll
    void stop() {
        deployment.close();
        engine.close();
    }

    private static String boundTo(KeyStore identity) throws Exception {
        return ISSUING.certificateBoundToken("alice", Instant.now(),
                (X509Certificate) identity.getCertificate(SelfSignedCertificates.ALIAS));
    }

    private HttpResponse<String> get(Optional<KeyStore> clientIdentity, String token) throws Exception {
        HttpClient client = TlsClients.client(serverIdentity, clientIdentity);
        return client.send(HttpRequest.newBuilder(deployment.uri("/orders")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertMismatch(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid_token\",\"detail\":\"certificate_binding_mismatch\"}");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("error=\"invalid_token\"", "error_description=\"certificate_binding_mismatch\""));
    }

    @Test
    void aBoundTokenOverAConnectionWithItsCertificateReachesTheApplication() throws Exception {
        HttpResponse<String> response = get(Optional.of(alice), boundTo(alice));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello alice");
    }

    @Test
    void aBoundTokenOverAConnectionWithAnotherTrustedCertificateIsRefused() throws Exception {
        assertMismatch(get(Optional.of(mallory), boundTo(alice)));
    }

    @Test
    void aBoundTokenOverAConnectionWithoutACertificateIsRefused() throws Exception {
        assertMismatch(get(Optional.empty(), boundTo(alice)));
    }

    @Test
    void anUnboundTokenNeedsNoCertificate() throws Exception {
        HttpResponse<String> response = get(Optional.empty(), ISSUING.token("alice", Instant.now(), Map.of()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
