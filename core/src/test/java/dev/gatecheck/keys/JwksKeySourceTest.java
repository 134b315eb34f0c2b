package dev.gatecheck.keys;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static dev.gatecheck.testing.Engines.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.testing.Engines;
import dev.gatecheck.testing.JwksServer.Fault;
import dev.gatecheck.testing.JwksServer;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JWKS source against a real HTTP server on 127.0.0.1 that counts requests and can be switched into
 * faults. Time (TTL, cooldown, retry delay, staleness) is moved with a {@link MutableClock}; awaitility only
 * waits for background fetches to finish.
 */
class JwksKeySourceTest {
    private static final String ISSUER = "https://issuer.test";
    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration COOLDOWN = Duration.ofSeconds(30);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(10); // min(cooldown, 10s)
    private static final Duration MAX_STALE = Duration.ofHours(1);
    /** Generous: this bounds waiting on the network; it is not a performance assertion. */
    private static final Duration SLACK = Duration.ofSeconds(1);
    private static final Duration FETCH_DONE = Duration.ofSeconds(10);

    private static final KeyPair K1 = TestKeys.rsa();
    private static final KeyPair K2 = TestKeys.rsa();
    private static final KeyPair ATTACKER = TestKeys.ec("secp256r1");

    private final MutableClock clock = MutableClock.at(START);
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private JwksServer server;
    private LogCapture log;
    private Duration bound = Duration.ofSeconds(1).plus(SLACK);

    @BeforeEach
    void startServer() {
        server = JwksServer.start();
        log = LogCapture.of(JwksKeySource.class);
    }

