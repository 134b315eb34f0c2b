package dev.gatecheck;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.keys.JwksSettings;
import dev.gatecheck.keys.KeyLookup;
import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.KeySources;
import dev.gatecheck.keys.KeySpec;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.testing.Engines;
import dev.gatecheck.testing.JwksServer;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several issuers ({@code gatecheck.issuers.<name>.*}), each with its own JWKS server: the token's {@code iss}
 * picks the issuer, only that issuer's keys verify it, and an unconfigured {@code iss} costs no key lookup.
 */
class SeveralIssuersTest {
    private static final String A = "https://a.issuer.test";
    private static final String B = "https://b.issuer.test";
    private static final Duration BOUND = Duration.ofSeconds(2); // max-wait 1s plus slack
    private static final KeyPair KEY_A = TestKeys.rsa();
    private static final KeyPair KEY_B = TestKeys.rsa();

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-29T12:00:00Z"));
    private JwksServer serverA;
    private JwksServer serverB;
    private Gatecheck gatecheck;

    @BeforeEach
    void start() {
        serverA = JwksServer.start().serve("/jwks", TestKeys.jwks(TestKeys.jwk(KEY_A.getPublic(), "a1", "RS256")));
        serverB = JwksServer.start().serve("/jwks", TestKeys.jwks(TestKeys.jwk(KEY_B.getPublic(), "b1", "RS256")));
    }

    private final EngineResources resources = new EngineResources();

    @AfterEach
    void stop() {
        if (gatecheck != null) {
            gatecheck.close();
        }
        resources.close();
        serverA.close();
        serverB.close();
    }

    @Test
    void eachIssuerIsVerifiedWithItsOwnKeysOnly() {
        gatecheck = Gatecheck.create(GatecheckConfig.fromMap(Map.of(
                "gatecheck.issuers.a.issuer", A,
                "gatecheck.issuers.a.audiences", "api",
                "gatecheck.issuers.a.jwks-uri", serverA.uri("/jwks").toString(),
                "gatecheck.issuers.b.issuer", B,
                "gatecheck.issuers.b.audiences", "api",
                "gatecheck.issuers.b.jwks-uri", serverB.uri("/jwks").toString()), clock));

        // Each issuer's first load may outlast max-wait in a cold JVM: wait until both answered once.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertAllowed(authenticate(token(A, KEY_A, "a1")), "A's first token");
            assertAllowed(authenticate(token(B, KEY_B, "b1")), "B's first token");
        });
        Decision.Allow a = assertAllowed(authenticate(token(A, KEY_A, "a1")), "A's token signed with A's key");
        assertThat(a.identity()).get().extracting(i -> i.issuer().orElseThrow()).isEqualTo(A);
        assertAllowed(authenticate(token(B, KEY_B, "b1")), "B's token signed with B's key");

        Rejection bKidOnA = assertDenied(authenticate(token(A, KEY_B, "b1")), 401, "invalid_token",
                "a token claiming A, signed with B's key under B's kid");
        assertThat(bKidOnA.detail()).isEqualTo("unknown_key");
        Rejection aKidOnA = assertDenied(authenticate(token(A, KEY_B, "a1")), 401, "invalid_token",
                "a token claiming A, signed with B's key under A's kid");
        assertThat(aKidOnA.detail()).isEqualTo("bad_signature");
        assertDenied(authenticate(token(B, KEY_A, "a1")), 401, "invalid_token",
                "a token claiming B, signed with A's key under A's kid");

        int hitsA = serverA.hits("/jwks");
        int hitsB = serverB.hits("/jwks");
        Rejection unknown = assertDenied(authenticate(token("https://c.issuer.test", KEY_A, "a1")), 401,
                "invalid_token", "a token of an issuer that is not configured");
        assertThat(unknown.detail()).isEqualTo("issuer_invalid");
        assertThat(serverA.hits("/jwks")).as("A's JWKS requests after an unconfigured iss").isEqualTo(hitsA);
        assertThat(serverB.hits("/jwks")).as("B's JWKS requests after an unconfigured iss").isEqualTo(hitsB);
    }

    @Test
    void aTokenOfAnUnconfiguredIssuerCausesNoKeyLookupAndNoFetch() {
        KeySource sourceA = jwks(serverA);
        KeySource sourceB = jwks(serverB);
        AtomicInteger lookups = new AtomicInteger();
        KeySource countedA = (kid, alg) -> {
            lookups.incrementAndGet();
            return sourceA.find(kid, alg);
        };
        KeySource countedB = (kid, alg) -> {
            lookups.incrementAndGet();
            return sourceB.find(kid, alg);
        };
        gatecheck = Gatecheck.create(GatecheckConfig.builder().clock(clock)
                .issuer("a", j -> j.issuer(A).audiences("api").keySource(countedA))
                .issuer("b", j -> j.issuer(B).audiences("api").keySource(countedB))
                .build());
        await().atMost(Duration.ofSeconds(10)).until(() -> sourceA.find(Optional.of("a1"), SignatureAlgorithm.RS256)
                instanceof KeyLookup.Found && sourceB.find(Optional.of("b1"), SignatureAlgorithm.RS256)
                instanceof KeyLookup.Found);
        assertAllowed(authenticate(token(A, KEY_A, "a1")), "A's token (A's first load is done)");
        assertAllowed(authenticate(token(B, KEY_B, "b1")), "B's token (B's first load is done)");
        lookups.set(0);
        int hits = serverA.totalHits() + serverB.totalHits();

        for (String iss : new String[] {"https://c.issuer.test", A + "/", "https://A.issuer.test", ""}) {
            for (int i = 0; i < 25; i++) {
                Rejection r = assertDenied(authenticate(token(iss, KEY_A, UUID.randomUUID().toString())), 401,
                        "invalid_token", "a token with the unconfigured iss '" + iss + "' and a random kid");
                assertThat(r.detail()).isEqualTo("issuer_invalid");
            }
        }
        assertThat(lookups).as("key lookups for tokens of unconfigured issuers").hasValue(0);
        assertThat(serverA.totalHits() + serverB.totalHits()).as("requests the JWKS servers received")
                .isEqualTo(hits);
    }

    private Decision authenticate(String token) {
        return Engines.authenticateWithin(gatecheck, token, BOUND);
    }

    private String token(String issuer, KeyPair key, String kid) {
        return Tokens.signWithKid("RS256", key.getPrivate(), kid,
                Tokens.claims(issuer, "alice", "api", clock.instant().getEpochSecond(), 300, ""));
    }

    /** A JWKS source of the application's own (so the test can count its lookups), on resources the test closes. */
    private KeySource jwks(JwksServer server) {
        return KeySources.start(Optional.of(new KeySpec.Jwks(server.uri("/jwks"))), Optional.empty(),
                Set.of(SignatureAlgorithm.RS256), JwksSettings.DEFAULTS, clock, resources);
    }
}
