package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.NimbusIssuer;
import dev.gatecheck.testing.SelfSignedCertificates;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Certificate-bound tokens (RFC 8705) in the engine: a token whose {@code cnf.x5t#S256} (computed by Nimbus) names
 * the client certificate the container verified, or the one a gateway forwarded in
 * {@code gatecheck.gateway.client-cert-header}, believed only when the gateway's marker verifies.
 */
class CertificateBindingTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "orders-api";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final NimbusIssuer ISSUING = new NimbusIssuer(ISSUER, AUDIENCE);
    private static final X509Certificate CLIENT = SelfSignedCertificates.create("CN=client");
    private static final X509Certificate OTHER = SelfSignedCertificates.create("CN=other");
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final byte[] HMAC_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = MutableClock.at(START);
    private Gatecheck engine = engine(Map.of());

    @AfterEach
    void close() {
        engine.close();
    }

    private Gatecheck engine(Map<String, String> more) {
        Map<String, String> keys = new HashMap<>(Map.of("gatecheck.jwt.issuer", ISSUER, "gatecheck.jwt.audiences",
                AUDIENCE, "gatecheck.jwt.jwks", ISSUING.jwks()));
        keys.putAll(more);
        if (engine != null) {
            engine.close();
        }
        return Gatecheck.create(GatecheckConfig.fromMap(keys, clock));
    }

    private static String boundTo(X509Certificate certificate) {
        return ISSUING.certificateBoundToken("alice", START, certificate);
    }

    private static AuthRequest.Builder get(String token) {
        return AuthRequest.builder("GET", "/api/orders").bearer(token);
    }

    private static void assertMismatch(Decision decision, String why) {
        Rejection rejection = assertDenied(decision, 401, "invalid_token", why);
        assertThat(rejection.detail()).as("%s: detail", why).isEqualTo("certificate_binding_mismatch");
    }

    @Test
    void allowsABoundTokenOverTheConnectionOfItsCertificate() {
        assertAllowed(engine.authenticate(get(boundTo(CLIENT)).clientCertificates(CLIENT).build()),
                "the container verified the certificate the token is bound to");
    }

    @Test
    void refusesABoundTokenOverTheConnectionOfAnotherCertificate() {
        assertMismatch(engine.authenticate(get(boundTo(CLIENT)).clientCertificates(OTHER).build()), "other cert");
    }

    @Test
    void refusesABoundTokenWithoutAClientCertificate() {
        assertMismatch(engine.authenticate(get(boundTo(CLIENT)).build()), "no mutual TLS");
    }

    @Test
    void comparesTheLeafCertificateOnly() {
        assertMismatch(engine.authenticate(get(boundTo(CLIENT)).clientCertificates(OTHER, CLIENT).build()),
                "the bound certificate as the chain's issuer, not its leaf");
    }

    @Test
    void anUnboundTokenNeedsNoCertificate() {
        assertAllowed(engine.authenticate(get(ISSUING.token("alice", START, Map.of())).build()), "plain bearer");
    }

    @Test
    void aConfirmationMethodGatecheckCannotCheckIsNeverIgnored() {
        String token = ISSUING.token("alice", START, Map.of("cnf", Map.of("x5t", "c2hhMQ")));

        Rejection rejection = assertDenied(engine.authenticate(get(token).clientCertificates(CLIENT).build()), 401,
                "invalid_token", "cnf.x5t (SHA-1)");
        assertThat(rejection.detail()).isEqualTo("confirmation_unsupported");
    }

    @Test
    void theBindingIsCheckedOnEveryRequestNotCachedWithTheToken() {
        String token = boundTo(CLIENT);
        assertAllowed(engine.authenticate(get(token).clientCertificates(CLIENT).build()), "first, with its cert");

        assertMismatch(engine.authenticate(get(token).clientCertificates(OTHER).build()),
                "the same (cached) token over another connection");
    }

    // A certificate forwarded by a gateway

    private static String escapedPem(X509Certificate certificate) {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets
                    .US_ASCII)).encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            return URLEncoder.encode(pem, StandardCharsets.US_ASCII).replace("+", "%20");
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rfc9440(X509Certificate certificate) {
        try {
            return ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Gatecheck sharedSecretGateway() {
        return engine(Map.of("gatecheck.gateway.marker", "shared-secret", "gatecheck.gateway.shared-secret.header",
                "X-Gateway-Secret", "gatecheck.gateway.shared-secret.values", SECRET,
                "gatecheck.gateway.client-cert-header", "Client-Cert"));
    }

    @Test
    void believesAnRfc9440CertificateForwardedByAVerifiedGateway() {
        engine = sharedSecretGateway();

        assertAllowed(engine.authenticate(get(boundTo(CLIENT)).header("X-Gateway-Secret", SECRET)
                .header("Client-Cert", rfc9440(CLIENT)).build()), "Client-Cert from the gateway");
    }

    @Test
    void believesAPercentEncodedPemForwardedByAVerifiedGateway() {
        engine = sharedSecretGateway();

        assertAllowed(engine.authenticate(get(boundTo(CLIENT)).header("X-Gateway-Secret", SECRET)
                .header("Client-Cert", escapedPem(CLIENT)).build()), "nginx $ssl_client_escaped_cert");
    }

    @Test
    void refusesAForwardedCertificateWithoutTheGatewaysMarker() {
        engine = sharedSecretGateway();

        assertMismatch(engine.authenticate(get(boundTo(CLIENT)).header("Client-Cert", rfc9440(CLIENT)).build()),
                "a client forging the gateway's header");
        assertMismatch(engine.authenticate(get(boundTo(CLIENT)).header("X-Gateway-Secret", "wrong-secret-value")
                .header("Client-Cert", rfc9440(CLIENT)).build()), "a wrong gateway secret");
    }

    @Test
    void refusesTwoForwardedCertificates() {
        engine = sharedSecretGateway();

        assertMismatch(engine.authenticate(get(boundTo(CLIENT)).header("X-Gateway-Secret", SECRET)
                .header("Client-Cert", rfc9440(CLIENT)).header("Client-Cert", rfc9440(CLIENT)).build()), "two");
    }

    @Test
    void refusesAForwardedValueThatIsNoCertificate() {
        engine = sharedSecretGateway();

        assertMismatch(engine.authenticate(get(boundTo(CLIENT)).header("X-Gateway-Secret", SECRET)
                .header("Client-Cert", ":bm90IGEgY2VydA==:").build()), "base64 of no certificate");
    }

    @Test
    void whereTheGatewayForwardsCertificatesTheConnectionsOwnIsTheGateways() {
        engine = sharedSecretGateway();

        assertMismatch(engine.authenticate(get(boundTo(CLIENT)).header("X-Gateway-Secret", SECRET)
                .clientCertificates(CLIENT).build()), "the container's certificate is the gateway's own hop");
    }

    @Test
    void anHmacGatewaysSignatureMustCoverTheForwardedCertificate() {
        engine = engine(Map.of("gatecheck.gateway.marker", "hmac", "gatecheck.gateway.hmac.keys",
                "gw:" + Base64.getEncoder().encodeToString(HMAC_KEY), "gatecheck.gateway.client-cert-header",
                "Client-Cert"));
        GatewaySigner signer = new GatewaySigner("gw", HMAC_KEY, clock);
        String certificate = rfc9440(CLIENT);

        Map<String, String> covered = signer.sign("GET", "/api/orders", Optional.empty(),
                Map.of("Client-Cert", certificate));
        AuthRequest.Builder signed = get(boundTo(CLIENT)).header("Client-Cert", certificate);
        covered.forEach(signed::header);
        assertAllowed(engine.authenticate(signed.build()), "a signature covering Client-Cert");

        Map<String, String> uncovered = signer.sign("GET", "/api/orders", Optional.empty(), Map.of());
        AuthRequest.Builder unsigned = get(boundTo(CLIENT)).header("Client-Cert", certificate);
        uncovered.forEach(unsigned::header);
        assertMismatch(engine.authenticate(unsigned.build()), "a signature that leaves Client-Cert out");
    }
}
