package dev.gatecheck.internal.gateway;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.bearerToken;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.missing;
import static dev.gatecheck.testing.GatewayFixtures.randomBytes;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static dev.gatecheck.testing.GatewayFixtures.signedHeaders;
import static dev.gatecheck.testing.GatewayFixtures.untrusted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.MutableClock;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gatecheck.gateway.marker=hmac,trusted-proxy}: both must hold; one absent strips; one failing is a 401. */
class CombinedMarkersTest {
    private static final byte[] KEY = randomBytes(32);
    private static final String INSIDE = "10.20.30.40";
    private static final String INSIDE_V6 = "fd00:20::40";
    private static final String OUTSIDE = "192.0.2.10";

    private final Gatecheck engine = engine("strip");

    private static Gatecheck engine(String onUntrusted) {
        GatewayConfig.OnUntrusted mode = GatewayConfig.OnUntrusted.valueOf(onUntrusted.toUpperCase(java.util.Locale.ROOT));
        return Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
                .gateway(g -> g.markers(GatewayConfig.Marker.HMAC, GatewayConfig.Marker.TRUSTED_PROXY).hmacKey("gw", KEY)
                        .trustedProxies("10.0.0.0/8", "fd00::/8").onUntrusted(mode))
                .build());
    }

    private static Map<String, String> signed(String path) {
        return signedHeaders(new GatewaySigner("gw", KEY, Clock.fixed(NOW, ZoneOffset.UTC)), "GET", path, null,
                identity("alice", "acme", "admin"));
    }

    private Decision send(String path, Map<String, String> headers, String peer) {
        return engine.authenticate(request("GET", path, null, headers).peerAddress(peer).build());
    }

    @Test
    void bothMarkersHoldingMakeTheIdentityHeadersTheCaller() {
        for (String peer : new String[] {INSIDE, INSIDE_V6, "::ffff:" + INSIDE}) {
            Decision.Allow allow = allowed(send(GATEWAY_PATH, signed(GATEWAY_PATH), peer), "signed, peer " + peer);
            assertThat(allow.identity()).map(Identity::subject).contains("alice");
        }
        assertThat(engine.spoofAttempts()).isZero();
    }

    @Test
    void aValidSignatureFromAPeerOutsideIsStripped() {
        missing(send(GATEWAY_PATH, signed(GATEWAY_PATH), OUTSIDE), "valid signature, peer outside the proxies");
        Decision.Allow allow = allowed(engine.authenticate(request("GET", MIXED_PATH, null, signed(MIXED_PATH))
                .peerAddress(OUTSIDE).bearer(bearerToken("bob")).build()), "same on gateway-or-token with a token");
        assertThat(allow.identity()).map(Identity::subject).contains("bob");
        assertThat(engine.spoofAttempts()).isEqualTo(2);
    }

    @Test
    void unsignedIdentityHeadersFromAPeerInsideAreStripped() {
        missing(send(GATEWAY_PATH, identity("alice", "acme", "admin"), INSIDE), "no signature, peer inside");
    }

    @Test
    void aFailingSignatureIsRefusedWhereverThePeerIs() {
        for (String peer : new String[] {INSIDE, OUTSIDE}) {
            Map<String, String> headers = signed(GATEWAY_PATH);
            headers.put("X-User-Roles", "admin,superuser");
            untrusted(send(GATEWAY_PATH, headers, peer), "tampered roles, peer " + peer);
        }
    }

    @Test
    void inRejectModeAMissingMarkerIsA401() {
        untrusted(engine("reject").authenticate(request("GET", GATEWAY_PATH, null, signed(GATEWAY_PATH))
                .peerAddress(OUTSIDE).build()), "valid signature, peer outside, on-untrusted=reject");
    }
}
