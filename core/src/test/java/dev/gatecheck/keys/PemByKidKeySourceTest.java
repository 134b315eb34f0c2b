package dev.gatecheck.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.testing.LoopbackServer;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys by {@code kid} (AWS ALB) against a real loopback key server that counts requests: fetches of all kids share
 * one budget, so a flood of made-up kids cannot become a flood of outbound fetches. Time moves with the clock.
 */
class PemByKidKeySourceTest {
    private static final String KNOWN = "7c2f8e4a-1b3d-4c5e-9f60-a1b2c3d4e5f6";
    private static final Duration INTERVAL = Duration.ofSeconds(PemByKidKeySource.FETCH_INTERVAL_SECONDS);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private LoopbackServer server;
    private PemByKidKeySource source;
    private final EngineResources resources = new EngineResources();

    @BeforeEach
    void start() {
        server = LoopbackServer.start().serve("/alb/" + KNOWN, TestKeys.pem(TestKeys.ec("secp256r1").getPublic()));
        source = new PemByKidKeySource(new KeySpec.PemByKid(server.url("/alb/{kid}"), SignatureAlgorithm.ES256),
                Duration.ofSeconds(3), clock, resources, SourceState.unobserved(clock));
    }

    @AfterEach
    void stop() {
        resources.close();
        server.close();
    }

    /**
     * The lookup of {@code kid} once its fetch has finished: a lookup waits at most a second for a fetch, so one
     * still running is asked again (the same fetch: no new request, no budget).
     */
    private KeyLookup settled(String kid) {
        for (int attempt = 0; attempt < 30; attempt++) {
            KeyLookup lookup = source.find(Optional.of(kid), SignatureAlgorithm.ES256);
            if (!(lookup instanceof KeyLookup.Unavailable unavailable && unavailable.reason().equals("key_fetch_pending"))) {
                return lookup;
            }
        }
        throw new AssertionError("the fetch of kid " + kid + " did not finish in 30 lookups");
    }

    private static String madeUpKid() {
        return UUID.randomUUID().toString();
    }

    /** Looks up the known kid and made-up ones until the budget is spent, each fetched once; the last made-up one. */
    private String spendTheBudget() {
        assertThat(settled(KNOWN)).as("the known kid").isInstanceOf(KeyLookup.Found.class);
        String kid = null;
        for (int i = 1; i < PemByKidKeySource.FETCH_BURST; i++) {
            kid = madeUpKid();
            assertThat(settled(kid)).as("made-up kid #%d, within the budget: fetched, 404", i)
                    .isEqualTo(new KeyLookup.Missing("unknown_key"));
        }
        assertThat(server.requests("/alb/")).as("one fetch per kid").isEqualTo(PemByKidKeySource.FETCH_BURST);
        return kid;
    }

    @Test
    void aNewKidOverTheBudgetAnswersUnavailableWithoutAFetch() {
        spendTheBudget();

        for (int i = 0; i < 50; i++) {
            KeyLookup lookup = source.find(Optional.of(madeUpKid()), SignatureAlgorithm.ES256);
            assertThat(lookup).as("made-up kid #%d over the budget", i).isInstanceOfSatisfying(
                    KeyLookup.Unavailable.class, unavailable -> {
                        assertThat(unavailable.reason()).isEqualTo("key_fetch_budget");
                        assertThat(unavailable.retryAfter()).as("Retry-After: until the next fetch is allowed")
                                .isEqualTo(INTERVAL);
                    });
        }
        assertThat(server.requests("/alb/")).as("fetches after 50 more made-up kids")
                .isEqualTo(PemByKidKeySource.FETCH_BURST);
    }

    @Test
    void cachedKidsAreStillAnsweredWhileTheBudgetIsSpent() {
        String refused = spendTheBudget();
        long fetches = server.requests("/alb/");

        assertThat(source.find(Optional.of(KNOWN), SignatureAlgorithm.ES256)).as("the known kid, cached")
                .isInstanceOf(KeyLookup.Found.class);
        assertThat(source.find(Optional.of(refused), SignatureAlgorithm.ES256)).as("a kid that was 404, remembered")
                .isEqualTo(new KeyLookup.Missing("unknown_key"));
        assertThat(server.requests("/alb/")).as("no fetch for cached kids").isEqualTo(fetches);
    }

    @Test
    void theBudgetRefillsOneFetchPerIntervalOfTheClock() {
        spendTheBudget();
        String next = madeUpKid();
        assertThat(source.find(Optional.of(next), SignatureAlgorithm.ES256)).as("over the budget")
                .isInstanceOf(KeyLookup.Unavailable.class);

        clock.advance(INTERVAL.minusMillis(1));
        assertThat(source.find(Optional.of(next), SignatureAlgorithm.ES256)).as("1 ms before the refill")
                .isInstanceOf(KeyLookup.Unavailable.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(settled(next)).as("after one interval: one fetch").isEqualTo(new KeyLookup.Missing("unknown_key"));
        assertThat(source.find(Optional.of(madeUpKid()), SignatureAlgorithm.ES256)).as("and only one")
                .isInstanceOf(KeyLookup.Unavailable.class);
        assertThat(server.requests("/alb/")).isEqualTo(PemByKidKeySource.FETCH_BURST + 1);
    }

    @Test
    void aKeyRotatedInDuringAFloodIsFetchedOnceTheBudgetRefills() {
        spendTheBudget();
        String rotated = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
        server.serve("/alb/" + rotated, TestKeys.pem(TestKeys.ec("secp256r1").getPublic()));
        assertThat(source.find(Optional.of(rotated), SignatureAlgorithm.ES256)).as("during the flood: 503, not 401")
                .isInstanceOf(KeyLookup.Unavailable.class);

        clock.advance(INTERVAL);
        assertThat(settled(rotated)).as("after Retry-After").isInstanceOf(KeyLookup.Found.class);
    }
}