    private final EngineResources resources = new EngineResources();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        resources.close();
        server.close();
        log.close();
    }

    // ---------------------------------------------------------------- unknown kid: one shared refetch

    @Test
    void twoHundredConcurrentRequestsForANewKidCauseExactlyOneFetch() throws Exception {
        server.serve("/jwks", jwks(jwk(K1, "k1")));
        JwksKeySource source = source().build();
        Gatecheck gatecheck = loaded(source);
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "token of the initially published key");
        assertThat(source.fetchCount()).as("fetches after the initial load").isEqualTo(1);

        server.serve("/jwks", jwks(jwk(K1, "k1"), jwk(K2, "k2"))); // rotation: k2 published, not yet seen
        String newKidToken = token(K2, "k2");
        int threads = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier together = new CyclicBarrier(threads);
            List<Future<Decision>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return authenticate(gatecheck, newKidToken);
                }));
            }
            for (Future<Decision> answer : answers) {
                assertAllowed(get(answer), "every concurrent request with the newly published kid");
            }
        } finally {
            pool.shutdownNow();
        }
        long fetches = source.fetchCount() - 1;
        System.out.println("concurrent unknown kid: requests=" + threads + " fetches=" + fetches
                + " (server saw " + (server.hits("/jwks") - 1) + " after the initial load)");
        assertThat(fetches).as("fetches for %d concurrent requests with one new kid", threads).isEqualTo(1);
        assertThat(server.hits("/jwks")).as("requests the JWKS server received in total").isEqualTo(2);
    }

    @Test
    void twoHundredConcurrentRequestsDuringTheFirstLoadShareOneFetch() throws Exception {
        Duration maxWait = Duration.ofSeconds(5);
        bound = maxWait.plus(SLACK);
        server.pause().serve("/jwks", jwks(jwk(K1, "k1"))); // the first load is held until resume()
        JwksKeySource source = source().maxWait(maxWait).build();
        Gatecheck gatecheck = engine(source);
        String token = token(K1, "k1");
        int n = 200;
        Decision[] answers = new Decision[n];
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        CyclicBarrier together = new CyclicBarrier(n);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            Thread t = new Thread(() -> {
                try {
                    together.await();
                    answers[slot] = authenticate(gatecheck, token);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "first-load-" + i);
            threads.add(t);
            t.start();
        }
        // Every request is now parked on the one first load, which the server holds.
        await().atMost(FETCH_DONE).until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
        assertThat(source.fetchCount()).as("fetches while 200 requests wait for the first load").isEqualTo(1);
        server.resume();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(failures).as("requests that failed").isEmpty();
        for (Decision answer : answers) {
            assertAllowed(answer, "a request that waited for the first load");
        }
        System.out.println("concurrent first load: requests=" + n + " fetches=" + source.fetchCount());
        assertThat(source.fetchCount()).as("fetches for %d concurrent requests at cold start", n).isEqualTo(1);
        assertThat(server.hits("/jwks")).as("requests the JWKS server received").isEqualTo(1);
    }

    @Test
    void twoHundredConcurrentRequestsAfterTheTtlShareOneBackgroundRefreshAndNeverWaitForIt() throws Exception {
        server.serve("/jwks", jwks(jwk(K1, "k1")));
        JwksKeySource source = source().build();
        Gatecheck gatecheck = loaded(source);
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "initial load");

        server.pause(); // the refresh will be held in flight while the requests run
        clock.advance(TTL.plusSeconds(1));
        String token = token(K1, "k1");
        bound = SLACK; // nothing may wait for a refresh: well under max-wait
        int n = 200;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier together = new CyclicBarrier(n);
            List<Future<Decision>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return authenticate(gatecheck, token);
                }));
            }
            for (Future<Decision> answer : answers) {
                assertAllowed(get(answer), "a request served from the current keys while the refresh is in flight");
            }
        } finally {
            pool.shutdownNow();
        }
        long refreshes = source.fetchCount() - 1;
        System.out.println("concurrent refresh after TTL: requests=" + n + " fetches=" + refreshes);
        assertThat(refreshes).as("refreshes started by %d concurrent requests after the TTL", n).isEqualTo(1);
        server.resume();
        awaitSuccessfulFetchNow(source);
        assertThat(server.hits("/jwks")).as("requests the JWKS server received").isEqualTo(2);
    }

    @Test
    void aKidFirstSeenDuringTheCooldownIsAcceptedOneCooldownLaterWithoutExtraFetches() {
        server.serve("/jwks", jwks(jwk(K1, "k1")));
        JwksKeySource source = source().build();
        Gatecheck gatecheck = loaded(source);
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "initial load");
        assertDenied(authenticate(gatecheck, token(K2, "k2")), 401, "invalid_token", "k2 before it is published");
        assertThat(source.fetchCount()).as("initial load + the refetch for k2").isEqualTo(2);

        server.serve("/jwks", jwks(jwk(K1, "k1"), jwk(K2, "k2"))); // published right after the refetch
        clock.advance(Duration.ofSeconds(5));
        assertDenied(authenticate(gatecheck, token(K2, "k2")), 401, "invalid_token", "k2 within the cooldown");
        clock.advance(COOLDOWN.minusSeconds(6));
        assertDenied(authenticate(gatecheck, token(K2, "k2")), 401, "invalid_token", "k2 at the end of the cooldown");
        assertThat(source.fetchCount()).as("no fetch within the cooldown").isEqualTo(2);

        clock.advance(Duration.ofSeconds(2)); // one cooldown after k2 was first refused
        assertAllowed(authenticate(gatecheck, token(K2, "k2")), "k2 one cooldown after it was first refused");
        assertThat(source.fetchCount()).as("one more refetch after the cooldown").isEqualTo(3);
    }

    @Test
    void aThousandRandomKidsWithinOneCooldownCauseAtMostOneFetchAndKnownKidsKeepWorking() throws Exception {
        server.serve("/jwks", jwks(jwk(K1, "k1")));
        JwksKeySource source = source().build();
        Gatecheck gatecheck = loaded(source);
        String known = token(K1, "k1");
        assertAllowed(authenticate(gatecheck, known), "known kid before the flood");
        long before = source.fetchCount();

        int randomKids = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Decision>> flood = new ArrayList<>();
            List<Future<Decision>> legit = new ArrayList<>();
            for (int i = 0; i < randomKids; i++) {
                String random = Tokens.signWithKid("ES256", ATTACKER.getPrivate(), UUID.randomUUID().toString(),
                        claims("mallory"));
                flood.add(pool.submit(() -> authenticate(gatecheck, random)));
                if (i % 50 == 25) {
                    legit.add(pool.submit(() -> authenticate(gatecheck, known)));
                }
            }
            for (Future<Decision> answer : flood) {
                Rejection r = assertDenied(get(answer), 401, "invalid_token", "a token with a random kid");
                assertThat(r.detail()).as("why a random kid is refused").isEqualTo("unknown_key");
            }
            for (Future<Decision> answer : legit) {
                assertAllowed(get(answer), "a known-kid token during the random-kid flood");
            }
        } finally {
            pool.shutdownNow();
        }
        long fetches = source.fetchCount() - before;
        System.out.println("random kid flood: tokens=" + randomKids + " fetches=" + fetches
                + " (server saw " + (server.hits("/jwks") - 1) + " after the initial load)");
        assertThat(fetches).as("fetches caused by %d random kids within one cooldown", randomKids).isLessThanOrEqualTo(1);
        assertThat(server.hits("/jwks") - 1).as("requests the JWKS server received for the flood").isLessThanOrEqualTo(1);
    }

    @Test
    void rotationNewKeyAcceptedAfterOneRefetchAndRemovedKeyRejectedAfterTheNextRefresh() {
        server.serve("/jwks", jwks(jwk(K1, "k1")));
        JwksKeySource source = source().build();
        Gatecheck gatecheck = loaded(source);
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "the old key before rotation");

        server.serve("/jwks", jwks(jwk(K1, "k1"), jwk(K2, "k2")));
        assertAllowed(authenticate(gatecheck, token(K2, "k2")), "the new key right after it is published");
        assertThat(source.fetchCount()).as("fetches: initial load + one refetch for the new kid").isEqualTo(2);
        assertAllowed(authenticate(gatecheck, token(K2, "k2")), "the new key again, now from memory");
        assertThat(source.fetchCount()).as("no fetch for a kid already loaded").isEqualTo(2);

        server.serve("/jwks", jwks(jwk(K2, "k2"))); // k1 retired by the provider
        clock.advance(TTL.plusSeconds(1));
        assertAllowed(authenticate(gatecheck, token(K2, "k2")), "a request after the TTL (starts the refresh)");
        awaitSuccessfulFetchNow(source);
        assertThat(source.fetchCount()).as("fetches after the scheduled refresh").isEqualTo(3);

        Rejection removed = assertDenied(authenticate(gatecheck, token(K1, "k1")), 401, "invalid_token",
                "a token of the removed key after the refresh");
        assertThat(removed.detail()).isEqualTo("unknown_key");
        assertAllowed(authenticate(gatecheck, token(K2, "k2")), "the current key after the refresh");
        assertThat(server.acceptHeaders()).as("Accept headers of the JWKS requests").containsOnly("application/json");
    }

    // ---------------------------------------------------------------- faults and outages

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void faultAfterAGoodLoadKeepsServingLastGoodKeysWithinTheBoundAndRecovers(Fault fault) {
        Duration maxWait = Duration.ofMillis(200);
        Duration timeout = Duration.ofSeconds(2); // longer than the bound: a request waiting on the fetch would fail
        bound = maxWait.plus(SLACK);
        server.serve("/jwks", jwks(jwk(K1, "k1")));
        JwksKeySource source = source().maxWait(maxWait).timeout(timeout).build();
        Gatecheck gatecheck = loaded(source);
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "before the fault");

        server.fault(fault);
        clock.advance(TTL.plusSeconds(1)); // keys are due for a refresh
        for (int i = 0; i < 20; i++) {
            assertAllowed(authenticate(gatecheck, token(K1, "k1")), "known kid while the refresh fails (" + fault + ")");
        }
        awaitWarnings("fetch failed", 1);
        assertThat(source.fetchCount()).as("one refresh attempt for 20 requests").isEqualTo(2);
        assertThat(log.warningsContaining("fetch failed").get(0)).as("the WARN of a failed refresh")
                .contains("serving keys fetched").contains(reasonOf(fault));
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "known kid after the refresh failed");

        Rejection unknown = assertDenied(authenticate(gatecheck, token(K2, "k2")), 401, "invalid_token",
                "an unknown kid while the endpoint fails (" + fault + ")");
        assertThat(unknown.detail()).isEqualTo("unknown_key");
        awaitWarnings("fetch failed", 2);
        assertThat(source.fetchCount()).as("refresh + one unknown-kid refetch").isEqualTo(3);
        assertThat(server.hits("/jwks")).as("requests the JWKS server received").isEqualTo(3);
        assertThat(server.hits(JwksServer.MOVED + "/jwks")).as("redirect targets fetched").isZero();

        server.fault(Fault.NONE).serve("/jwks", jwks(jwk(K1, "k1"), jwk(K2, "k2")));
        clock.advance(RETRY_DELAY.plusSeconds(1));
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "a request after the retry delay (starts the retry)");
        awaitSuccessfulFetchNow(source);
        assertAllowed(authenticate(gatecheck, token(K2, "k2")), "a key published during the outage, after recovery");
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "the old key after recovery");
        assertThat(source.fetchCount()).as("fetches in total, recovery included").isEqualTo(4);
    }

    @ParameterizedTest(name = "endpoint {0}")
    @ValueSource(strings = {"refusing connections", "answering 500"})
    void coldStartWithTheEndpointDownAnswers503ThenRecoversWithoutRestart(String down) {
        boolean refused = down.startsWith("refusing");
        int port = refused ? JwksServer.freePort() : 0;
        JwksServer endpoint = refused ? null : server.fault(Fault.STATUS_500).serve("/jwks", jwks(jwk(K1, "k1")));
        String jwksUri = refused ? "http://127.0.0.1:" + port + "/jwks" : server.uri("/jwks").toString();
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .clock(clock)
                .jwks(new JwksSettings(TTL, COOLDOWN, MAX_STALE, Duration.ofSeconds(3)))
                .jwt(j -> j.issuer(ISSUER).audiences("api").jwksUri(jwksUri))
                .build());
        closeLater.add(gatecheck);

        Rejection first = assertUnavailable(authenticate(gatecheck, token(K1, "k1")), "cold start, endpoint " + down);
        assertThat(first.headers().get("Retry-After")).as("Retry-After: the retry delay").isEqualTo("10");
        assertThat(first.body()).contains("\"error\":\"auth_unavailable\"");
        assertUnavailable(authenticate(gatecheck, token(K1, "k1")), "still no keys before the retry delay");
        awaitWarnings("no keys yet", 1); // the WARN for the operator

        if (refused) {
            endpoint = JwksServer.startOn(port).serve("/jwks", jwks(jwk(K1, "k1")));
            closeLater.add(endpoint);
        } else {
            endpoint.fault(Fault.NONE);
        }
        clock.advance(RETRY_DELAY.plusSeconds(1));
        JwksServer up = endpoint;
        await().atMost(FETCH_DONE).untilAsserted(() ->
                assertAllowed(authenticate(gatecheck, token(K1, "k1")), "after the endpoint came up"));
        int fetchesWhileUp = up.hits("/jwks") - (refused ? 0 : 1); // the 500 answered the first load
        assertThat(fetchesWhileUp).as("fetches it took to recover once the endpoint was up").isEqualTo(1);
    }

    @Test
    void keysOlderThanTtlPlusMaxStaleWithTheEndpointFailingAnswer503() {
        server.serve("/jwks", jwks(jwk(K1, "k1")));
        JwksKeySource source = source().build();
        Gatecheck gatecheck = loaded(source);
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "fresh keys");

        server.fault(Fault.STATUS_500);
        clock.advance(TTL.plus(MAX_STALE).minusMinutes(1));
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "stale keys within max-stale");
        awaitWarnings("fetch failed", 1);
        assertThat(log.warningsContaining("fetch failed").get(0)).as("the WARN names the keys' age")
                .contains("serving keys fetched " + TTL.plus(MAX_STALE).minusMinutes(1).toSeconds() + "s ago");

        clock.advance(Duration.ofMinutes(2)); // now ttl + max-stale + 1 min old
        Rejection tooStale = assertUnavailable(authenticate(gatecheck, token(K1, "k1")),
                "keys older than ttl + max-stale while the endpoint fails");
        assertThat(tooStale.detail()).isEqualTo("keys_unavailable");
        awaitWarnings("fetch failed", 2);

        server.fault(Fault.NONE);
        clock.advance(RETRY_DELAY.plusSeconds(1));
        authenticate(gatecheck, token(K1, "k1")); // starts the retry
        awaitSuccessfulFetchNow(source);
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "after the endpoint recovered");
    }

    @Test
    void aRedirectIsNeverFollowed() {
        server.fault(Fault.REDIRECT).serve("/jwks", jwks(jwk(K1, "k1")));
        JwksKeySource source = source().build();
        Gatecheck gatecheck = engine(source);
        assertUnavailable(authenticate(gatecheck, token(K1, "k1")), "the only JWKS answer was a redirect");
        awaitWarnings("redirect (status 302) not followed", 1);
        assertThat(server.hits(JwksServer.MOVED + "/jwks")).as("requests to the redirect target").isZero();
    }

    // ---------------------------------------------------------------- freshness from Cache-Control

    @ParameterizedTest(name = "Cache-Control: {0} -> fresh for {1}")
    @CsvSource({"max-age=31536000, PT24H", "max-age=0, PT1M", "'public, max-age=3600', PT1H", "no-store, PT10M"})
    void cacheControlMaxAgeIsClampedToOneMinuteAndOneDay(String cacheControl, Duration freshFor) {
        server.cacheControl(cacheControl).serve("/jwks", jwks(jwk(K1, "k1")));
        JwksKeySource source = source().build();
        Gatecheck gatecheck = loaded(source);
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "initial load");

        clock.advance(freshFor.minusSeconds(2));
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "just before the clamped max-age ends");
        assertThat(source.fetchCount()).as("fetches while the keys are fresh (%s)", cacheControl).isEqualTo(1);

        clock.advance(Duration.ofSeconds(3));
        assertAllowed(authenticate(gatecheck, token(K1, "k1")), "just after the clamped max-age ended");
        await().atMost(FETCH_DONE).until(() -> server.hits("/jwks") == 2);
        awaitSuccessfulFetchNow(source);
        assertThat(source.fetchCount()).as("fetches once the keys are due (%s)", cacheControl).isEqualTo(2);
    }

    // ---------------------------------------------------------------- ingest rules on a remote set

    @Test
    void refusedKeysOfARemoteSetNeverVerifyAndAreLoggedOncePerFetchWithoutKeyMaterial() {
        KeyPair priv = TestKeys.rsa();
        KeyPair weak = TestKeys.rsa(1024);
        KeyPair enc = TestKeys.ec("secp256r1");
        KeyPair dupA = TestKeys.ec("secp256r1");
        KeyPair dupB = TestKeys.ec("secp256r1");
        String d = b64(((RSAPrivateCrtKey) priv.getPrivate()).getPrivateExponent().toByteArray());
        String privateJwk = jwk(priv, "private").replace("}", ",\"d\":\"" + d + "\"}");
        byte[] secret = TestKeys.hmacSecret();
        String octJwk = "{\"kty\":\"oct\",\"kid\":\"oct\",\"alg\":\"HS256\",\"k\":\"" + b64(secret) + "\"}";
        String encJwk = TestKeys.jwk(enc.getPublic(), "enc", "ES256").replace("}", ",\"use\":\"enc\"}");
        server.serve("/jwks", jwks(jwk(K1, "good"), privateJwk, octJwk, encJwk, jwk(weak, "weak"),
                TestKeys.jwk(dupA.getPublic(), "dup", "ES256"), TestKeys.jwk(dupB.getPublic(), "dup", "ES256")));
        JwksKeySource source = source().build();
        Gatecheck gatecheck = loaded(source);

        assertAllowed(authenticate(gatecheck, token(K1, "good")), "the one acceptable key");
        assertDenied(authenticate(gatecheck, token(priv, "private")), 401, "invalid_token", "key with private members");
        assertDenied(authenticate(gatecheck, Tokens.signWithKid("HS256", Tokens.hmacKey(secret), "oct", claims("x"))),
                401, "invalid_token", "symmetric key from a remote set");
        assertDenied(authenticate(gatecheck, Tokens.signWithKid("ES256", enc.getPrivate(), "enc", claims("x"))),
                401, "invalid_token", "use=enc key");
        assertDenied(authenticate(gatecheck, token(weak, "weak")), 401, "invalid_token", "RSA-1024 key");
        assertDenied(authenticate(gatecheck, Tokens.signWithKid("ES256", dupA.getPrivate(), "dup", claims("x"))),
                401, "invalid_token", "first key of a duplicated kid");
        assertDenied(authenticate(gatecheck, Tokens.signWithKid("ES256", dupB.getPrivate(), "dup", claims("x"))),
                401, "invalid_token", "second key of a duplicated kid");

        List<String> dropped = log.warningsContaining("dropped");
        assertThat(dropped).as("one dropped-keys WARN per fetch (%d fetches)", source.fetchCount())
                .hasSize((int) source.fetchCount());
        assertThat(dropped.get(0)).contains("dropped 6 key(s)", "kid private", "private key members", "kid oct",
                "symmetric", "kid enc", "use is not sig", "kid weak", "rsa_key_too_small", "kid dup", "duplicate kid");
        List<String> material = List.of(d.substring(0, 24), b64(secret).substring(0, 24), modulus(priv), modulus(weak),
                modulus(K1));
        for (String line : log.all()) {
            for (String m : material) {
                assertThat(line).as("log lines hold no key material").doesNotContain(m);
            }
        }
    }

    // ---------------------------------------------------------------- transport rules at configuration time

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://jwks.example.com/keys", "http://10.1.2.3/jwks", "ftp://127.0.0.1/jwks"})
    void plainHttpToANonLoopbackHostIsRefusedWhenTheConfigurationIsBuilt(String uri) {
        assertThatThrownBy(() -> GatecheckConfig.builder().jwt(j -> j.issuer(ISSUER).jwksUri(uri)).build())
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("gatecheck.jwt.jwks-uri");
                    assertThat(e.getMessage()).contains("https");
                });
        assertThatThrownBy(() -> GatecheckConfig.builder().issuer("partner", j -> j.issuer(ISSUER).jwksUri(uri)).build())
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.issuers.partner.jwks-uri"));
        assertThatThrownBy(() -> GatecheckConfig.fromMap(java.util.Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.jwks-uri", uri))).isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.jwks-uri"));
    }

    // ---------------------------------------------------------------- helpers

    private JwksKeySource.Builder source() {
        return JwksKeySource.forUri(server.uri("/jwks")).clock(clock).ttl(TTL).refreshCooldown(COOLDOWN)
                .maxStale(MAX_STALE).timeout(Duration.ofSeconds(3)).maxWait(Duration.ofSeconds(1)).resources(resources);
    }

    /**
     * The engine once the source's first load succeeded, so a slow first fetch in a cold JVM (class loading of
     * the HTTP client) cannot turn the test's first request into a 503. Waiting at cold start is tested on its own.
     */
    private Gatecheck loaded(JwksKeySource source) {
        Gatecheck gatecheck = engine(source);
        await().atMost(FETCH_DONE).until(() -> source.lastSuccessMillis().isPresent());
        return gatecheck;
    }

    private Gatecheck engine(KeySource source) {
        return engine(j -> j.keySource(source));
    }

    private Gatecheck engine(Consumer<dev.gatecheck.config.JwtSettings> keys) {
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder().clock(clock)
                .jwt(j -> keys.accept(j.issuer(ISSUER).audiences("api"))).build());
        closeLater.add(gatecheck);
        return gatecheck;
    }

    private Decision authenticate(Gatecheck gatecheck, String token) {
        return Engines.authenticateWithin(gatecheck, token, bound);
    }

    private String token(KeyPair key, String kid) {
        return Tokens.signWithKid("RS256", key.getPrivate(), kid, claims("alice"));
    }

    private String claims(String subject) {
        return Tokens.claims(ISSUER, subject, "api", clock.instant().getEpochSecond(), 300, "");
    }

    private static String jwk(KeyPair key, String kid) {
        return TestKeys.jwk(key.getPublic(), kid, "RS256");
    }

    private static String jwks(String... jwks) {
        return TestKeys.jwks(jwks);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String modulus(KeyPair key) {
        String jwk = TestKeys.jwk(key.getPublic(), null, null);
        int n = jwk.indexOf("\"n\":\"") + 5;
        return jwk.substring(n, n + 24);
    }

    /** Waits until the source holds keys fetched at the clock's current time (a fetch started now finished). */
    private void awaitSuccessfulFetchNow(JwksKeySource source) {
        await().atMost(FETCH_DONE).until(() -> source.lastSuccessMillis().equals(Optional.of(clock.millis())));
    }

    private void awaitWarnings(String fragment, int count) {
        await().atMost(FETCH_DONE).until(() -> log.warningsContaining(fragment).size() >= count);
    }

    private static String reasonOf(Fault fault) {
        return switch (fault) {
            case STATUS_500 -> "status 500";
            case STATUS_404 -> "status 404";
            case HTML, INVALID_JSON -> "not a JWKS";
            case HUGE_BODY -> "body larger than";
            case REDIRECT -> "redirect (status 302) not followed";
            case HANG -> "timed out";
            case NONE -> throw new IllegalArgumentException();
        };
    }

    private static Decision get(Future<Decision> future) throws InterruptedException {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("request failed", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("request did not finish", e);
        }
    }
}
