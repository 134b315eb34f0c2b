package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.config.GatecheckConfig.Preflight;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.keys.JwksSettings;
import dev.gatecheck.keys.KeyLookup;
import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.KeySources;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.token.TokenSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every DESIGN configuration key implemented so far loads with the same meaning from a map, from properties and
 * from environment variables ({@code gatecheck.jwt.issuer} is {@code GATECHECK_JWT_ISSUER}).
 */
class ConfigKeysTest {
    private static final String ISSUER = "https://issuer.test";
    private static final KeyPair RSA = TestKeys.rsa();
    private static final KeyPair EC = TestKeys.ec("secp256r1");
    private static final String SECRET = "0123456789abcdef0123456789abcdef-hs256";

    @TempDir
    static Path dir;
    private static Path pemFile;

    @BeforeAll
    static void writeKeyFile() throws IOException {
        pemFile = Files.writeString(dir.resolve("issuer.pem"), TestKeys.pem(RSA.getPublic()));
    }

    /** How the keys reach the loader. */
    enum Source {
        MAP {
            @Override
            GatecheckConfig load(Map<String, String> keys) {
                return GatecheckConfig.fromMap(keys);
            }
        },
        PROPERTIES {
            @Override
            GatecheckConfig load(Map<String, String> keys) {
                Properties properties = new Properties();
                properties.putAll(keys);
                properties.setProperty("server.port", "8080"); // other applications' keys are ignored
                return GatecheckConfig.fromProperties(properties);
            }
        },
        ENVIRONMENT {
            @Override
            GatecheckConfig load(Map<String, String> keys) {
                Map<String, String> environment = new HashMap<>();
                keys.forEach((k, v) -> environment.put(envName(k), v));
                environment.put("PATH", "/usr/bin"); // other variables are ignored
                environment.put("GATECHECK_CONFIG", "/etc/gatecheck.properties"); // a file name, not a key
                return GatecheckConfig.fromEnvironment(environment);
            }
        };

        abstract GatecheckConfig load(Map<String, String> keys);
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private record Case(String name, Map<String, String> keys, Consumer<GatecheckConfig> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case key(String key, String value, Consumer<GatecheckConfig> check) {
        return new Case(key + "=" + value, Map.of(key, value), check);
    }

    private static Case keys(String name, Map<String, String> keys, Consumer<GatecheckConfig> check) {
        return new Case(name, keys, check);
    }

    private static IssuerConfig issuer(GatecheckConfig config) {
        return config.issuers().get(0);
    }

    private static Route route(GatecheckConfig config, String name) {
        return config.routes().routes().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("route " + name + " was not loaded"));
    }

