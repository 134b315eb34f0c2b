package dev.gatecheck.internal.gateway;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.bearerToken;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.missing;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.MutableClock;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code trusted-proxy} marker: the socket peer address lies in a configured IPv4 or IPv6 CIDR. A peer outside
 * is no marker, so identity headers are stripped (never a 401 of a failing marker).
 */
class TrustedProxyMarkerTest {

    private static Gatecheck engine(String... cidrs) {
        return Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
                .gateway(g -> g.markers(GatewayConfig.Marker.TRUSTED_PROXY).trustedProxies(cidrs)).build());
    }

    private static AuthRequest.Builder alice(String path) {
        return request("GET", path, null, identity("alice", "acme", "admin"));
    }

    static Stream<Arguments> peers() {
        return Stream.of(
                Arguments.of("10.0.0.0/8", "10.1.2.3", true),
                Arguments.of("10.0.0.0/8", "11.1.2.3", false),
                Arguments.of("192.168.10.0/24", "192.168.10.255", true),
                Arguments.of("192.168.10.0/24", "192.168.11.0", false),
                Arguments.of("172.16.0.0/12", "172.20.0.9", true),
                Arguments.of("203.0.113.10/32", "203.0.113.10", true),
                Arguments.of("203.0.113.10/32", "203.0.113.11", false),
                Arguments.of("0.0.0.0/0", "198.51.100.77", true),
                Arguments.of("0.0.0.0/0", "2001:db8::77", false),
                Arguments.of("10.0.0.0/8", "::ffff:10.9.8.7", true),
                Arguments.of("10.0.0.0/8", "::ffff:192.0.2.1", false),
                Arguments.of("127.0.0.1/32", "::ffff:127.0.0.1", true),
                Arguments.of("fd00::/8", "fd00:1234::5", true),
                Arguments.of("fd00::/8", "fe80::5", false),
                Arguments.of("2001:db8:1::/48", "2001:db8:1:ffff::1", true),
                Arguments.of("2001:db8:1::/48", "2001:db8:2::1", false),
                Arguments.of("::1/128", "::1", true),
                Arguments.of("::1/128", "0:0:0:0:0:0:0:1", true),
                Arguments.of("::1/128", "::2", false),
                Arguments.of("::1/128", "127.0.0.1", false),
                Arguments.of("::/0", "2001:db8::1", true),
                Arguments.of("::/0", "10.0.0.1", false),
                Arguments.of("10.0.0.0/8,fd00::/8", "fd00::1", true),
                Arguments.of("10.0.0.0/8,fd00::/8", "10.0.0.1", true),
                Arguments.of("10.0.0.0/8,fd00::/8", "192.0.2.1", false),
                Arguments.of("0.0.0.0/0", "gateway.internal", false),
                Arguments.of("0.0.0.0/0", "unknown", false));
    }

    @ParameterizedTest(name = "{0} / peer {1}: trusted {2}")
    @MethodSource("peers")
    void believesIdentityHeadersOnlyFromPeersInTheConfiguredBlocks(String cidrs, String peer, boolean trusted) {
        Gatecheck engine = engine(cidrs.split(","));
        Decision decision = engine.authenticate(alice(GATEWAY_PATH).peerAddress(peer).build());
        if (trusted) {
            Decision.Allow allow = allowed(decision, "peer " + peer + " inside " + cidrs);
            assertThat(allow.identity()).map(Identity::subject).contains("alice");
            assertThat(engine.spoofAttempts()).as("a trusted request is no spoof").isZero();
        } else {
            missing(decision, "peer " + peer + " outside " + cidrs + ": identity headers stripped");
            assertThat(engine.spoofAttempts()).as("the stripped attempt is counted").isEqualTo(1);
        }
    }

    @Test
    void withoutAPeerAddressIdentityHeadersAreStripped() {
        missing(engine("0.0.0.0/0", "::/0").authenticate(alice(GATEWAY_PATH).build()), "no peer address known");
    }

    @Test
    void aPeerOutsideFallsBackToTheTokenOnGatewayOrToken() {
        Decision.Allow allow = allowed(engine("10.0.0.0/8").authenticate(alice(MIXED_PATH).peerAddress("192.0.2.1")
                .bearer(bearerToken("bob")).build()), "peer outside, valid bearer token");
        assertThat(allow.identity()).map(Identity::subject).contains("bob");
        assertThat(allow.headers().valueOf("X-User-ID")).contains("bob");
        assertThat(allow.headers().hides("X-User-ID")).as("the client's X-User-ID is hidden").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0.0.0.0/0", "::/0", "10.0.0.0/8,0.0.0.0/0"})
    void startupWarnsOfARangeOfEveryAddressEvenBesideAnotherMarker(String cidrs) {
        try (LogCapture log = LogCapture.start()) {
            Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW)).gateway(g -> g
                    .markers(GatewayConfig.Marker.HMAC, GatewayConfig.Marker.TRUSTED_PROXY).hmacKey("gw-1", GatewayFixtures.randomBytes(32))
                    .trustedProxies(cidrs.split(","))).build());

            assertThat(log.lines(Level.WARNING)).as("a WARN naming the catch-all range")
                    .anyMatch(l -> l.contains("match every address") && l.contains(cidrs.contains("::") ? "::/0" : "0.0.0.0/0"));
        }
    }

    @Test
    void noCatchAllWarningForARealRange() {
        try (LogCapture log = LogCapture.start()) {
            Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW)).gateway(g -> g
                    .markers(GatewayConfig.Marker.HMAC, GatewayConfig.Marker.TRUSTED_PROXY).hmacKey("gw-1", GatewayFixtures.randomBytes(32))
                    .trustedProxies("10.0.0.0/8", "::ffff:10.0.0.0/8")).build());

            assertThat(log.lines(Level.WARNING)).noneMatch(l -> l.contains("match every address"));
        }
    }

    @Test
    void startupWarnsWhenTheMarkerIsUsedAlone() {
        try (LogCapture log = LogCapture.start()) {
            engine("10.0.0.0/8");
            assertThat(log.lines(Level.WARNING)).as("warning about trusted-proxy alone")
                    .anyMatch(l -> l.contains("trusted-proxy alone"));
        }
    }
}
