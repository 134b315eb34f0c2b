package dev.gatecheck.config;

import static dev.gatecheck.testing.GatewayFixtures.GATEWAY_PATH;
import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.allowed;
import static dev.gatecheck.testing.GatewayFixtures.identity;
import static dev.gatecheck.testing.GatewayFixtures.randomBytes;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static dev.gatecheck.testing.GatewayFixtures.signedHeaders;
import static dev.gatecheck.testing.GatewayFixtures.untrusted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gateway configuration ({@code gatecheck.gateway.*}) as an operator writes it: a misconfiguration fails when the
 * configuration is built, with a {@link ConfigException} naming the key at fault and never echoing a secret; the
 * environment-variable form loads the same keys.
 */
class GatewayConfigTest {
    private static final String GW = "gatecheck.gateway.";
    private static final String SHORT_SECRET_B64 = Base64.getEncoder().encodeToString("31-bytes-of-secret-material-xyz".getBytes());
    private static final String GOOD_SECRET_B64 = Base64.getEncoder().encodeToString(randomBytes(32));
    private static final String SHORT_SHARED_SECRET = "0123456789012345678901234567890";

    @TempDir
    static Path dir;

    private static Map<String, String> keys(String... settings) {
        Map<String, String> keys = GatewayFixtures.keys();
        for (int i = 0; i < settings.length; i += 2) {
            keys.put(settings[i], settings[i + 1]);
        }
        return keys;
    }

