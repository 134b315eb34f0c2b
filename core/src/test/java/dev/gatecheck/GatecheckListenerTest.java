package dev.gatecheck;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.PUBLIC_PATH;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_ISSUER;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_PATH;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.bearerToken;
import static dev.gatecheck.testing.GatewayFixtures.denied;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.randomBytes;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static dev.gatecheck.testing.GatewayFixtures.signedHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.events.GatecheckListener.Decided;
import dev.gatecheck.events.GatecheckListener.SpoofAttempt;
import dev.gatecheck.events.GatecheckListener.Verification;
import dev.gatecheck.events.Health;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.RecordingListener;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the configuration's listeners hear from the engine: one event per decision with its route, code, reason,
 * identity and marker; spoof attempts; cache hits and misses; the engine at start. A listener that throws never
 * changes a decision and is logged at most once a minute by the engine's clock. No event carries a token, a path or a
 * header value.
 */
class GatecheckListenerTest {
    private static final byte[] GATEWAY_KEY = randomBytes(32);
    private static final GatewaySigner SIGNER = new GatewaySigner("gw", GATEWAY_KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingListener heard = new RecordingListener();
    private final List<Gatecheck> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(Gatecheck::close);
    }

    @Test
    void anAllowedTokenRequestIsHeardWithItsRouteMethodIssuerAndKeyId() {
        Gatecheck gatecheck = engine(heard);

        allowed(gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(bearerToken("alice"))
                .peerAddress("192.0.2.7").build()), "a valid token");

