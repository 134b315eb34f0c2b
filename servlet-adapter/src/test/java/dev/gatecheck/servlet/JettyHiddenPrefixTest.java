package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.gateway.GatewayPreset;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.TestKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A preset's unsigned header prefix ({@code pomerium}: {@code X-Pomerium-Claim-*}) is hidden from the application
 * on Jetty by every header accessor, on a public route without any assertion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyHiddenPrefixTest {
    private static final String HOST = "orders.corp.example.com";

    private ServletContainer.Deployment deployment;

    @BeforeAll
    void deploy() throws Exception {
        TestIssuer issuer = new TestIssuer();
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(TestIssuer.ISSUER).audiences(TestIssuer.AUDIENCE).jwks(issuer.jwks()))
                .route(new Route("health", List.of("/health"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .gateway(g -> g.markers(GatewayConfig.Marker.ASSERTION).preset(GatewayPreset.POMERIUM).assertion(a -> a.issuer(HOST).audiences(HOST)
                        .jwks(TestKeys.jwks(TestKeys.jwk(TestKeys.ec("secp256r1").getPublic(), "p1", "ES256")))))
                .build());
        deployment = new JettyContainer().deploy(TestApplication.guardedBy(new GatecheckFilter(gatecheck)));
    }

    @AfterAll
    void undeploy() {
        deployment.close();
    }

    @Test
    void unsignedPomeriumClaimHeadersNeverReachTheApplication() {
        Map<String, String> seen = Http.get(deployment.uri("/health"), "X-Pomerium-Claim-Email", "ceo@corp.example.com",
                "X-Pomerium-Claim-Groups", "admin", "X_Pomerium_Claim_Email", "ceo@corp.example.com").report();

        assertThat(seen).containsEntry("x-pomerium-claim-email", "null")
                .containsEntry("x-pomerium-claim-email-all", "");
        assertThat(seen.get("names")).as("no X-Pomerium-Claim-* among the header names")
                .doesNotContain("pomerium").contains("host");
    }
}