    static Stream<Arguments> misconfigurations() {
        return Stream.of(
                // markers
                row("a gateway route without a marker", GW + "marker"),
                row("gatecheck.mode=gateway without a marker", GW + "marker", "gatecheck.mode", "gateway"),
                row("gatecheck.mode=gateway-or-token without a marker", GW + "marker", "gatecheck.mode",
                        "gateway-or-token"),
                row("an empty marker list", GW + "marker", GW + "marker", " , "),
                row("an unknown marker kind", GW + "marker", GW + "marker", "signature"),
                row("a marker kind in upper case", GW + "marker", GW + "marker", "HMAC"),
                row("a marker listed twice", GW + "marker", GW + "marker", "hmac,hmac", GW + "hmac.keys",
                        "gw:" + GOOD_SECRET_B64),
                row("an unknown on-untrusted action", GW + "on-untrusted", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw:" + GOOD_SECRET_B64, GW + "on-untrusted", "drop"),
                row("an unknown gateway key", GW + "hmac.secret", GW + "marker", "hmac", GW + "hmac.secret", "x"),
                // hmac
                row("hmac without keys", GW + "hmac.keys", GW + "marker", "hmac"),
                row("an hmac secret of 31 bytes", GW + "hmac.keys", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw:" + SHORT_SECRET_B64),
                row("an hmac secret of 31 bytes beside a good one", GW + "hmac.keys", GW + "marker", "hmac",
                        GW + "hmac.keys", "gw-1:" + GOOD_SECRET_B64 + ",gw-2:" + SHORT_SECRET_B64),
                row("an hmac secret that is not base64", GW + "hmac.keys", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw:not*base64*at*all"),
                row("an hmac key without keyid", GW + "hmac.keys", GW + "marker", "hmac", GW + "hmac.keys",
                        GOOD_SECRET_B64),
                row("an hmac keyid with a space", GW + "hmac.keys", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw 1:" + GOOD_SECRET_B64),
                row("an hmac tolerance of zero", GW + "hmac.tolerance", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw:" + GOOD_SECRET_B64, GW + "hmac.tolerance", "0s"),
                row("an hmac tolerance below one second", GW + "hmac.tolerance", GW + "marker", "hmac",
                        GW + "hmac.keys", "gw:" + GOOD_SECRET_B64, GW + "hmac.tolerance", "500ms"),
                row("an hmac tolerance over 10 minutes", GW + "hmac.tolerance", GW + "marker", "hmac",
                        GW + "hmac.keys", "gw:" + GOOD_SECRET_B64, GW + "hmac.tolerance", "11m"),
                row("an hmac tolerance that is no duration", GW + "hmac.tolerance", GW + "marker", "hmac",
                        GW + "hmac.keys", "gw:" + GOOD_SECRET_B64, GW + "hmac.tolerance", "soon"),
                row("an unknown hmac component", GW + "hmac.components", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw:" + GOOD_SECRET_B64, GW + "hmac.components", "@authority,@target-uri"),
                row("an hmac component listed twice", GW + "hmac.components", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw:" + GOOD_SECRET_B64, GW + "hmac.components", "content-digest,content-digest"),
                row("hmac components without the hmac marker", GW + "hmac.components", GW + "marker",
                        "trusted-proxy", GW + "trusted-proxies", "10.0.0.0/8", GW + "hmac.components", "@authority"),
                row("an hmac max-body of zero", GW + "hmac.max-body", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw:" + GOOD_SECRET_B64, GW + "hmac.components", "content-digest", GW + "hmac.max-body", "0"),
                row("an hmac max-body over 64MiB", GW + "hmac.max-body", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw:" + GOOD_SECRET_B64, GW + "hmac.max-body", "65MiB"),
                row("an hmac max-body that is no size", GW + "hmac.max-body", GW + "marker", "hmac", GW + "hmac.keys",
                        "gw:" + GOOD_SECRET_B64, GW + "hmac.max-body", "large"),
                // shared-secret
                row("a shared secret of 31 characters", GW + "shared-secret.values", GW + "marker", "shared-secret",
                        GW + "shared-secret.header", "X-Gateway-Secret", GW + "shared-secret.values",
                        SHORT_SHARED_SECRET),
                row("a short shared secret beside a long one", GW + "shared-secret.values", GW + "marker",
                        "shared-secret", GW + "shared-secret.header", "X-Gateway-Secret", GW + "shared-secret.values",
                        SHORT_SHARED_SECRET + "x," + SHORT_SHARED_SECRET),
                row("a shared secret without values", GW + "shared-secret.values", GW + "marker", "shared-secret",
                        GW + "shared-secret.header", "X-Gateway-Secret"),
                row("a shared secret without header", GW + "shared-secret.header", GW + "marker", "shared-secret",
                        GW + "shared-secret.values", SHORT_SHARED_SECRET + "xx"),
                // trusted-proxy
                row("trusted-proxy without CIDRs", GW + "trusted-proxies", GW + "marker", "trusted-proxy"),
                row("trusted-proxy with a /33", GW + "trusted-proxies", GW + "marker", "trusted-proxy",
                        GW + "trusted-proxies", "10.0.0.0/8,10.0.0.0/33"),
                row("trusted-proxy with an IPv6 /129", GW + "trusted-proxies", GW + "marker", "trusted-proxy",
                        GW + "trusted-proxies", "fd00::/129"),
                row("trusted-proxy with a host name", GW + "trusted-proxies", GW + "marker", "trusted-proxy",
                        GW + "trusted-proxies", "gateway.internal"),
                row("trusted-proxy with three octets", GW + "trusted-proxies", GW + "marker", "trusted-proxy",
                        GW + "trusted-proxies", "10.0.0/8"),
                // client-cert
                row("client-cert without an allow-list", GW + "client-cert.subjects", GW + "marker", "client-cert"),
                row("client-cert with a subject that is not a DN", GW + "client-cert.subjects", GW + "marker",
                        "client-cert", GW + "client-cert.subjects", "gateway.internal"),
                // assertion
                row("assertion without header or preset", GW + "assertion.header", GW + "marker", "assertion",
                        GW + "assertion.issuer", "https://gw.test", GW + "assertion.jwks-uri", "http://127.0.0.1:9/j"),
                row("assertion without issuer", GW + "assertion.issuer", GW + "marker", "assertion",
                        GW + "assertion.header", "X-Gw", GW + "assertion.jwks-uri", "http://127.0.0.1:9/j"),
                row("assertion without a key", GW + "assertion.public-key-location", GW + "marker", "assertion",
                        GW + "assertion.header", "X-Gw", GW + "assertion.issuer", "https://gw.test"),
                row("assertion with an unknown headers mode", GW + "assertion.headers", GW + "marker", "assertion",
                        GW + "assertion.header", "X-Gw", GW + "assertion.issuer", "https://gw.test",
                        GW + "assertion.jwks-uri", "http://127.0.0.1:9/j", GW + "assertion.headers", "merge"),
                row("assertion with a plain-http JWKS URL", GW + "assertion.jwks-uri", GW + "marker", "assertion",
                        GW + "assertion.header", "X-Gw", GW + "assertion.issuer", "https://gw.test",
                        GW + "assertion.jwks-uri", "http://keys.example.com/jwks"));
    }

    private static Arguments row(String name, String key, String... settings) {
        return Arguments.of(name, key, settings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misconfigurations")
    void aMisconfigurationFailsNamingTheKey(String name, String key, String[] settings) {
        Map<String, String> keys = keys(settings);
        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys, new MutableClock(NOW))).as(name)
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).as("%s: the key named (%s)", name, e.getMessage()).isEqualTo(key);
                    assertThat(e.getMessage()).as("%s: the message starts with the key", name).startsWith(key);
                    for (String secret : List.of(SHORT_SECRET_B64, GOOD_SECRET_B64, SHORT_SHARED_SECRET)) {
                        assertThat(e.getMessage()).as("%s: no secret in the message", name).doesNotContain(secret);
                    }
                });
    }

    static Stream<Arguments> assertionKeys() {
        return Stream.of("preset=google-iap", "header=X-Gw", "issuer=https://gw.test", "audience=orders",
                "jwks-uri=http://127.0.0.1:9/jwks", "algorithms=ES256", "roles-claim=groups", "org-claim=tenant",
                "clock-skew=10s", "max-lifetime=5m", "signer=arn:aws:elasticloadbalancing:us-east-2:1:loadbalancer/app/a/b",
                "client=client-1", "key-url=http://127.0.0.1:9/{kid}", "headers=agree").map(Arguments::of);
    }

    @ParameterizedTest(name = "assertion.{0}")
    @MethodSource("assertionKeys")
    void assertionSettingsWithoutTheAssertionMarkerFail(String setting) {
        int eq = setting.indexOf('=');
        Map<String, String> keys = keys(GW + "marker", "hmac", GW + "hmac.keys", "gw:" + GOOD_SECRET_B64,
                GW + "assertion." + setting.substring(0, eq), setting.substring(eq + 1));
        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys, new MutableClock(NOW)))
                .as("gatecheck.gateway.assertion.%s with marker=hmac", setting)
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo(GW + "marker");
                    assertThat(e.getMessage()).contains("assertion");
                });
    }

    @Test
    void hmacComponentsAndMaxBodyAreReadAndDefaultToNone() {
        GatewayConfig covering = GatecheckConfig.fromMap(keys(GW + "marker", "hmac", GW + "hmac.keys",
                "gw:" + GOOD_SECRET_B64, GW + "hmac.components", "@authority, content-digest", GW + "hmac.max-body",
                "256KiB"), new MutableClock(NOW)).gateway().orElseThrow();
        GatewayConfig plain = GatecheckConfig.fromMap(keys(GW + "marker", "hmac", GW + "hmac.keys",
                "gw:" + GOOD_SECRET_B64), new MutableClock(NOW)).gateway().orElseThrow();

        assertThat(covering.hmac().orElseThrow().components()).containsExactlyInAnyOrder("@authority",
                "content-digest");
        assertThat(covering.hmac().orElseThrow().maxBody()).isEqualTo(256 * 1024);
        assertThat(covering.hmacCoversBody()).isTrue();
        assertThat(plain.hmac().orElseThrow().components()).as("optional: nothing beyond the profile by default")
                .isEmpty();
        assertThat(plain.hmac().orElseThrow().maxBody()).as("default max-body 1MiB").isEqualTo(1024 * 1024);
        assertThat(plain.hmacCoversBody()).isFalse();
    }

    @Test
    void theEnvironmentVariableFormLoadsTheGatewaySettings() {
        byte[] key = randomBytes(32);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATECHECK_MODE", "gateway");
        env.put("GATECHECK_GATEWAY_MARKER", "hmac,trusted-proxy");
        env.put("GATECHECK_GATEWAY_HMAC_KEYS", "gw-env:" + Base64.getEncoder().encodeToString(key));
        env.put("GATECHECK_GATEWAY_HMAC_TOLERANCE", "30s");
        env.put("GATECHECK_GATEWAY_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8");
        env.put("GATECHECK_GATEWAY_ON_UNTRUSTED", "reject");
        env.put("GATECHECK_GATEWAY_IDENTITY_HEADERS", "X-Auth-User:sub,X-Auth-Groups:roles");
        env.put("GATECHECK_JWT_ISSUER", GatewayFixtures.TOKEN_ISSUER);
        env.put("GATECHECK_JWT_JWKS", TestKeys.jwks(TestKeys.jwk(GatewayFixtures.TOKEN_KEY.getPublic(), "k", "RS256")));
        env.put("PATH", "/usr/bin");

        GatewayConfig gateway = GatecheckConfig.fromEnvironment(env).gateway().orElseThrow();
        assertThat(gateway.markers()).containsExactly(GatewayConfig.Marker.HMAC, GatewayConfig.Marker.TRUSTED_PROXY);
        assertThat(gateway.hmac().orElseThrow().keys()).containsOnlyKeys("gw-env");
        assertThat(gateway.hmac().orElseThrow().tolerance()).isEqualTo(Duration.ofSeconds(30));
        assertThat(gateway.trustedProxies()).containsExactly("10.0.0.0/8", "fd00::/8");
        assertThat(gateway.rejectUntrusted()).isTrue();

        Gatecheck engine = Gatecheck.create(GatecheckConfig.fromMap(GatecheckConfig.environmentKeys(env),
                new MutableClock(NOW)));
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("X-Auth-User", "alice");
        identity.put("X-Auth-Groups", "ops");
        GatewaySigner signer = new GatewaySigner("gw-env", key, Clock.fixed(NOW, ZoneOffset.UTC));
        var allow = allowed(engine.authenticate(request("GET", "/anything", null,
                signedHeaders(signer, "GET", "/anything", null, identity)).peerAddress("fd00::7").build()),
                "signed request from a trusted proxy, configuration from the environment");
        assertThat(allow.identity()).map(Identity::subject).contains("alice");
        assertThat(allow.identity().orElseThrow().roles()).containsExactly("ops");
        untrusted(engine.authenticate(request("GET", "/anything", null, Map.of("X-Auth-User", "admin"))
                .peerAddress("fd00::7").build()), "unsigned X-Auth-User with on-untrusted=reject from the environment");
    }

    @Test
    void sharedSecretValuesMayComeFromAFileWithSeveralValuesForRotation() throws IOException {
        String current = "current-shared-secret-0123456789abcdefgh";
        String previous = "previous-shared-secret-0123456789abcdefg";
        Path file = Files.writeString(dir.resolve("gateway-secret"), current + "," + previous + "\n");
        Gatecheck engine = Gatecheck.create(GatecheckConfig.fromMap(keys(GW + "marker", "shared-secret",
                GW + "shared-secret.header", "X-Gateway-Secret", GW + "shared-secret.values", "file:" + file),
                new MutableClock(NOW)));
        for (String secret : List.of(current, previous)) {
            allowed(engine.authenticate(request("GET", GATEWAY_PATH, null, identity("alice", null, null))
                    .header("X-Gateway-Secret", secret).build()), "a value read from the secret file");
        }
        untrusted(engine.authenticate(request("GET", GATEWAY_PATH, null, identity("alice", null, null))
                .header("X-Gateway-Secret", "file:" + file).build()), "the file reference itself is no secret");
    }
}
