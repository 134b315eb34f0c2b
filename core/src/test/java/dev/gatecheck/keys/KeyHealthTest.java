package dev.gatecheck.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.events.Health;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.testing.JwksServer;
import dev.gatecheck.testing.JwksServer.Fault;
import dev.gatecheck.testing.LoopbackServer;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.RecordingListener;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key-source health ({@code Gatecheck.health()}) and key-source events against a real loopback JWKS server that fails
 * and recovers: UP while keys are fresh, DEGRADED while stale keys serve, DOWN without usable keys, and back to UP by
 * the source's own background retries, with no request. Time is the {@link MutableClock}; the engine's scheduler
 * checks every {@code min(cooldown, 10s)} of real time whether a fetch is due by that clock, so the cooldown here is
 * short and awaitility waits for the fetch it starts.
 */
class KeyHealthTest {
    private static final String ISSUER = "https://issuer.test";
    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration MAX_STALE = Duration.ofHours(1);
    /** Short, so that the engine's scheduler checks often: retries run every min(cooldown, 10s). */
    private static final Duration COOLDOWN = Duration.ofMillis(100);
    private static final Duration FETCH_DONE = Duration.ofSeconds(20);
    private static final KeyPair K1 = TestKeys.rsa();
    private static final KeyPair K2 = TestKeys.rsa();