        Decided event = onlyDecision();
        assertThat(event.outcome()).as("outcome").isEqualTo(GatecheckListener.Outcome.ALLOW);
        assertThat(event.route()).as("route").isEqualTo("token");
        assertThat(event.code()).as("code of an allowed request").isEmpty();
        assertThat(event.reason()).as("reason of an allowed request").isEmpty();
        assertThat(event.method()).as("auth method").contains(AuthMethod.TOKEN);
        assertThat(event.issuer()).as("issuer").contains(TOKEN_ISSUER);
        assertThat(event.identity().map(i -> i.subject())).as("subject").contains("alice");
        assertThat(event.identity().flatMap(i -> i.keyId())).as("kid of the verifying key").contains("token-key");
        assertThat(event.marker()).as("marker of a token request").isEmpty();
        assertThat(event.peer()).as("peer").contains("192.0.2.7");
        assertThat(event.duration()).as("time taken").isPositive();
    }

    @Test
    void aDenialIsHeardWithItsCodeAndReason() {
        Gatecheck gatecheck = engine(heard);
        String expired = bearerToken("alice");
        clock.advance(Duration.ofHours(1));

        denied(gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(expired).build()), 401,
                "invalid_token", "an expired token");

        Decided event = onlyDecision();
        assertThat(event.outcome()).as("outcome").isEqualTo(GatecheckListener.Outcome.DENY);
        assertThat(event.code()).as("code").contains(ErrorCode.INVALID_TOKEN);
        assertThat(event.reason()).as("reason").contains("expired");
        assertThat(event.route()).as("route").isEqualTo("token");
        assertThat(event.identity()).as("identity of a denial").isEmpty();
    }

    @Test
    void aGatewayIdentityIsHeardWithTheMarkersThatVouchedForIt() {
        Gatecheck gatecheck = engine(heard);
        Map<String, String> alice = identity("alice", "acme", "reader");

        allowed(gatecheck.authenticate(request("GET", GATEWAY_PATH, null,
                signedHeaders(SIGNER, "GET", GATEWAY_PATH, null, alice)).build()), "a signed gateway request");

        Decided event = onlyDecision();
        assertThat(event.method()).as("auth method").contains(AuthMethod.GATEWAY);
        assertThat(event.marker()).as("marker").contains("hmac");
    }

    @Test
    void aFailingMarkerIsHeardAsADenialNamingItAndAsASpoofAttempt() {
        Gatecheck gatecheck = engine(heard);
        Map<String, String> headers = signedHeaders(SIGNER, "GET", GATEWAY_PATH, null, identity("alice", null, null));
        headers.put("X-User-ID", "admin"); // changed after signing

        denied(gatecheck.authenticate(request("GET", GATEWAY_PATH, null, headers).build()), 401,
                "untrusted_identity_headers", "a signature over other identity headers");

        Decided event = onlyDecision();
        assertThat(event.marker()).as("marker named by the denial").contains("hmac");
        assertThat(heard.of(SpoofAttempt.class)).as("spoof attempts heard").singleElement().satisfies(spoof -> {
            assertThat(spoof.route()).as("route").isEqualTo("gw");
            assertThat(spoof.rejected()).as("rejected").isTrue();
            assertThat(spoof.reason()).as("reason").startsWith("hmac:");
        });
    }

    @Test
    void strippedIdentityHeadersAreHeardAsASpoofAttempt() {
        Gatecheck gatecheck = engine(heard);

        denied(gatecheck.authenticate(request("GET", GATEWAY_PATH, null, identity("admin", null, null)).build()), 401,
                "missing_authorization_header", "a forged X-User-ID without a marker, stripped");

        assertThat(heard.of(SpoofAttempt.class)).as("spoof attempts heard").singleElement().satisfies(spoof -> {
            assertThat(spoof.route()).as("route").isEqualTo("gw");
            assertThat(spoof.rejected()).as("rejected").isFalse();
        });
        assertThat(gatecheck.spoofAttempts()).as("the counter agrees").isEqualTo(1);
    }

    @Test
    void verificationsAreHeardAsCacheMissesThenHits() {
        Gatecheck gatecheck = engine(heard);
        String token = bearerToken("alice");

        for (int i = 0; i < 3; i++) {
            allowed(gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(token).build()), "token");
        }

        assertThat(heard.of(Verification.class)).as("verifications heard").extracting(Verification::cacheHit)
                .containsExactly(false, true, true);
        assertThat(heard.of(Verification.class)).as("all valid").allMatch(Verification::valid);
    }

    @Test
    void everyListenerHearsEveryDecisionInOrderOfRegistration() {
        RecordingListener second = new RecordingListener();
        Gatecheck gatecheck = engine(heard, second);

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).build());

        assertThat(decisions(heard)).as("first listener").hasSize(1);
        assertThat(decisions(second)).as("second listener").hasSize(1);
    }

    @Test
    void aListenerHearsTheEngineStartAndReadsItsHealth() {
        Gatecheck gatecheck = engine(heard);

        assertThat(heard.engines()).as("starts heard").hasSize(1);
        Health health = heard.engines().get(0).health();
        assertThat(health.sources()).as("sources of the engine").containsOnlyKeys("jwt");
        assertThat(health.state()).as("state of fixed keys").isEqualTo(Health.State.UP);
        assertThat(health).as("the same as the engine's").isEqualTo(gatecheck.health());

        allowed(gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(bearerToken("a")).build()),
                "a valid token");
        assertThat(heard.engines().get(0).cachedTokens()).as("cached tokens after one verification").isEqualTo(1);
    }

    @Test
    void aDecisionAnEarlierAdapterMadeIsHeardAgainOnlyWhenReuseRefusesIt() {
        Gatecheck gatecheck = engine(heard);
        AuthRequest public_ = request("GET", PUBLIC_PATH, null, Map.of()).build();
        Decision.Allow anonymous = allowed(gatecheck.authenticate(public_), "anonymous on a public route");
        heard.clear();

        gatecheck.reuse(public_, anonymous, Optional.empty());
        assertThat(decisions(heard)).as("decisions heard for a reused allow").isEmpty();

        gatecheck.reuse(request("GET", TOKEN_PATH, null, Map.of()).build(), anonymous, Optional.empty());
        assertThat(onlyDecision().code()).as("code of the refusal").contains(ErrorCode.MISSING_AUTHORIZATION_HEADER);
    }

    @Test
    void aThrowingListenerNeverChangesADecisionAndIsLoggedAtMostOnceAMinute() {
        GatecheckListener broken = new GatecheckListener() {
            @Override
            public void onDecision(Decided event) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onVerification(Verification event) {
                throw new IllegalStateException("listener bug");
            }
        };
        Gatecheck gatecheck = engine(broken, heard);
        try (LogCapture log = LogCapture.of(Gatecheck.class)) {
            for (int i = 0; i < 5; i++) {
                allowed(gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(bearerToken("alice"))
                        .build()), "a valid token despite a throwing listener");
            }
            assertThat(decisions(heard)).as("decisions the listener after the broken one heard").hasSize(5);
            assertThat(log.warningsContaining("listener")).as("reports within one minute").hasSize(1);

            clock.advance(Duration.ofSeconds(59));
            gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).build());
            assertThat(log.warningsContaining("listener")).as("reports 59 s later").hasSize(1);

            clock.advance(Duration.ofSeconds(1));
            gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).build());
            assertThat(log.warningsContaining("listener")).as("reports a minute after the first").hasSize(2);
            assertThat(log.warningsContaining("listener").get(1)).as("the second report counts what it summarises")
                    // 9 after the first report in the first minute, 1 at 59 s, and this one
                    .contains("11 listener failure(s)");
        }
    }

    @Test
    void noEventCarriesTheTokenThePathOrAHeaderValue() {
        Gatecheck gatecheck = engine(heard);
        String token = bearerToken("alice");
        String secretPath = TOKEN_PATH + "/path-marker-7f3a";

        gatecheck.authenticate(request("GET", secretPath, "q=query-marker-55e1",
                Map.of("X-Custom", "header-marker-9c2b")).bearer(token).build());
        gatecheck.authenticate(request("GET", secretPath, null, Map.of()).bearer(token + "x").build());
        gatecheck.authenticate(request("GET", PUBLIC_PATH, null, Map.of("X-User-ID", "spoof-marker-1d4e")).build());

        String everything = heard.all().toString();
        assertThat(everything).as("events as text").doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain("path-marker-7f3a").doesNotContain("query-marker-55e1")
                .doesNotContain("header-marker-9c2b").doesNotContain("spoof-marker-1d4e");
    }

    // ---------------------------------------------------------------- helpers

    private static List<Decided> decisions(RecordingListener listener) {
        return listener.of(Decided.class);
    }

    private Decided onlyDecision() {
        assertThat(decisions(heard)).as("decisions heard").hasSize(1);
        return decisions(heard).get(0);
    }

    private Gatecheck engine(GatecheckListener... listeners) {
        GatecheckConfig.Builder config = GatewayFixtures.config(clock)
                .gateway(g -> g.markers(GatewayConfig.Marker.HMAC).hmacKey("gw", GATEWAY_KEY));
        for (GatecheckListener listener : listeners) {
            config.listener(listener);
        }
        Gatecheck gatecheck = Gatecheck.create(config.build());
        engines.add(gatecheck);
        return gatecheck;
    }
}
