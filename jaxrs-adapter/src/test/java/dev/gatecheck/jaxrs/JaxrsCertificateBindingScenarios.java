package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.servlet.ServletContainer;
import dev.gatecheck.servlet.TlsContainers;
import dev.gatecheck.testing.NimbusIssuer;
import dev.gatecheck.testing.SelfSignedCertificates;
import dev.gatecheck.testing.TlsClients;
import jakarta.ws.rs.core.Application;
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
 * Certificate-bound tokens (RFC 8705) through the JAX-RS adapter on Jetty over real mutual TLS: the certificate the
 * container verified reaches core as a request property, and a token whose {@code cnf.x5t#S256} (computed by
 * Nimbus) names another certificate, or none, is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaxrsCertificateBindingScenarios {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);

    /** {@link HelloResource} behind an engine of the default settings, living as long as the test JVM. */
    public static class CertificateApp extends Application {
        static final Gatecheck ENGINE = Gatecheck.create(GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer",
                ISSUER, "gatecheck.jwt.audiences", AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks())));

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(ENGINE), new HelloResource());
        }
    }

    private final KeyStore serverIdentity = SelfSignedCertificates.keyStore("CN=localhost", "ip:127.0.0.1");
    private final KeyStore alice = SelfSignedCertificates.keyStore("CN=alice-client");
    private final KeyStore mallory = SelfSignedCertificates.keyStore("CN=mallory-client");
    private ServletContainer.Deployment server;

    private final JaxrsRuntime runtime;

    /** The scenarios on {@code runtime}. */
    JaxrsCertificateBindingScenarios(JaxrsRuntime runtime) {
        this.runtime = runtime;
    }

    @BeforeAll
    void start() throws Exception {
        server = TlsContainers.JETTY.deploy((classes, context) -> runtime.serve(context, CertificateApp.class, "/api"),
                serverIdentity, TlsClients.trusting(alice, mallory));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String boundTo(KeyStore identity) throws Exception {
        return ISSUING.certificateBoundToken("alice", Instant.now(),
                (X509Certificate) identity.getCertificate(SelfSignedCertificates.ALIAS));
    }

    private HttpResponse<String> get(Optional<KeyStore> clientIdentity, String token) throws Exception {
        return TlsClients.client(serverIdentity, clientIdentity).send(HttpRequest.newBuilder(server.uri("/api/orders"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBoundTokenOverAConnectionWithItsCertificateReachesTheResource() throws Exception {
        HttpResponse<String> response = get(Optional.of(alice), boundTo(alice));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello alice");
    }

    @Test
    void aBoundTokenOverAConnectionWithAnotherCertificateIsRefused() throws Exception {
        HttpResponse<String> response = get(Optional.of(mallory), boundTo(alice));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid_token\",\"detail\":\"certificate_binding_mismatch\"}");
    }

    @Test
    void aBoundTokenOverAConnectionWithoutACertificateIsRefused() throws Exception {
        assertThat(get(Optional.empty(), boundTo(alice)).statusCode()).isEqualTo(401);
    }
}
