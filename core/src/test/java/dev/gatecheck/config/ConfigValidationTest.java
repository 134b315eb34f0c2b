package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.keys.KeyLookup;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every invalid or contradictory configuration fails when it is built, with a {@link ConfigException} whose
 * {@code key()} names the key at fault and whose message never holds a secret.
 */
class ConfigValidationTest {
    private static final String ISSUER = "https://issuer.test";
    /** 38 bytes: long enough for HS256, so only the rule under test can fail. */
    private static final String SECRET = "Sup3r-Secret-Value-That-Must-Not-Leak!";
    private static final String SHORT_SECRET = "Short-Secret-Leak";
    private static final KeyPair RSA = TestKeys.rsa();

    @TempDir
    static Path dir;
    private static Path pemFile;

    @BeforeAll
    static void writeKeyFile() throws IOException {
        pemFile = Files.writeString(dir.resolve("issuer.pem"), TestKeys.pem(RSA.getPublic()));
    }

    /** The base configuration (issuer and a PEM key) with {@code pairs} applied; a null value removes the key. */
    private static Map<String, String> config(String... pairs) {
        Map<String, String> keys = new HashMap<>();
        keys.put("gatecheck.jwt.issuer", ISSUER);
        keys.put("gatecheck.jwt.public-key-location", pemFile.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                keys.remove(pairs[i]);
            } else {
                keys.put(pairs[i], pairs[i + 1]);
            }
        }
        return keys;
    }

    private static Arguments invalid(String why, String expectedKey, Map<String, String> keys) {
        return Arguments.of(why, expectedKey, keys);
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                invalid("none in algorithms", "gatecheck.jwt.algorithms", config("gatecheck.jwt.algorithms", "RS256,none")),
                invalid("NONE in algorithms", "gatecheck.jwt.algorithms", config("gatecheck.jwt.algorithms", "NONE")),
                invalid("unknown algorithm", "gatecheck.jwt.algorithms", config("gatecheck.jwt.algorithms", "RS1")),
                invalid("lower-case algorithm", "gatecheck.jwt.algorithms", config("gatecheck.jwt.algorithms", "rs256")),
                invalid("empty algorithms", "gatecheck.jwt.algorithms", config("gatecheck.jwt.algorithms", " , ")),
                invalid("HS256 allowed without a secret", "gatecheck.jwt.algorithms",
                        config("gatecheck.jwt.algorithms", "RS256,HS256")),
                invalid("two HS algorithms with one secret", "gatecheck.jwt.algorithms",
                        config("gatecheck.jwt.algorithms", "HS256,HS384", "gatecheck.jwt.hmac-secret", SECRET,
                                "gatecheck.jwt.public-key-location", null)),
                invalid("secret shorter than 32 bytes", "gatecheck.jwt.hmac-secret",
                        config("gatecheck.jwt.hmac-secret", SHORT_SECRET, "gatecheck.jwt.public-key-location", null)),
                invalid("secret shorter than HS512 needs", "gatecheck.jwt.hmac-secret",
                        config("gatecheck.jwt.hmac-secret", SECRET, "gatecheck.jwt.algorithms", "HS512",
                                "gatecheck.jwt.public-key-location", null)),
                invalid("secret set but no HS algorithm listed", "gatecheck.jwt.hmac-secret",
                        config("gatecheck.jwt.hmac-secret", SECRET, "gatecheck.jwt.algorithms", "RS256")),
                invalid("secret not valid base64", "gatecheck.jwt.hmac-secret",
                        config("gatecheck.jwt.hmac-secret", SECRET, "gatecheck.jwt.hmac-secret-base64", "true",
                                "gatecheck.jwt.public-key-location", null)),
                invalid("unreadable secret file", "gatecheck.jwt.hmac-secret",
                        config("gatecheck.jwt.hmac-secret", "file:" + dir.resolve("no-secret"))),
                invalid("missing issuer", "gatecheck.jwt.issuer", config("gatecheck.jwt.issuer", null)),
                invalid("blank issuer", "gatecheck.jwt.issuer", config("gatecheck.jwt.issuer", "   ")),
                invalid("no key material", "gatecheck.jwt.public-key-location",
                        config("gatecheck.jwt.public-key-location", null)),
                invalid("key file that holds no key", "gatecheck.jwt.public-key-location",
                        config("gatecheck.jwt.public-key-location", dir.resolve("issuer.txt").toString())),
                invalid("inline JWKS whose keys are all dropped", "gatecheck.jwt.jwks",
                        config("gatecheck.jwt.jwks", "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"}]}",
                                "gatecheck.jwt.public-key-location", null)),
                invalid("typo in a gatecheck key", "gatecheck.jwt.isuser", config("gatecheck.jwt.isuser", ISSUER)),
                invalid("unknown top-level key", "gatecheck.modes", config("gatecheck.modes", "token")),
                invalid("unknown route sub-key", "gatecheck.routes.admin.role",
                        config("gatecheck.routes.admin.paths", "/admin", "gatecheck.routes.admin.role", "admin")),
                invalid("mode=gateway without a marker", "gatecheck.gateway.marker", config("gatecheck.mode", "gateway")),
                invalid("mode=gateway-or-token without a marker", "gatecheck.gateway.marker", config("gatecheck.mode", "gateway-or-token")),
                invalid("mode=public", "gatecheck.mode", config("gatecheck.mode", "public")),
                invalid("mode not a mode", "gatecheck.mode", config("gatecheck.mode", "TOKEN")),
                invalid("route auth=gateway without a marker", "gatecheck.gateway.marker",
                        config("gatecheck.routes.admin.paths", "/admin", "gatecheck.routes.admin.auth", "gateway")),
                invalid("route auth=gateway-or-token without a marker", "gatecheck.gateway.marker",
                        config("gatecheck.routes.admin.paths", "/admin",
                                "gatecheck.routes.admin.auth", "gateway-or-token")),
                invalid("route auth=webhook without a scheme", "gatecheck.routes.hooks.webhook",
                        config("gatecheck.routes.hooks.paths", "/hooks/*", "gatecheck.routes.hooks.auth", "webhook")),
                invalid("route auth not a mode", "gatecheck.routes.admin.auth",
                        config("gatecheck.routes.admin.paths", "/admin", "gatecheck.routes.admin.auth", "admin-only")),
                invalid("route webhook scheme without secrets", "gatecheck.routes.hooks.secrets",
                        config("gatecheck.routes.hooks.paths", "/hooks/*", "gatecheck.routes.hooks.webhook", "github")),
                invalid("route webhook secrets on a token route", "gatecheck.routes.hooks.secrets",
                        config("gatecheck.routes.hooks.paths", "/hooks/*", "gatecheck.routes.hooks.secrets", SECRET)),
                invalid("hmac marker without keys", "gatecheck.gateway.hmac.keys", config("gatecheck.gateway.marker", "hmac")),
                invalid("gateway hmac keys without a marker", "gatecheck.gateway.marker",
                        config("gatecheck.gateway.hmac.keys", "gw-1:" + Base64.getEncoder().encodeToString(SECRET.getBytes()))),
                invalid("named issuer without keys", "gatecheck.issuers.corp.public-key-location",
                        config("gatecheck.issuers.corp.issuer", "https://corp.test")),
                invalid("jwks-uri over plain http to another host", "gatecheck.jwt.jwks-uri",
                        config("gatecheck.jwt.jwks-uri", "http://issuer.example/jwks",
                                "gatecheck.jwt.public-key-location", null)),
                invalid("discovery over plain http to another host", "gatecheck.jwt.discovery",
                        config("gatecheck.jwt.discovery", "true", "gatecheck.jwt.issuer", "http://issuer.example",
                                "gatecheck.jwt.public-key-location", null)),
                invalid("two key sources", "gatecheck.jwt.public-key-location",
                        config("gatecheck.jwt.jwks-uri", "http://127.0.0.1:9/jwks")),
                invalid("discovery not a boolean", "gatecheck.jwt.discovery", config("gatecheck.jwt.discovery", "yes")),
                invalid("route path without leading /", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", "admin")),
                invalid("route path with inner wildcard", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", "/a/*/b")),
                invalid("route path with ..", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", "/a/../b")),
                invalid("route path with .", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", "/a/./b")),
                invalid("route path with //", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", "//admin")),
                invalid("route path with ;", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", "/admin;x")),
                invalid("route path with percent escape", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", "/adm%69n")),
                invalid("route path with trailing /", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", "/admin/")),
                invalid("route path with glob suffix", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", "/admin*")),
                invalid("route without paths", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.auth", "token")),
                invalid("route with empty paths", "gatecheck.routes.admin.paths",
                        config("gatecheck.routes.admin.paths", " , ")),
                invalid("route claims not path=value", "gatecheck.routes.admin.claims",
                        config("gatecheck.routes.admin.paths", "/admin", "gatecheck.routes.admin.claims", "tenant")),
                invalid("route methods space separated", "gatecheck.routes.admin.methods",
                        config("gatecheck.routes.admin.paths", "/admin", "gatecheck.routes.admin.methods", "GET POST")),
                invalid("route method with a slash", "gatecheck.routes.admin.methods",
                        config("gatecheck.routes.admin.paths", "/admin", "gatecheck.routes.admin.methods", "GET/POST")),
                invalid("token.max-length below 256", "gatecheck.token.max-length",
                        config("gatecheck.token.max-length", "255")),
                invalid("token.max-length above 1 MiB", "gatecheck.token.max-length",
                        config("gatecheck.token.max-length", "1048577")),
                invalid("token.max-length not a number", "gatecheck.token.max-length",
                        config("gatecheck.token.max-length", "8k")),
                invalid("token.sources unknown", "gatecheck.token.sources", config("gatecheck.token.sources", "form")),
                invalid("token.sources query without name", "gatecheck.token.sources",
                        config("gatecheck.token.sources", "query:")),
                invalid("token.sources empty", "gatecheck.token.sources", config("gatecheck.token.sources", ",")),
                invalid("clock-skew over 10m", "gatecheck.jwt.clock-skew", config("gatecheck.jwt.clock-skew", "11m")),
                invalid("clock-skew negative", "gatecheck.jwt.clock-skew", config("gatecheck.jwt.clock-skew", "PT-1S")),
                invalid("max-lifetime zero", "gatecheck.jwt.max-lifetime", config("gatecheck.jwt.max-lifetime", "0s")),
                invalid("max-lifetime garbage", "gatecheck.jwt.max-lifetime",
                        config("gatecheck.jwt.max-lifetime", "forever")),
                invalid("jwks.ttl garbage", "gatecheck.jwks.ttl", config("gatecheck.jwks.ttl", "ten minutes")),
                invalid("jwks.ttl zero", "gatecheck.jwks.ttl", config("gatecheck.jwks.ttl", "0s")),
                invalid("jwks.refresh-cooldown negative", "gatecheck.jwks.refresh-cooldown",
                        config("gatecheck.jwks.refresh-cooldown", "PT-30S")),
                invalid("jwks.max-stale zero", "gatecheck.jwks.max-stale", config("gatecheck.jwks.max-stale", "0ms")),
                invalid("jwks.timeout zero", "gatecheck.jwks.timeout", config("gatecheck.jwks.timeout", "0s")),
                invalid("cache max-size negative", "gatecheck.cache.tokens.max-size",
                        config("gatecheck.cache.tokens.max-size", "-1")),
                invalid("cache ttl zero", "gatecheck.cache.tokens.ttl", config("gatecheck.cache.tokens.ttl", "0s")),
                invalid("forward header without claim", "gatecheck.forward.headers",
                        config("gatecheck.forward.headers", "X-User-ID")),
                invalid("forward header name with a space", "gatecheck.forward.headers",
                        config("gatecheck.forward.headers", "X User:sub")),
                invalid("hide-authorization not a boolean", "gatecheck.forward.hide-authorization",
                        config("gatecheck.forward.hide-authorization", "yes")),
                invalid("hmac-secret-base64 not a boolean", "gatecheck.jwt.hmac-secret-base64",
                        config("gatecheck.jwt.hmac-secret-base64", "1")),
                invalid("preflight unknown", "gatecheck.preflight", config("gatecheck.preflight", "allow")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalidConfigurations")
    void failsAtBuildNamingTheKeyWithoutLeakingSecrets(String why, String expectedKey, Map<String, String> keys)
            throws IOException {
        Files.writeString(dir.resolve("issuer.txt"), "this is not a key");

        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys))
                .as(why)
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).as("the key named by the error for: %s", why).isEqualTo(expectedKey);
                    assertThat(e.getMessage()).as("the message names the key").contains(expectedKey);
                    assertThat(e.getMessage()).as("the message never holds a secret")
                            .doesNotContain(SECRET).doesNotContain(SHORT_SECRET)
                            .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes()));
                });
    }

    @Test
    void refusesTwoRoutesClaimingTheSamePathAndMethodNamingBoth() {
        Map<String, String> keys = config("gatecheck.routes.a.paths", "/admin", "gatecheck.routes.a.methods", "GET,POST",
                "gatecheck.routes.b.paths", "/admin", "gatecheck.routes.b.methods", "POST");

        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).startsWith("gatecheck.routes");
                    assertThat(e.getMessage()).contains("'a'").contains("'b'").contains("/admin");
                });
    }

    @Test
    void refusesTwoRoutesClaimingTheSamePathWhenOneCoversEveryMethod() {
        Map<String, String> keys = config("gatecheck.routes.a.paths", "/admin/*",
                "gatecheck.routes.b.paths", "/admin/*", "gatecheck.routes.b.methods", "DELETE");

        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys)).isInstanceOf(ConfigException.class);
    }

    @Test
    void acceptsTwoRoutesOnTheSamePathForDifferentMethods() {
        Map<String, String> keys = config("gatecheck.routes.read.paths", "/docs", "gatecheck.routes.read.methods", "GET",
                "gatecheck.routes.read.auth", "public",
                "gatecheck.routes.write.paths", "/docs", "gatecheck.routes.write.methods", "PUT,DELETE");

        assertThatCode(() -> GatecheckConfig.fromMap(keys)).doesNotThrowAnyException();
    }

    @Test
    void acceptsExactAndPrefixPatternOfTheSameBase() {
        Map<String, String> keys = config("gatecheck.routes.a.paths", "/admin", "gatecheck.routes.b.paths", "/admin/*");

        assertThatCode(() -> GatecheckConfig.fromMap(keys)).doesNotThrowAnyException();
    }

    @Test
    void refusesRequirementsOnAPublicRoute() {
        for (String requirement : List.of("roles", "scopes", "claims")) {
            Map<String, String> keys = config("gatecheck.routes.open.paths", "/open", "gatecheck.routes.open.auth", "public",
                    "gatecheck.routes.open." + requirement, requirement.equals("claims") ? "tenant=acme" : "admin");

            assertThatThrownBy(() -> GatecheckConfig.fromMap(keys))
                    .as("%s on a public route", requirement)
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key())
                            .isIn("gatecheck.routes.open.auth", "gatecheck.routes.open." + requirement));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gatecheck.jwt.jwks-uri", "gatecheck.jwt.introspection.uri"})
    void refusesAUrlWithCredentialsWithoutShowingThem(String key) {
        Map<String, String> keys = new java.util.HashMap<>(config(key, "https://svc:hunter2-secret@idp.example/x",
                "gatecheck.jwt.public-key-location", null));
        if (key.contains("introspection")) {
            keys.putAll(Map.of("gatecheck.jwt.introspection.client-id", "api",
                    "gatecheck.jwt.introspection.client-secret", SECRET));
        }

        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys)).as("%s with user info", key)
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.getMessage()).contains("user info").doesNotContain("hunter2");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin orders:write", "orders:read\tx", "caf\u00e9", "say\"hi\""})
    void refusesARouteScopeThatNoTokenCouldHold(String scope) {
        Map<String, String> keys = config("gatecheck.routes.api.paths", "/api/*", "gatecheck.routes.api.scopes", scope);

        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys)).as("scope '%s'", scope)
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key())
                        .isEqualTo("gatecheck.routes.api.scopes"));
    }

    @Test
    void refusesRolesOnADenyRoute() {
        Map<String, String> keys = config("gatecheck.routes.closed.paths", "/closed", "gatecheck.routes.closed.auth",
                "deny", "gatecheck.routes.closed.roles", "admin");

        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).startsWith("gatecheck.routes.closed."));
    }

    @Test
    void refusesRolesOnAPublicRouteBuiltProgrammatically() {
        assertThatThrownBy(() -> new Route("open", List.of("/open"), Set.of(), AuthMode.PUBLIC,
                Requirements.roles("admin"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesARouteNameUsedTwiceInTheBuilder() {
        Route route = new Route("api", List.of("/api/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE);
        GatecheckConfig.Builder builder = GatecheckConfig.builder().route(route);

        assertThatThrownBy(() -> builder.route(route))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("gatecheck.routes.api"));
    }

    @ParameterizedTest(name = "max-length {0} is accepted")
    @ValueSource(strings = {"256", "8192", "1048576"})
    void acceptsMaxLengthAtItsBounds(String value) {
        assertThat(GatecheckConfig.fromMap(config("gatecheck.token.max-length", value)).tokenMaxLength())
                .isEqualTo(Integer.parseInt(value));
    }

    @ParameterizedTest(name = "clock-skew {0} is accepted")
    @ValueSource(strings = {"0s", "10m", "PT10M"})
    void acceptsClockSkewAtItsBounds(String value) {
        assertThatCode(() -> GatecheckConfig.fromMap(config("gatecheck.jwt.clock-skew", value)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesUnknownGatecheckEnvironmentVariableNamingIt() {
        Map<String, String> environment = Map.of("GATECHECK_JWT_ISSUER", ISSUER,
                "GATECHECK_JWT_PUBLIC_KEY_LOCATION", pemFile.toString(), "GATECHECK_JWT_ISUSER", ISSUER);

        assertThatThrownBy(() -> GatecheckConfig.fromEnvironment(environment))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("GATECHECK_JWT_ISUSER"));
    }

    @Test
    void refusesUnknownGatecheckEnvironmentVariableWithoutEchoingItsValue() {
        Map<String, String> environment = Map.of("GATECHECK_JWT_HMAC_SECRT", SECRET);

        assertThatThrownBy(() -> GatecheckConfig.environmentKeys(environment))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("GATECHECK_JWT_HMAC_SECRT");
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    void mapsGatewayAndIssuerEnvironmentVariablesToTheirKeys() {
        Map<String, String> keys = GatecheckConfig.environmentKeys(Map.of("GATECHECK_GATEWAY_MARKER", "hmac",
                "GATECHECK_GATEWAY_HMAC_KEYS", "gw:c2VjcmV0", "GATECHECK_ISSUERS_CORP_ISSUER", "https://corp.test"));
        assertThat(keys).containsEntry("gatecheck.gateway.marker", "hmac")
                .containsEntry("gatecheck.gateway.hmac.keys", "gw:c2VjcmV0")
                .containsEntry("gatecheck.issuers.corp.issuer", "https://corp.test");
    }

    @Test
    void refusesRouteEnvironmentVariableWithUnknownSuffix() {
        assertThatThrownBy(() -> GatecheckConfig.environmentKeys(Map.of("GATECHECK_ROUTES_ADMIN_ROLE", "admin")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("GATECHECK_ROUTES_ADMIN_ROLE"));
    }

    @Test
    void routeErrorsFromEnvironmentNameTheDesignKey() {
        Map<String, String> environment = Map.of("GATECHECK_JWT_ISSUER", ISSUER,
                "GATECHECK_JWT_PUBLIC_KEY_LOCATION", pemFile.toString(),
                "GATECHECK_ROUTES_ADMIN_PATHS", "/a/*/b");

        assertThatThrownBy(() -> GatecheckConfig.fromEnvironment(environment))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.routes.admin.paths"));
    }

    @Test
    void builderRefusesCustomKeySourceCombinedWithOtherKeys() {
        GatecheckConfig.Builder builder = GatecheckConfig.builder().jwt(j -> j.issuer(ISSUER)
                .publicKeyPem(TestKeys.pem(RSA.getPublic()))
                .keySource((kid, alg) -> new KeyLookup.Missing("unknown_key")));

        assertThatThrownBy(builder::build).isInstanceOf(ConfigException.class);
    }
}