    static Stream<Case> cases() {
        String jwks = TestKeys.jwks(TestKeys.jwk(EC.getPublic(), "ec-1", "ES256"));
        return Stream.of(
                key("gatecheck.mode", "token", c -> assertThat(c.mode()).isEqualTo(AuthMode.TOKEN)),
                key("gatecheck.jwt.issuer", "https://other.test/realms/x",
                        c -> assertThat(issuer(c).issuer()).isEqualTo("https://other.test/realms/x")),
                key("gatecheck.jwt.audiences", "api, admin-api",
                        c -> assertThat(issuer(c).audiences()).containsExactlyInAnyOrder("api", "admin-api")),
                key("gatecheck.jwt.algorithms", "RS256,ES256", c -> assertThat(issuer(c).algorithms())
                        .containsExactlyInAnyOrder(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256)),
                key("gatecheck.jwt.clock-skew", "45s",
                        c -> assertThat(issuer(c).clockSkew()).isEqualTo(Duration.ofSeconds(45))),
                key("gatecheck.jwt.max-lifetime", "2h",
                        c -> assertThat(issuer(c).maxLifetime()).isEqualTo(Duration.ofHours(2))),
                key("gatecheck.jwt.required-claims", "exp,sub,jti",
                        c -> assertThat(issuer(c).requiredClaims()).containsExactlyInAnyOrder("exp", "sub", "jti")),
                key("gatecheck.jwt.typ", "at+jwt", c -> assertThat(issuer(c).typ()).contains("at+jwt")),
                key("gatecheck.jwt.roles-claim", "realm_access.roles",
                        c -> assertThat(issuer(c).rolesClaims()).containsExactly("realm_access.roles")),
                key("gatecheck.jwt.scope-claim", "permissions",
                        c -> assertThat(issuer(c).scopeClaim()).isEqualTo("permissions")),
                key("gatecheck.jwt.org-claim", "tenant.id", c -> assertThat(issuer(c).orgClaim()).isEqualTo("tenant.id")),
                key("gatecheck.jwt.discovery", "false", c -> assertThat(issuer(c).keyDescription()).contains("key file")),
                key("gatecheck.jwt.public-key-location", pemFile.toString(),
                        c -> assertThat(issuer(c).keyDescription()).contains("key file")),
                key("gatecheck.jwt.jwks", jwks, c -> assertThat(issuer(c).keyDescription()).contains("inline JWKS")),
                keys("gatecheck.jwt.hmac-secret + algorithms",
                        Map.of("gatecheck.jwt.hmac-secret", SECRET, "gatecheck.jwt.algorithms", "RS256,HS256"),
                        c -> assertThat(issuer(c).keyDescription()).contains("HMAC secret (HS256)")),
                keys("gatecheck.jwt.hmac-secret-base64",
                        Map.of("gatecheck.jwt.hmac-secret",
                                Base64.getEncoder().encodeToString(new byte[48]),
                                "gatecheck.jwt.hmac-secret-base64", "true",
                                "gatecheck.jwt.algorithms", "RS256,HS384"),
                        c -> assertThat(issuer(c).keyDescription()).contains("HMAC secret (HS384)")),
                key("gatecheck.token.sources", "header, query:access_token, cookie:at", c -> assertThat(c.tokenSources())
                        .containsExactly(TokenSource.HEADER, TokenSource.parse("query:access_token"),
                                TokenSource.parse("cookie:at"))),
                key("gatecheck.token.max-length", "4096", c -> assertThat(c.tokenMaxLength()).isEqualTo(4096)),
                key("gatecheck.jwks.ttl", "5m", c -> assertThat(c.jwks().ttl()).isEqualTo(Duration.ofMinutes(5))),
                key("gatecheck.jwks.refresh-cooldown", "10s",
                        c -> assertThat(c.jwks().refreshCooldown()).isEqualTo(Duration.ofSeconds(10))),
                key("gatecheck.jwks.max-stale", "7d", c -> assertThat(c.jwks().maxStale()).isEqualTo(Duration.ofDays(7))),
                key("gatecheck.jwks.timeout", "500ms",
                        c -> assertThat(c.jwks().timeout()).isEqualTo(Duration.ofMillis(500))),
                key("gatecheck.cache.tokens.max-size", "0", c -> assertThat(c.tokenCacheMaxSize()).isZero()),
                key("gatecheck.cache.tokens.ttl", "PT30S",
                        c -> assertThat(c.tokenCacheTtl()).isEqualTo(Duration.ofSeconds(30))),
                key("gatecheck.forward.headers", "X-Subject:sub,X-Tenant:tenant.id", c -> assertThat(c.forwardHeaders())
                        .containsExactly(new HeaderMapping("X-Subject", "sub"), new HeaderMapping("X-Tenant", "tenant.id"))),
                key("gatecheck.forward.hide-authorization", "false", c -> assertThat(c.hideAuthorization()).isFalse()),
                key("gatecheck.preflight", "authenticate", c -> assertThat(c.preflight()).isEqualTo(Preflight.AUTHENTICATE)),
                key("gatecheck.replay.on-error", "allow",
                        c -> assertThat(c.replayOnError()).isEqualTo(dev.gatecheck.webhook.ReplayGuard.OnError.ALLOW)),
                key("gatecheck.replay.store", "memory", c -> assertThat(c.replayStore()).isEmpty()),
                keys("gatecheck.routes.<name>.* (token route with requirements)", routeKeys(), c -> {
                    Route admin = route(c, "admin");
                    assertThat(admin.paths()).containsExactly("/admin", "/admin/*");
                    assertThat(admin.methods()).containsExactlyInAnyOrder("GET", "POST");
                    assertThat(admin.mode()).isEqualTo(AuthMode.TOKEN);
                    assertThat(admin.requirements().roles()).containsExactlyInAnyOrder("admin", "ops");
                    assertThat(admin.requirements().scopes()).containsExactlyInAnyOrder("read", "write");
                    assertThat(admin.requirements().claims()).isEqualTo(Map.of("tenant", Set.of("acme")));
                }),
                keys("gatecheck.routes.<name>.auth=public", Map.of("gatecheck.routes.health.paths", "/health",
                        "gatecheck.routes.health.auth", "public"),
                        c -> assertThat(route(c, "health").mode()).isEqualTo(AuthMode.PUBLIC)),
                keys("gatecheck.routes.<name>.auth=deny", Map.of("gatecheck.routes.internal.paths", "/internal/*",
                        "gatecheck.routes.internal.auth", "deny"),
                        c -> assertThat(route(c, "internal").mode()).isEqualTo(AuthMode.DENY)),
                keys("a route without auth takes gatecheck.mode", Map.of("gatecheck.routes.api.paths", "/api/*"),
                        c -> assertThat(route(c, "api").mode()).isEqualTo(AuthMode.TOKEN)),
                key("gatecheck.jwt.dpop", "required", c -> assertThat(issuer(c).dpop()).isEqualTo(IssuerConfig.Dpop.REQUIRED)),
                key("gatecheck.public-base-url", "https://api.example.com/orders/",
                        c -> assertThat(c.publicBaseUrl()).contains("https://api.example.com/orders")),
                key("gatecheck.dpop.algorithms", "ES256, EdDSA", c -> assertThat(c.dpop().algorithms())
                        .containsExactly(SignatureAlgorithm.ES256, SignatureAlgorithm.EdDSA)),
                key("gatecheck.dpop.max-age", "2m", c -> assertThat(c.dpop().maxAge()).isEqualTo(Duration.ofMinutes(2))),
                key("gatecheck.dpop.nonce", "true", c -> assertThat(c.dpop().nonce()).isTrue()),
                keys("gatecheck.dpop.nonce-secret", Map.of("gatecheck.dpop.nonce", "true", "gatecheck.dpop.nonce-secret",
                        SECRET), c -> assertThat(c.dpop().nonceSecret()).hasValueSatisfying(secret ->
                        assertThat(secret).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8)))),
                keys("gatecheck.resource-metadata.*", Map.of("gatecheck.resource-metadata.enabled", "true",
                        "gatecheck.resource-metadata.resource", "https://api.example.com/orders"),
                        c -> assertThat(c.resourceMetadata()).contains("https://api.example.com/orders")),
                keys("gatecheck.resource-metadata.resource defaults to gatecheck.public-base-url", Map.of(
                        "gatecheck.resource-metadata.enabled", "true", "gatecheck.public-base-url", "https://api.test"),
                        c -> assertThat(c.resourceMetadata()).contains("https://api.test")),
                keys("gatecheck.gateway.client-cert-header", Map.of("gatecheck.gateway.marker", "shared-secret",
                        "gatecheck.gateway.shared-secret.header", "X-Gateway-Secret",
                        "gatecheck.gateway.shared-secret.values", SECRET,
                        "gatecheck.gateway.client-cert-header", "Client-Cert"),
                        c -> assertThat(c.gateway().orElseThrow().clientCertHeader()).contains("Client-Cert")),
                keys("gatecheck.routes.<name>.dpop, .acr, .max-age", Map.of("gatecheck.routes.pay.paths", "/pay/*",
                        "gatecheck.routes.pay.dpop", "required", "gatecheck.routes.pay.acr", "mfa, hwk",
                        "gatecheck.routes.pay.max-age", "5m"), c -> {
                    Requirements pay = route(c, "pay").requirements();
                    assertThat(pay.dpop()).isTrue();
                    assertThat(pay.stepUp().acrValues()).containsExactlyInAnyOrder("mfa", "hwk");
                    assertThat(pay.stepUp().maxAge()).contains(Duration.ofMinutes(5));
                }),
                keys("gatecheck.issuers.<name>.dpop", Map.of("gatecheck.issuers.partner.issuer", "https://partner.test",
                        "gatecheck.issuers.partner.jwks", jwks, "gatecheck.issuers.partner.dpop", "disabled"),
                        c -> assertThat(c.issuers()).extracting(IssuerConfig::dpop)
                                .containsExactly(IssuerConfig.Dpop.ALLOWED, IssuerConfig.Dpop.DISABLED)));
    }

    private static Map<String, String> routeKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("gatecheck.routes.admin.paths", "/admin, /admin/*");
        keys.put("gatecheck.routes.admin.methods", "get,POST");
        keys.put("gatecheck.routes.admin.auth", "token");
        keys.put("gatecheck.routes.admin.roles", "admin,ops");
        keys.put("gatecheck.routes.admin.scopes", "read,write");
        keys.put("gatecheck.routes.admin.claims", "tenant=acme");
        return keys;
    }

    static Stream<Arguments> casesFromEverySource() {
        return cases().flatMap(c -> Stream.of(Source.values()).map(s -> Arguments.of(s, c)));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("casesFromEverySource")
    void loadsKeyFromEverySource(Source source, Case c) {
        Map<String, String> keys = new HashMap<>();
        keys.put("gatecheck.jwt.issuer", ISSUER);
        if (!c.keys().containsKey("gatecheck.jwt.jwks")) { // one key source per issuer
            keys.put("gatecheck.jwt.public-key-location", pemFile.toString());
        }
        keys.putAll(c.keys());

        GatecheckConfig config = source.load(keys);

        c.check().accept(config);
    }

    @Test
    void environmentKeysMapsVariableNamesToDesignKeys() {
        Map<String, String> environment = new HashMap<>();
        environment.put("GATECHECK_JWT_ISSUER", ISSUER);
        environment.put("GATECHECK_JWT_PUBLIC_KEY_LOCATION", "/keys/issuer.pem");
        environment.put("GATECHECK_JWT_HMAC_SECRET_BASE64", "true");
        environment.put("GATECHECK_CACHE_TOKENS_MAX_SIZE", "5");
        environment.put("GATECHECK_FORWARD_HIDE_AUTHORIZATION", "false");
        environment.put("GATECHECK_ROUTES_PUBLIC_API_PATHS", "/docs/*");
        environment.put("GATECHECK_ROUTES_ADMIN_MAX_BODY", "1MiB");
        environment.put("GATECHECK_CONFIG", "/etc/gatecheck.properties");
        environment.put("HOME", "/root");

        assertThat(GatecheckConfig.environmentKeys(environment)).containsOnly(
                Map.entry("gatecheck.jwt.issuer", ISSUER),
                Map.entry("gatecheck.jwt.public-key-location", "/keys/issuer.pem"),
                Map.entry("gatecheck.jwt.hmac-secret-base64", "true"),
                Map.entry("gatecheck.cache.tokens.max-size", "5"),
                Map.entry("gatecheck.forward.hide-authorization", "false"),
                Map.entry("gatecheck.routes.public_api.paths", "/docs/*"),
                Map.entry("gatecheck.routes.admin.max-body", "1MiB"));
    }

    @Test
    void loadsPublicKeyLocationFromFileUrlPrefix() {
        GatecheckConfig config = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.public-key-location", "file:" + pemFile));

        assertThat(issuer(config).keyDescription()).contains("key file " + pemFile);
    }

    @Test
    void loadsPublicKeyLocationHoldingAJwksDocument() throws IOException {
        Path jwksFile = Files.writeString(dir.resolve("issuer.jwks.json"),
                TestKeys.jwks(TestKeys.jwk(EC.getPublic(), "ec-1", "ES256"), TestKeys.jwk(RSA.getPublic(), "rsa-1", "PS256")),
                StandardCharsets.UTF_8);

        GatecheckConfig config = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.public-key-location", jwksFile.toString()));

        IssuerConfig issuer = issuer(config);
        try (EngineResources resources = new EngineResources()) {
            KeySource keys = KeySources.start(issuer.keys(), issuer.hmacKey(), issuer.algorithms(),
                    JwksSettings.DEFAULTS, Clock.systemUTC(), resources);
            assertThat(keys.find(Optional.of("ec-1"), SignatureAlgorithm.ES256))
                    .as("the EC key of the JWKS file is usable by its kid").isInstanceOf(KeyLookup.Found.class);
            assertThat(keys.find(Optional.of("rsa-1"), SignatureAlgorithm.PS256))
                    .as("the RSA key of the JWKS file is bound to its JWK alg").isInstanceOf(KeyLookup.Found.class);
        }
    }

    @Test
    void requiredClaimsAddToExpWhichIsAlwaysRequired() {
        GatecheckConfig config = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.public-key-location", pemFile.toString(), "gatecheck.jwt.required-claims", "sub,jti"));

        assertThat(issuer(config).requiredClaims()).containsExactlyInAnyOrder("exp", "sub", "jti");
    }

    @Test
    void repeatedListItemsAreToleratedNotAnError() {
        GatecheckConfig config = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.public-key-location", pemFile.toString(),
                "gatecheck.jwt.audiences", "api,api",
                "gatecheck.jwt.required-claims", "exp,sub,exp",
                "gatecheck.jwt.algorithms", "RS256,RS256",
                "gatecheck.routes.admin.paths", "/admin",
                "gatecheck.routes.admin.roles", "admin,admin"));

        assertThat(issuer(config).audiences()).containsExactly("api");
        assertThat(issuer(config).requiredClaims()).containsExactlyInAnyOrder("exp", "sub");
        assertThat(issuer(config).algorithms()).containsExactly(SignatureAlgorithm.RS256);
        assertThat(route(config, "admin").requirements().roles()).containsExactly("admin");
    }

    @Test
    void valuesAreTrimmed() {
        GatecheckConfig config = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", "  " + ISSUER + "\t",
                "gatecheck.jwt.public-key-location", pemFile + " ", "gatecheck.token.max-length", " 1024 "));

        assertThat(issuer(config).issuer()).isEqualTo(ISSUER);
        assertThat(config.tokenMaxLength()).isEqualTo(1024);
    }

    @Test
    void ignoresKeysOutsideTheGatecheckNamespace() {
        GatecheckConfig config = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.public-key-location", pemFile.toString(),
                "spring.datasource.url", "jdbc:h2:mem:x", "gatecheckx.mode", "gateway"));

        assertThat(config.mode()).as("gatecheckx.mode is not a Gatecheck key").isEqualTo(AuthMode.TOKEN);
    }
}
