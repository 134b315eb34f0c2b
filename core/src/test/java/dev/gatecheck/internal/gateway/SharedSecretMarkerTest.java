package dev.gatecheck.internal.gateway;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.MIXED_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.bearerToken;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.missing;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static dev.gatecheck.testing.GatewayFixtures.untrusted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code shared-secret} marker: a static header compared in constant time with every accepted value (two for
 * rotation), exactly one line, hidden from the application.
 */
class SharedSecretMarkerTest {
    private static final String HEADER = "X-Gateway-Secret";
    private static final String CURRENT = "s3cr3t-current-0123456789abcdefghijklmnop";
    private static final String PREVIOUS = "s3cr3t-previous-0123456789abcdefghijklmno";
    private static final Map<String, String> ALICE = identity("alice", "acme", "admin");

    private final Gatecheck engine = Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
            .gateway(g -> g.markers(GatewayConfig.Marker.SHARED_SECRET).sharedSecret(HEADER, CURRENT, PREVIOUS))
            .build());

    private static AuthRequest.Builder aliceVia(String path, String secret) {
        AuthRequest.Builder b = request("GET", path, null, ALICE);
        return secret == null ? b : b.header(HEADER, secret);
    }

    @Test
    void theCurrentSecretMakesTheIdentityHeadersTheCaller() {
        for (String path : List.of(GATEWAY_PATH, MIXED_PATH)) {
            Decision.Allow allow = allowed(engine.authenticate(aliceVia(path, CURRENT).build()),
                    "current shared secret on " + path);
            Identity caller = allow.identity().orElseThrow();
            assertThat(caller.subject()).isEqualTo("alice");
            assertThat(caller.roles()).containsExactly("admin");
            assertThat(caller.method()).isEqualTo(AuthMethod.GATEWAY);
            assertThat(allow.headers().valueOf("X-User-ID")).contains("alice");
            assertThat(List.of(HEADER, "x-gateway-secret", "X_Gateway_Secret"))
                    .as("the secret header, in every spelling, is hidden from the application")
                    .allMatch(allow.headers()::hides);
        }
    }

    @Test
    void bothValuesOfARotationAreAccepted() {
        for (String secret : List.of(CURRENT, PREVIOUS)) {
            allowed(engine.authenticate(aliceVia(GATEWAY_PATH, secret).build()), "an accepted value of the rotation");
        }
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("another value", "not-the-secret-0123456789abcdefghijklmnopq"),
                Arguments.of("a prefix of the secret", CURRENT.substring(0, CURRENT.length() - 1)),
                Arguments.of("the secret plus one character", CURRENT + "x"),
                Arguments.of("the secret in upper case", CURRENT.toUpperCase()),
                Arguments.of("both values joined", CURRENT + "," + PREVIOUS),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongValues")
    void aWrongValueIsRefused(String name, String value) {
        Rejection r = untrusted(engine.authenticate(aliceVia(GATEWAY_PATH, value).build()), name);
        assertThat(r.detail()).isEqualTo("shared-secret:bad_shared_secret");
        untrusted(engine.authenticate(aliceVia(MIXED_PATH, value).bearer(bearerToken("bob")).build()),
                name + ", even beside a valid bearer token");
    }

    @Test
    void aDuplicatedSecretHeaderIsRefused() {
        Rejection same = untrusted(engine.authenticate(aliceVia(GATEWAY_PATH, CURRENT).header(HEADER, CURRENT).build()),
                "the valid secret twice");
        assertThat(same.detail()).isEqualTo("shared-secret:shared_secret_not_single");
        untrusted(engine.authenticate(aliceVia(GATEWAY_PATH, "guess-0123456789abcdefghijklmnopqrstuvw")
                .header("x-gateway-secret", CURRENT).build()), "a guess first, the valid secret second");
        untrusted(engine.authenticate(aliceVia(GATEWAY_PATH, CURRENT).header(HEADER, PREVIOUS).build()),
                "both accepted values on two lines");
    }

    @Test
    void withoutTheSecretIdentityHeadersAreStripped() {
        missing(engine.authenticate(aliceVia(GATEWAY_PATH, null).build()), "no secret header on a gateway route");
        Decision.Allow allow = allowed(engine.authenticate(aliceVia(MIXED_PATH, null).bearer(bearerToken("bob"))
                .build()), "no secret header, bearer token on gateway-or-token");
        assertThat(allow.identity()).map(Identity::subject).contains("bob");
        assertThat(allow.headers().valueOf("X-User-ID")).as("X-User-ID derived from the token").contains("bob");
        assertThat(engine.spoofAttempts()).as("stripped attempts counted").isEqualTo(2);
    }

    @Test
    void theSecretAloneClaimsNoIdentity() {
        missing(engine.authenticate(request("GET", GATEWAY_PATH, null, Map.of(HEADER, CURRENT)).build()),
                "valid secret without identity headers");
    }

    @Test
    void startupWarnsThatTheSecretProvesThePathNotTheIdentityWithoutLoggingIt() {
        try (LogCapture log = LogCapture.start()) {
            Gatecheck.create(GatewayFixtures.config(new MutableClock(NOW))
                    .gateway(g -> g.markers(GatewayConfig.Marker.SHARED_SECRET).sharedSecret(HEADER, CURRENT)).build());
            List<String> warnings = log.lines(Level.WARNING);
            assertThat(warnings).as("startup warning about the weakest marker")
                    .anyMatch(l -> l.contains("shared-secret") && l.contains("not who the caller is"));
            assertThat(log.lines()).as("no log line holds the secret").noneMatch(l -> l.contains(CURRENT));
        }
    }
}
