package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.config.IssuerConfig.Introspection;
import dev.gatecheck.config.IssuerConfig.Introspection.ClientAuth;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The introspection keys ({@code gatecheck.jwt.introspection.*}, {@code gatecheck.issuers.<name>.introspection.*},
 * {@code gatecheck.introspection.*}, {@code gatecheck.routes.<name>.introspect} and {@code .issuer}) load with the
 * same meaning from every source, and a setting that cannot work fails at startup naming its key.
 */
class IntrospectionConfigTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String SECRET = "introspection-client-secret-1";
    private static final String ENDPOINT = "https://issuer.test/oauth2/introspect";

    @TempDir
    static Path dir;
    private static Path ecKey;
    private static Path secretFile;

    @BeforeAll
    static void writeFiles() throws IOException {
        ecKey = Files.writeString(dir.resolve("client.pem"), pkcs8(TestKeys.ec("secp256r1")));
        secretFile = Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
    }

    static String pkcs8(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static Map<String, String> basic(String... more) {
        Map<String, String> keys = new HashMap<>(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.introspection.uri", ENDPOINT,
                "gatecheck.jwt.introspection.client-id", "orders-api",
                "gatecheck.jwt.introspection.client-secret", SECRET));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                keys.remove(more[i]);
            } else {
                keys.put(more[i], more[i + 1]);
            }
        }
        return keys;
    }

    enum Source {
        MAP, ENVIRONMENT;

        GatecheckConfig load(Map<String, String> keys) {
            if (this == MAP) {
                return GatecheckConfig.fromMap(keys);
            }
            Map<String, String> environment = new HashMap<>();
            keys.forEach((k, v) -> environment.put(ConfigKeysTest.envName(k), v));
            return GatecheckConfig.fromEnvironment(environment);
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void introspectionWithAClientSecretLoadsFromEverySource(Source source) {
        GatecheckConfig config = source.load(basic("gatecheck.jwt.introspection.client-secret", "file:" + secretFile,
                "gatecheck.introspection.cache-ttl", "2m", "gatecheck.introspection.negative-ttl", "0s",
                "gatecheck.introspection.timeout", "750ms"));

        Introspection introspection = config.issuers().get(0).introspection().orElseThrow();
        assertThat(introspection.uri()).contains(URI.create(ENDPOINT));
        assertThat(introspection.clientId()).isEqualTo("orders-api");
        assertThat(introspection.clientAuth()).isEqualTo(ClientAuth.CLIENT_SECRET_BASIC);
        assertThat(introspection.clientSecret()).as("the secret read from the file, final newline removed")
                .contains(SECRET);
        assertThat(introspection.toString()).as("toString").doesNotContain(SECRET);
        assertThat(config.introspectionCacheTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.introspectionNegativeTtl()).isEqualTo(Duration.ZERO);
        assertThat(config.introspectionTimeout()).isEqualTo(Duration.ofMillis(750));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void privateKeyJwtOfANamedIssuerAndTheRouteSettingsLoadFromEverySource(Source source) {
        GatecheckConfig config = source.load(Map.of("gatecheck.issuers.staff.issuer", ISSUER,
                "gatecheck.issuers.staff.discovery", "true",
                "gatecheck.issuers.staff.introspection.client-id", "orders-api",
                "gatecheck.issuers.staff.introspection.auth-method", "private_key_jwt",
                "gatecheck.issuers.staff.introspection.private-key-location", ecKey.toString(),
                "gatecheck.routes.payments.paths", "/payments/*",
                "gatecheck.routes.payments.introspect", "always",
                "gatecheck.routes.payments.issuer", "staff"));

        Introspection introspection = config.issuers().get(0).introspection().orElseThrow();
        assertThat(introspection.uri()).as("no uri: discovery's introspection_endpoint").isEmpty();
        assertThat(introspection.clientAuth()).isEqualTo(ClientAuth.PRIVATE_KEY_JWT);
        assertThat(introspection.privateKey()).get().extracting(k -> k.getAlgorithm()).isEqualTo("EC");
        Route payments = config.routes().routes().stream().filter(r -> r.name().equals("payments")).findFirst()
                .orElseThrow();
        assertThat(payments.introspection()).isEqualTo(new Route.Introspection(true, Optional.of("staff")));
    }

    @Test
    void defaultsAreSixtySecondsFiveSecondsAndThreeSecondsAndNoIntrospection() {
        GatecheckConfig config = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.jwks-uri", "https://issuer.test/jwks"));

        assertThat(config.introspectionCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.introspectionNegativeTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.introspectionTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.issuers().get(0).introspection()).isEmpty();
        assertThat(config.revocations()).isEmpty();
    }

    @Test
    void anIssuerWithIntrospectionNeedsNoKeys() {
        GatecheckConfig config = GatecheckConfig.fromMap(basic());

        assertThat(config.issuers().get(0).keys()).as("no key source").isEmpty();
    }

    static Stream<Arguments> invalid() throws IOException {
        Path rsa1024 = Files.writeString(dir.resolve("small.pem"), pkcs8(TestKeys.rsa(1024)));
        Path publicKey = Files.writeString(dir.resolve("public.pem"), TestKeys.pem(TestKeys.rsa().getPublic()));
        String jwt = "gatecheck.jwt.introspection.";
        return Stream.of(
                Arguments.of("no uri and no discovery", jwt + "uri", basic(jwt + "uri", null)),
                Arguments.of("plain http to another host", jwt + "uri", basic(jwt + "uri", "http://idp.test/i")),
                Arguments.of("no client id", jwt + "client-id", basic(jwt + "client-id", null)),
                Arguments.of("basic without a secret", jwt + "client-secret", basic(jwt + "client-secret", null)),
                Arguments.of("unknown auth method", jwt + "auth-method",
                        basic(jwt + "auth-method", "client_secret_post")),
                Arguments.of("private_key_jwt without a key", jwt + "private-key-location",
                        basic(jwt + "auth-method", "private_key_jwt", jwt + "client-secret", null)),
                Arguments.of("private_key_jwt with a secret too", jwt + "client-secret",
                        basic(jwt + "auth-method", "private_key_jwt", jwt + "private-key-location",
                                ecKey.toString())),
                Arguments.of("a key file for basic", jwt + "private-key-location",
                        basic(jwt + "private-key-location", ecKey.toString())),
                Arguments.of("a public key instead of a private one", jwt + "private-key-location",
                        basic(jwt + "auth-method", "private_key_jwt", jwt + "client-secret", null,
                                jwt + "private-key-location", publicKey.toString())),
                Arguments.of("an RSA key of 1024 bits", jwt + "private-key-location",
                        basic(jwt + "auth-method", "private_key_jwt", jwt + "client-secret", null,
                                jwt + "private-key-location", rsa1024.toString())),
                Arguments.of("a key file that does not exist", jwt + "private-key-location",
                        basic(jwt + "auth-method", "private_key_jwt", jwt + "client-secret", null,
                                jwt + "private-key-location", dir.resolve("missing.pem").toString())),
                Arguments.of("a secret file that does not exist", jwt + "client-secret",
                        basic(jwt + "client-secret", "file:" + dir.resolve("missing.txt"))),
                Arguments.of("negative cache ttl", "gatecheck.introspection.cache-ttl",
                        basic("gatecheck.introspection.cache-ttl", "-PT1S")),
                Arguments.of("zero timeout", "gatecheck.introspection.timeout",
                        basic("gatecheck.introspection.timeout", "0s")),
                Arguments.of("introspect neither always nor opaque", "gatecheck.routes.pay.introspect",
                        basic("gatecheck.routes.pay.paths", "/pay", "gatecheck.routes.pay.introspect", "sometimes")),
                Arguments.of("introspect=always without any introspection", "gatecheck.routes.pay.introspect",
                        Map.of("gatecheck.jwt.issuer", ISSUER, "gatecheck.jwt.jwks-uri", "https://issuer.test/jwks",
                                "gatecheck.routes.pay.paths", "/pay", "gatecheck.routes.pay.introspect", "always")),
                Arguments.of("a route naming an unknown issuer", "gatecheck.routes.pay.issuer",
                        basic("gatecheck.routes.pay.paths", "/pay", "gatecheck.routes.pay.issuer", "nobody")),
                Arguments.of("a route naming an issuer without introspection", "gatecheck.routes.pay.issuer",
                        basic("gatecheck.issuers.other.issuer", "https://other.test",
                                "gatecheck.issuers.other.jwks-uri", "https://other.test/jwks",
                                "gatecheck.routes.pay.paths", "/pay", "gatecheck.routes.pay.issuer", "other")),
                Arguments.of("introspect on a webhook route", "gatecheck.routes.hook.introspect",
                        basic("gatecheck.routes.hook.paths", "/hook", "gatecheck.routes.hook.webhook", "github",
                                "gatecheck.routes.hook.secrets", "0123456789abcdef0123456789abcdef",
                                "gatecheck.routes.hook.introspect", "always")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalid")
    void anIntrospectionSettingThatCannotWorkFailsAtStartupNamingItsKey(String why, String key,
                                                                       Map<String, String> keys) {
        assertThatThrownBy(() -> GatecheckConfig.fromMap(keys)).as(why)
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).as("the key named for: %s", why).isEqualTo(key);
                    assertThat(e.getMessage()).as("the message never holds the secret").doesNotContain(SECRET);
                });
    }

    @Test
    void theBuilderTakesEachIntrospectionSettingOnce() {
        assertThatThrownBy(() -> GatecheckConfig.builder().jwt(j -> j.issuer(ISSUER)
                .introspection(i -> i.uri(ENDPOINT).uri(ENDPOINT))))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.introspection.uri"));
    }
}
