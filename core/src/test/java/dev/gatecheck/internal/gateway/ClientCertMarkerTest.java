package dev.gatecheck.internal.gateway;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.missing;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static dev.gatecheck.testing.GatewayFixtures.untrusted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.SelfSignedCertificates;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code client-cert} marker with real self-signed certificates (made by keytool): the leaf certificate's subject
 * DN, a DNS SAN or a SPIFFE URI SAN must be on the allow-list; another certificate is a 401, none strips.
 */
class ClientCertMarkerTest {
    private static final String GATEWAY_SPIFFE = "spiffe://cluster.local/ns/edge/sa/gateway";
    private static X509Certificate gateway;
    private static X509Certificate stranger;
    private static X509Certificate lookalike;

    @BeforeAll
    static void certificates() {
        gateway = SelfSignedCertificates.create("CN=gateway.internal, O=Gatecheck Test",
                "dns:gateway.internal", "uri:" + GATEWAY_SPIFFE);
        stranger = SelfSignedCertificates.create("CN=stranger, O=Elsewhere",
                "dns:stranger.example", "uri:spiffe://cluster.local/ns/other/sa/gateway");
        lookalike = SelfSignedCertificates.create("CN=gateway.internal, O=Attacker");
    }

    enum AllowList {
        SUBJECT(Set.of("CN=gateway.internal,O=Gatecheck Test"), Set.of(), Set.of()),
        SUBJECT_SPACED(Set.of("CN=gateway.internal, O=Gatecheck Test"), Set.of(), Set.of()),
        DNS_SAN(Set.of(), Set.of("gateway.internal"), Set.of()),
        SPIFFE_URI(Set.of(), Set.of(), Set.of(GATEWAY_SPIFFE));

        final Set<String> subjects;
        final Set<String> dnsNames;
        final Set<String> uris;

        AllowList(Set<String> subjects, Set<String> dnsNames, Set<String> uris) {
            this.subjects = subjects;
            this.dnsNames = dnsNames;
            this.uris = uris;
        }

        Gatecheck engine() {
            return Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
                    .gateway(g -> g.markers(GatewayConfig.Marker.CLIENT_CERT).clientCert(subjects, dnsNames, uris)).build());
        }
    }

    private static AuthRequest alice(X509Certificate... chain) {
        return request("GET", GATEWAY_PATH, null, identity("alice", "acme", "admin")).clientCertificates(chain).build();
    }

    static Stream<Arguments> allowLists() {
        return Stream.of(AllowList.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowLists")
    void theGatewayCertificateMakesTheIdentityHeadersTheCaller(AllowList allowList) {
        var allow = allowed(allowList.engine().authenticate(alice(gateway)), "gateway certificate, " + allowList);
        assertThat(allow.identity()).map(Identity::subject).contains("alice");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowLists")
    void anotherCertificateIsRefused(AllowList allowList) {
        Gatecheck engine = allowList.engine();
        var r = untrusted(engine.authenticate(alice(stranger)), "stranger's certificate, " + allowList);
        assertThat(r.detail()).isEqualTo("client-cert:client_certificate_not_allowed");
        untrusted(engine.authenticate(alice(lookalike)), "same CN, other O, no SAN, " + allowList);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowLists")
    void withoutACertificateIdentityHeadersAreStripped(AllowList allowList) {
        Gatecheck engine = allowList.engine();
        missing(engine.authenticate(alice()), "no client certificate, " + allowList);
        assertThat(engine.spoofAttempts()).isEqualTo(1);
    }

    @Test
    void onlyTheLeafCertificateCounts() {
        untrusted(AllowList.SUBJECT.engine().authenticate(alice(stranger, gateway)),
                "the gateway certificate as the issuer of a stranger's leaf");
    }
}
