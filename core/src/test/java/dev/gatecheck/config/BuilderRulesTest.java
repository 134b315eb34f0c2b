package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.gateway.GatewayPreset;
import dev.gatecheck.route.AuthMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The builders take each setting once: a second call or {@code null} fails at the call, naming the key, so a
 * layering mistake cannot silently replace a rule; a preset fills only what was not given; and a bad route setting
 * is named by the key where the check is made.
 */
class BuilderRulesTest {

    @Test
    void aSettingGivenTwiceFailsAtTheSecondCallNamingTheKey() {
        assertFailsNaming(() -> GatecheckConfig.builder().jwt(j -> j.issuer("https://a.test").issuer("https://b.test")),
                "gatecheck.jwt.issuer", "set twice");
        assertFailsNaming(() -> GatecheckConfig.builder().mode(AuthMode.TOKEN).mode(AuthMode.GATEWAY),
                "gatecheck.mode", "set twice");
        assertFailsNaming(() -> GatecheckConfig.builder().gateway(g -> g.hmacTolerance(Duration.ofSeconds(5))
                .hmacTolerance(Duration.ofSeconds(9))), "gatecheck.gateway.hmac.tolerance", "set twice");
        assertFailsNaming(() -> GatecheckConfig.builder().gateway(g -> g.preset(GatewayPreset.GOOGLE_IAP)
                .preset(GatewayPreset.POMERIUM)), "gatecheck.gateway.assertion.preset", "set twice");
    }

    @Test
    void aNullSettingFailsAtTheCallNamingTheKey() {
        assertFailsNaming(() -> GatecheckConfig.builder().jwt(j -> j.clockSkew(null)), "gatecheck.jwt.clock-skew",
                "must not be null");
        assertFailsNaming(() -> GatecheckConfig.builder().tokenCacheTtl(null), "gatecheck.cache.tokens.ttl",
                "must not be null");
        assertFailsNaming(() -> GatecheckConfig.builder().gateway(g -> g.onUntrusted(null)),
                "gatecheck.gateway.on-untrusted", "must not be null");
    }

    @Test
    void anIssuerCannotTakeTheNamesHealthAndMetricsGiveTheJwtIssuerAndTheGateway() {
        assertFailsNaming(() -> GatecheckConfig.builder().issuer("jwt", j -> j.issuer("https://a.test")),
                "gatecheck.issuers.jwt", "reserved");
        assertFailsNaming(() -> GatecheckConfig.fromMap(Map.of("gatecheck.issuers.gateway.issuer", "https://a.test",
                "gatecheck.issuers.gateway.jwks-uri", "https://a.test/jwks")), "gatecheck.issuers.gateway", "reserved");
    }

    @Test
    void listenersAddUpAndANullOneFailsAtTheCall() {
        dev.gatecheck.events.GatecheckListener one = new dev.gatecheck.events.GatecheckListener() { };
        dev.gatecheck.events.GatecheckListener two = new dev.gatecheck.events.GatecheckListener() { };
        GatecheckConfig config = GatecheckConfig.builder().jwt(j -> j.issuer("https://a.test").jwksUri(
                "https://a.test/jwks")).listener(one).listener(two).build();

        assertThat(config.listeners()).as("listeners in the order registered").containsExactly(one, two);
        assertThatThrownBy(() -> GatecheckConfig.builder().listener(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theSameKeyAddedAcrossTwoJwtCallsIsStillGivenTwice() {
        assertFailsNaming(() -> GatecheckConfig.builder().jwt(j -> j.audiences("a")).jwt(j -> j.audiences("b")),
                "gatecheck.jwt.audiences", "set twice");
    }

    @Test
    void aPresetFillsOnlyWhatWasNotGiven() {
        GatecheckConfig config = GatecheckConfig.builder()
                .jwt(j -> j.issuer("https://issuer.test").jwks(
                        dev.gatecheck.testing.TestKeys.jwks(dev.gatecheck.testing.TestKeys.jwk(
                                dev.gatecheck.testing.TestKeys.ec("secp256r1").getPublic(), "k", "ES256"))))
                .mode(AuthMode.GATEWAY)
                .gateway(g -> g.markers(GatewayConfig.Marker.ASSERTION).preset(GatewayPreset.GOOGLE_IAP)
                        .assertion(a -> a.audiences("/projects/1/global/backendServices/2")
                                .maxLifetime(Duration.ofMinutes(5))))
                .build();
        IssuerConfig iap = config.gateway().orElseThrow().assertion().orElseThrow().issuer();

        assertThat(iap.maxLifetime()).as("the lifetime given, not the preset's 20m").isEqualTo(Duration.ofMinutes(5));
        assertThat(iap.issuer()).as("the preset's issuer, not given").isEqualTo("https://cloud.google.com/iap");
    }

    @Test
    void aBadRouteSettingNamesItsOwnKey() {
        for (Map.Entry<String, String> bad : Map.of(
                "gatecheck.routes.r.methods", "GET POST",
                "gatecheck.routes.r.paths", "/a/../b",
                "gatecheck.routes.r.roles", " ").entrySet()) {
            Map<String, String> keys = new java.util.HashMap<>(Map.of("gatecheck.jwt.issuer", "https://issuer.test",
                    "gatecheck.jwt.jwks-uri", "https://issuer.test/jwks", "gatecheck.routes.r.paths", "/r"));
            keys.put(bad.getKey(), bad.getValue());
            assertThatThrownBy(() -> GatecheckConfig.fromMap(keys)).as(bad.toString())
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(bad.getKey()));
        }
    }

    @Test
    void aBadWebhookSettingNamesItsOwnKey() {
        Map<String, String> keys = Map.of("gatecheck.jwt.issuer", "https://issuer.test",
                "gatecheck.jwt.jwks-uri", "https://issuer.test/jwks",
                "gatecheck.routes.hooks.paths", "/hooks/*", "gatecheck.routes.hooks.webhook", "github",
                "gatecheck.routes.hooks.secrets", "a-github-secret-of-more-than-32-bytes",
                "gatecheck.routes.hooks.tolerance", "0s");

        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).isEqualTo("gatecheck.routes.hooks.tolerance"));
    }

    private static void assertFailsNaming(Executable call, String key, String why) {
        assertThatThrownBy(call::execute).as(key).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.getMessage()).contains(why);
        });
    }
}