    private final MutableClock clock = MutableClock.at(START);
    private final JwksServer server = JwksServer.start();
    private final EngineResources resources = new EngineResources();
    private final RecordingListener heard = new RecordingListener();
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        resources.close();
        server.close();
    }

    @Test
    void healthGoesUpDegradedDownAndUpAgainAsTheJwksServerFailsAndRecovers() {
        server.serve("/jwks", jwks(K1, "k1"));
        Gatecheck gatecheck = engine("/jwks");
        await().atMost(FETCH_DONE).until(() -> gatecheck.health().state() == Health.State.UP);
        Health.Source up = gatecheck.health().sources().get("jwt");
        assertThat(up.keys()).as("keys while UP").isEqualTo(1);
        assertThat(up.lastSuccess()).as("last success while UP").contains(START);
        assertThat(up.lastFailure()).as("last failure while UP").isEmpty();

        server.fault(Fault.STATUS_500);
        clock.advance(TTL.plusSeconds(1));
        assertThat(gatecheck.health().state()).as("state once the keys are past their freshness")
                .isEqualTo(Health.State.DEGRADED);
        await().atMost(FETCH_DONE).until(() -> gatecheck.health().sources().get("jwt").lastFailure().isPresent());
        Health.Source degraded = gatecheck.health().sources().get("jwt");
        assertThat(degraded.state()).as("state after a failed refresh").isEqualTo(Health.State.DEGRADED);
        assertThat(degraded.keys()).as("stale keys still serving").isEqualTo(1);
        assertThat(degraded.cause()).as("cause of the failure").contains("status 500");
        assertThat(gatecheck.health().ready()).as("ready while DEGRADED").isTrue();

        clock.advance(MAX_STALE);
        Health down = gatecheck.health();
        assertThat(down.state()).as("state past max-stale").isEqualTo(Health.State.DOWN);
        assertThat(down.sources().get("jwt").keys()).as("usable keys while DOWN").isZero();
        assertThat(down.ready()).as("ready while DOWN").isFalse();
        int hitsWhileDown = server.hits("/jwks");

        server.fault(Fault.NONE);
        clock.advance(Duration.ofSeconds(1));
        await().atMost(FETCH_DONE).until(() -> gatecheck.health().state() == Health.State.UP);
        assertThat(server.hits("/jwks")).as("fetches that brought it back, with no request at all")
                .isGreaterThan(hitsWhileDown);
        assertThat(gatecheck.health().sources().get("jwt").lastSuccess()).as("last success after recovery")
                .contains(clock.instant());
    }

    @Test
    void aJwksEndpointDownAtStartupRecoversByItselfWithNoRequest() {
        server.serve("/jwks", jwks(K1, "k1")).fault(Fault.STATUS_500);
        Gatecheck gatecheck = engine("/jwks");
        await().atMost(FETCH_DONE).until(() -> gatecheck.health().sources().get("jwt").lastFailure().isPresent());
        assertThat(gatecheck.health().state()).as("state without any key").isEqualTo(Health.State.DOWN);

        server.fault(Fault.NONE);
        clock.advance(Duration.ofSeconds(1));
        await().atMost(FETCH_DONE).until(() -> gatecheck.health().state() == Health.State.UP);

        assertThat(gatecheck.authenticate(request(token(K1, "k1")))).as("the first request after recovery")
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void aRequestFindingNoKeysWaitsForTheFetchInFlight() throws Exception {
        server.serve("/jwks", jwks(K1, "k1")).fault(Fault.STATUS_500);
        JwksKeySource source = source().maxWait(Duration.ofSeconds(20)).build();
        await().atMost(FETCH_DONE).until(() -> source.health().orElseThrow().lastFailure().isPresent());
        server.fault(Fault.NONE).pause();
        clock.advance(COOLDOWN);
        source.retryIfDue(); // a fetch starts, held by the server
        await().atMost(FETCH_DONE).until(() -> server.hits("/jwks") == 2);

        CompletableFuture<KeyLookup> lookup = new CompletableFuture<>();
        Thread request = new Thread(() -> lookup.complete(source.find(Optional.of("k1"), SignatureAlgorithm.RS256)));
        request.start();
        await().atMost(FETCH_DONE).until(() -> lookup.isDone() || request.getState() == Thread.State.TIMED_WAITING);
        server.resume();

        assertThat(lookup.get()).as("a lookup made while the fetch was in flight, once it finished")
                .isInstanceOf(KeyLookup.Found.class);
    }

    @Test
    void aSourceWithFreshKeysIsNotFetchedAgainByTheRetry() {
        server.serve("/jwks", jwks(K1, "k1"));
        JwksKeySource source = source().build();
        await().atMost(FETCH_DONE).until(() -> source.lastSuccessMillis().isPresent());

        clock.advance(TTL.minusSeconds(1));
        source.retryIfDue();

        assertThat(source.fetchCount()).as("fetches of a source whose keys are fresh").isEqualTo(1);
    }

    @Test
    void keyEventsTellFetchesRotationsStaleKeysAndNoKeys() {
        server.serve("/jwks", jwks(K1, "k1"));
        JwksKeySource source = source().build();
        await().atMost(FETCH_DONE).until(() -> heard.keyEvents().size() == 2);
        assertThat(heard.keyEvents()).as("events of the first load").containsExactly(
                new GatecheckListener.KeyFetch("partners", true, Optional.empty(), 1),
                new GatecheckListener.KeysChanged("partners", Set.of("k1"), Set.of()));

        heard.clear();
        server.serve("/jwks", jwks(K2, "k2"));
        clock.advance(TTL);
        source.retryIfDue();
        await().atMost(FETCH_DONE).until(() -> heard.keyEvents().size() == 2);
        assertThat(heard.keyEvents()).as("events of a rotation").containsExactly(
                new GatecheckListener.KeyFetch("partners", true, Optional.empty(), 1),
                new GatecheckListener.KeysChanged("partners", Set.of("k2"), Set.of("k1")));

        heard.clear();
        server.fault(Fault.STATUS_500);
        clock.advance(TTL);
        source.retryIfDue();
        await().atMost(FETCH_DONE).until(() -> heard.keyEvents().size() == 2);
        assertThat(heard.keyEvents()).as("events of a failed refresh with keys left").containsExactly(
                new GatecheckListener.KeyFetch("partners", false, Optional.of("status 500"), 1),
                new GatecheckListener.StaleKeys("partners", TTL));

        heard.clear();
        clock.advance(MAX_STALE);
        source.retryIfDue();
        await().atMost(FETCH_DONE).until(() -> heard.keyEvents().size() == 2);
        assertThat(heard.keyEvents()).as("events of a failed fetch without usable keys").containsExactly(
                new GatecheckListener.KeyFetch("partners", false, Optional.of("status 500"), 0),
                new GatecheckListener.NoKeys("partners"));
    }

    @Test
    void healthNeverShowsTheJwksUrlOrItsQuery() {
        server.fault(Fault.STATUS_500);
        Gatecheck gatecheck = engine("/jwks?access_token=query-secret-4b1d");
        await().atMost(FETCH_DONE).until(() -> gatecheck.health().sources().get("jwt").lastFailure().isPresent());

        assertThat(gatecheck.health().json()).as("health as JSON").doesNotContain("query-secret-4b1d")
                .doesNotContain(server.base()).contains("\"cause\":\"status 500\"");
    }

    @Test
    void healthIsJsonOfTheOverallStateAndEachSource() {
        server.serve("/jwks", jwks(K1, "k1"));
        Gatecheck gatecheck = engine("/jwks");
        await().atMost(FETCH_DONE).until(() -> gatecheck.health().state() == Health.State.UP);

        assertThat(gatecheck.health().json()).as("health as JSON").isEqualTo("{\"status\":\"UP\",\"issuers\":{\"jwt\":"
                + "{\"status\":\"UP\",\"keys\":1,\"last_success\":\"2026-11-29T12:00:00Z\",\"last_failure\":null,"
                + "\"cause\":null}}}");
    }

    @Test
    void theOverallStateIsTheWorstOfTheIssuers() {
        server.serve("/good", jwks(K1, "k1"));
        server.serve("/bad", "not json");
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder().clock(clock)
                .issuer("good", j -> j.issuer(ISSUER).jwksUri(server.uri("/good").toString()))
                .issuer("bad", j -> j.issuer("https://other.test").jwksUri(server.uri("/bad").toString()))
                .build());
        closeLater.add(gatecheck);
        await().atMost(FETCH_DONE).until(() -> gatecheck.health().sources().get("good").state() == Health.State.UP
                && gatecheck.health().sources().get("bad").lastFailure().isPresent());

        Health health = gatecheck.health();
        assertThat(health.sources().get("bad").state()).as("the failing issuer").isEqualTo(Health.State.DOWN);
        assertThat(health.sources().get("bad").cause()).as("its cause").contains("not a JWKS");
        assertThat(health.state()).as("overall").isEqualTo(Health.State.DOWN);
    }

    @Test
    void keysGivenInTheConfigurationAreAlwaysUp() {
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder().clock(clock)
                .jwt(j -> j.issuer(ISSUER).jwks(jwks(K1, "k1")).hmacSecret(TestKeys.hmacSecret())
                        .algorithms("RS256", "HS256"))
                .build());
        closeLater.add(gatecheck);

        Health.Source keys = gatecheck.health().sources().get("jwt");
        assertThat(keys.state()).as("state of fixed keys").isEqualTo(Health.State.UP);
        assertThat(keys.keys()).as("the RSA key and the HMAC secret").isEqualTo(2);
    }

    @Test
    void aKeyFileThatBreaksIsDegradedUntilItReadsAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.pem");
        Files.writeString(file, TestKeys.pem(K1.getPublic()));
        FileKeySource source = FileKeySource.watch(file, EnumSet.of(SignatureAlgorithm.RS256), resources.scheduler(),
                Duration.ofHours(1), state());
        closeLater.add(source);
        assertThat(source.health().orElseThrow().state()).as("a readable file").isEqualTo(Health.State.UP);

        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\nbroken\n-----END PUBLIC KEY-----\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        source.reloadIfChanged();
        Health.Source broken = source.health().orElseThrow();
        assertThat(broken.state()).as("a file that changed and cannot be read").isEqualTo(Health.State.DEGRADED);
        assertThat(broken.keys()).as("the previous keys keep serving").isEqualTo(1);
        assertThat(broken.cause()).as("cause").contains("no usable key");

        Files.writeString(file, TestKeys.pem(K2.getPublic()), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(20)));
        source.reloadIfChanged();
        assertThat(source.health().orElseThrow().state()).as("once it reads again").isEqualTo(Health.State.UP);
    }

    @Test
    void albKeysAreDownForAnOutageButNotForAnUnknownKid() {
        try (LoopbackServer alb = LoopbackServer.start()) {
            alb.serve("/alb/known", TestKeys.pem(TestKeys.ec("secp256r1").getPublic()));
            PemByKidKeySource source = new PemByKidKeySource(new KeySpec.PemByKid(alb.url("/alb/{kid}"),
                    SignatureAlgorithm.ES256), Duration.ofSeconds(3), clock, resources, state());

            assertThat(settled(source, "unknown")).as("a kid the URL does not have")
                    .isInstanceOf(KeyLookup.Missing.class);
            assertThat(source.health().orElseThrow().state()).as("after a 404").isEqualTo(Health.State.UP);

            alb.fail("/alb/broken", 500);
            assertThat(settled(source, "broken")).as("an outage").isInstanceOf(KeyLookup.Unavailable.class);
            assertThat(source.health().orElseThrow().state()).as("an outage, no key cached")
                    .isEqualTo(Health.State.DOWN);

            assertThat(settled(source, "known")).as("the known kid").isInstanceOf(KeyLookup.Found.class);
            assertThat(source.health().orElseThrow().state()).as("after a success").isEqualTo(Health.State.UP);
            assertThat(source.health().orElseThrow().keys()).as("cached keys").isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Gatecheck engine(String jwksPath) {
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder().clock(clock)
                .jwks(dev.gatecheck.keys.JwksSettings.DEFAULTS.withTtl(TTL).withMaxStale(MAX_STALE)
                        .withRefreshCooldown(COOLDOWN))
                .jwt(j -> j.issuer(ISSUER).jwksUri(server.uri(jwksPath).toString()))
                .build());
        closeLater.add(gatecheck);
        return gatecheck;
    }

    private SourceState state() {
        return new SourceState("partners", Optional.of(heard), clock);
    }

    /** A source built alone: no scheduler runs its retries, the test calls {@link JwksKeySource#retryIfDue()}. */
    private JwksKeySource.Builder source() {
        return JwksKeySource.forUri(server.uri("/jwks")).clock(clock).ttl(TTL).refreshCooldown(COOLDOWN)
                .maxStale(MAX_STALE).timeout(Duration.ofSeconds(3)).resources(resources).state(state());
    }

    /** The lookup of {@code kid} once its fetch has finished (a lookup waits at most a second for it). */
    private static KeyLookup settled(PemByKidKeySource source, String kid) {
        for (int attempt = 0; attempt < 30; attempt++) {
            KeyLookup lookup = source.find(Optional.of(kid), SignatureAlgorithm.ES256);
            if (!(lookup instanceof KeyLookup.Unavailable u && u.reason().equals("key_fetch_pending"))) {
                return lookup;
            }
        }
        throw new AssertionError("the fetch of kid " + kid + " did not finish in 30 lookups");
    }

    private String token(KeyPair key, String kid) {
        return Tokens.signWithKid("RS256", key.getPrivate(), kid,
                Tokens.claims(ISSUER, "alice", "api", clock.instant().getEpochSecond(), 300, ""));
    }

    private static AuthRequest request(String token) {
        return AuthRequest.builder("GET", "/api/users").bearer(token).build();
    }

    private static String jwks(KeyPair key, String kid) {
        return TestKeys.jwks(TestKeys.jwk(key.getPublic(), kid, "RS256"));
    }
}
