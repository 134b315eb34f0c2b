package dev.gatecheck.micrometer;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_ISSUER;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_KEY;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_PATH;
import static dev.gatecheck.testing.GatewayFixtures.bearerToken;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.keys.JwksSettings;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.JwksServer;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each meter moves on the right decision or key-source event, with bounded tags, on Micrometer's
 * {@link SimpleMeterRegistry} and through a Prometheus scrape. Engines run on a {@link MutableClock}; key sources
 * fetch from a real loopback JWKS server.
 */
class GatecheckMetersTest {
    private static final Duration FETCH_DONE = Duration.ofSeconds(20);

    private final MutableClock clock = new MutableClock(NOW);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
    }

    @Test
    void anAllowedRequestCountsUnderAllowWithItsRouteAndMethod() {
        Gatecheck gatecheck = engine(registry);

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(bearerToken("alice")).build());

        assertThat(requests("allow", "none", "none", "token", "token")).as("allowed token requests").isEqualTo(1);
    }

    @Test
    void aDenialCountsUnderItsCodeAndReason() {
        Gatecheck gatecheck = engine(registry);

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).build());
        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(forged(bearerToken("a"))).build());

        assertThat(requests("deny", "missing_authorization_header", "no_bearer_token", "token", "none"))
                .as("requests without a token").isEqualTo(1);
        assertThat(requests("deny", "invalid_token", "bad_signature", "token", "none"))
                .as("requests with a bad signature").isEqualTo(1);
        assertThat(requests("allow", "none", "none", "token", "token")).as("allowed").isZero();
    }

    @Test
    void verificationsAreTimedAsACacheMissThenHits() {
        Gatecheck gatecheck = engine(registry);
        String token = bearerToken("alice");

        for (int i = 0; i < 3; i++) {
            gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(token).build());
        }

        assertThat(registry.get(GatecheckMeters.VERIFICATION).tag("cache", "miss").timer().count())
                .as("verifications that checked a signature").isEqualTo(1);
        assertThat(registry.get(GatecheckMeters.VERIFICATION).tag("cache", "hit").timer().count())
                .as("verifications answered from the cache").isEqualTo(2);
    }

    @Test
    void aSpoofAttemptIsCountedByRoute() {
        Gatecheck gatecheck = engine(registry);

        gatecheck.authenticate(request("GET", GATEWAY_PATH, null, identity("admin", null, null)).build());

        assertThat(registry.get(GatecheckMeters.SPOOF_ATTEMPTS).tag("route", "gw").counter().count())
                .as("spoof attempts on the gateway route").isEqualTo(1);
    }

    @Test
    void theTokenCacheSizeIsAGauge() {
        Gatecheck gatecheck = engine(registry);
        assertThat(registry.get(GatecheckMeters.TOKEN_CACHE_SIZE).gauge().value()).as("before any token").isZero();

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(bearerToken("alice")).build());
        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(bearerToken("bob")).build());

        assertThat(registry.get(GatecheckMeters.TOKEN_CACHE_SIZE).gauge().value()).as("after two tokens").isEqualTo(2);
    }

    @Test
    void keyFetchesAreCountedAndKeyStateAndAgeFollowTheJwksServer() {
        try (JwksServer server = JwksServer.start()) {
            server.serve("/jwks", TestKeys.jwks(TestKeys.jwk(TOKEN_KEY.getPublic(), "k1", "RS256")));
            Gatecheck gatecheck = jwksEngine(server);
            await().atMost(FETCH_DONE).until(() -> fetches("success") == 1);
            assertThat(gauge(GatecheckMeters.KEY_STATE)).as("state with fresh keys").isEqualTo(1);
            assertThat(gauge(GatecheckMeters.KEY_AGE)).as("age of keys just fetched").isZero();

            server.fault(JwksServer.Fault.STATUS_500);
            clock.advance(Duration.ofMinutes(10));
            await().atMost(FETCH_DONE).until(() -> fetches("failure") == 1);
            assertThat(gauge(GatecheckMeters.KEY_STATE)).as("state with stale keys").isEqualTo(0.5);
            assertThat(gauge(GatecheckMeters.KEY_AGE)).as("age of stale keys").isEqualTo(600);

            clock.advance(Duration.ofDays(1));
            assertThat(gauge(GatecheckMeters.KEY_STATE)).as("state without usable keys").isZero();
            assertThat(gatecheck.health().ready()).as("ready").isFalse();
        }
    }

    @Test
    void tagsNeverHoldAPathASubjectATokenOrAKidFromARequest() {
        Gatecheck gatecheck = engine(registry);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String random = UUID.randomUUID().toString();
            sent.add(random);
            String token = Tokens.signWithKid("RS256", TOKEN_KEY.getPrivate(), random,
                    Tokens.claims(TOKEN_ISSUER, random, "api", NOW.getEpochSecond(), 300, ""));
            gatecheck.authenticate(request("GET", TOKEN_PATH + "/" + random, null, Map.of()).bearer(token).build());
            gatecheck.authenticate(request("GET", TOKEN_PATH + "/" + random, null, Map.of())
                    .bearer(forged(token)).build());
        }

        java.util.Collection<Meter> series = registry.find(GatecheckMeters.REQUESTS).meters();
        assertThat(series).as("request series after 100 requests with 50 paths, subjects and kids").hasSize(2);
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(sent).as("tag %s of %s", tag, meter.getId().getName()).noneMatch(tag.getValue()::contains);
            }
        }
    }

    @Test
    void aPrometheusScrapeShowsTheMeters() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gatecheck gatecheck = engine(prometheus);
        String token = bearerToken("alice");

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(token).build());
        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(token).build());
        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).build());

        String scrape = prometheus.scrape();
        assertThat(scrape).as("Prometheus text")
                .contains("gatecheck_requests_total{code=\"none\",method=\"token\",outcome=\"allow\",reason=\"none\","
                        + "route=\"token\"} 2.0")
                .contains("gatecheck_requests_total{code=\"missing_authorization_header\",method=\"none\","
                        + "outcome=\"deny\",reason=\"no_bearer_token\",route=\"token\"} 1.0")
                .contains("gatecheck_verification_seconds_count{cache=\"hit\"} 1")
                .contains("gatecheck_verification_seconds_bucket{cache=\"miss\",le=")
                .contains("gatecheck_keys_state{issuer=\"jwt\"} 1.0")
                .contains("gatecheck_token_cache_size 1.0")
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    // ---------------------------------------------------------------- helpers

    private Gatecheck engine(MeterRegistry meters) {
        return started(GatewayFixtures.config(clock)
                .gateway(g -> g.markers(GatewayConfig.Marker.HMAC).hmacKey("gw", GatewayFixtures.randomBytes(32)))
                .listener(new GatecheckMeters(meters)));
    }

    private Gatecheck jwksEngine(JwksServer server) {
        return started(GatecheckConfig.builder().clock(clock)
                .jwks(JwksSettings.DEFAULTS.withRefreshCooldown(Duration.ofMillis(100))
                        .withMaxStale(Duration.ofHours(1)))
                .jwt(j -> j.issuer(TOKEN_ISSUER).jwksUri(server.uri("/jwks").toString()))
                .listener(new GatecheckMeters(registry)));
    }

    private Gatecheck started(GatecheckConfig.Builder config) {
        Gatecheck gatecheck = Gatecheck.create(config.build());
        closeLater.add(gatecheck);
        return gatecheck;
    }

    private double requests(String outcome, String code, String reason, String route, String method) {
        var counter = registry.find(GatecheckMeters.REQUESTS).tags("outcome", outcome, "code", code, "reason", reason,
                "route", route, "method", method).counter();
        return counter == null ? 0 : counter.count();
    }

    /** {@code token} with the start of its signature changed. */
    private static String forged(String token) {
        int signature = token.lastIndexOf('.') + 1;
        return token.substring(0, signature) + "AAAA" + token.substring(signature + 4);
    }

    private double fetches(String result) {
        var counter = registry.find(GatecheckMeters.KEY_FETCHES).tags("issuer", "jwt", "result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        return registry.get(name).tag("issuer", "jwt").gauge().value();
    }
}
