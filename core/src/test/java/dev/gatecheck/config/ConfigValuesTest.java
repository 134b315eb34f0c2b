package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.testing.TestKeys;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value syntaxes of DESIGN "Configuration contract": durations, sizes, lists, booleans, secrets, locations. */
class ConfigValuesTest {
    private static final String ISSUER = "https://issuer.test";
    private static final KeyPair RSA = TestKeys.rsa();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "500ms, 500",
            "30s, 30000",
            "10m, 600000",
            "24h, 86400000",
            "7d, 604800000",
            "PT30S, 30000",
            "PT1M30S, 90000",
            "P1D, 86400000",
            "0s, 0",
            "' 45s ', 45000"
    })
    void readsDuration(String text, long millis) {
        assertThat(ConfigValues.duration("gatecheck.jwks.ttl", text))
                .as("duration '%s'", text).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "garbage", "30", "30 s", "30sec", "1.5s", "30S", "-5s", "s", "ms500", "10w",
            "99999999999999999999d", "9999999999999999d", "PT", "P1Y"})
    void refusesMalformedDurationNamingTheKey(String text) {
        assertThatThrownBy(() -> ConfigValues.duration("gatecheck.jwks.ttl", text))
                .as("'%s' is not a duration", text)
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.jwks.ttl"));
    }

    @Test
    void refusesMalformedDurationWhenLoadingAKey() {
        assertThatThrownBy(() -> GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.clock-skew", "half a minute")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("gatecheck.jwt.clock-skew");
                    assertThat(e.getMessage()).contains("half a minute").contains("not a duration");
                });
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "0, 0",
            "512, 512",
            "512B, 512",
            "256KiB, 262144",
            "1MiB, 1048576",
            "2KB, 2000",
            "3MB, 3000000",
            "' 1MiB ', 1048576"
    })
    void readsSize(String text, long bytes) {
        assertThat(ConfigValues.size("gatecheck.routes.hooks.max-body", text)).as("size '%s'", text).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "1 MiB", "1GiB", "1mib", "-1", "1.5MiB", "lots", "99999999999999999999",
            "9999999999999999MiB"})
    void refusesMalformedSizeNamingTheKey(String text) {
        assertThatThrownBy(() -> ConfigValues.size("gatecheck.routes.hooks.max-body", text))
                .as("'%s' is not a size", text)
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.routes.hooks.max-body"));
    }

    @Test
    void readsCommaSeparatedListTrimmingEachItem() {
        assertThat(ConfigValues.list("gatecheck.jwt.audiences", " a, b ,c")).containsExactly("a", "b", "c");
        assertThat(ConfigValues.list("gatecheck.jwt.audiences", "")).as("a key left out").isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {" ", ",", " , ", "a,,b", "a,", ",a", "a, ,b"})
    void refusesListWithAnEmptyItemNamingTheKey(String text) {
        assertThatThrownBy(() -> ConfigValues.list("gatecheck.routes.admin.roles", text))
                .as("'%s' has an empty item", text)
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.routes.admin.roles"));
    }

    @Test
    void splitsSemicolonSeparatedListRefusingAnEmptyItem() {
        assertThat(ConfigValues.split("gatecheck.gateway.client-cert.subjects", "CN=a,O=x; CN=b", ";"))
                .containsExactly("CN=a,O=x", "CN=b");
        assertThatThrownBy(() -> ConfigValues.split("gatecheck.gateway.client-cert.subjects", "CN=a;", ";"))
                .isInstanceOf(ConfigException.class);
    }

    @ParameterizedTest(name = "''{0}'' = {1}")
    @CsvSource({"true, true", "false, false", "TRUE, true", "False, false", "' true ', true"})
    void readsBoolean(String text, boolean expected) {
        assertThat(ConfigValues.bool("gatecheck.forward.hide-authorization", text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "yes", "no", "1", "0", "on", "truee"})
    void refusesAnythingButTrueOrFalse(String text) {
        assertThatThrownBy(() -> ConfigValues.bool("gatecheck.forward.hide-authorization", text))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.forward.hide-authorization"));
    }

    @Test
    void readsSecretFromFileStrippingOneTrailingNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "s3cret value\n");

        assertThat(ConfigValues.secret("gatecheck.jwt.hmac-secret", "file:" + file)).isEqualTo("s3cret value");
    }

    @Test
    void readsSecretFromFileStrippingOneTrailingCrLf() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "s3cret value\r\n");

        assertThat(ConfigValues.secret("gatecheck.jwt.hmac-secret", "file:" + file)).isEqualTo("s3cret value");
    }

    @Test
    void keepsEverythingButTheFinalNewlineOfASecretFile() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), " padded \n\n");

        assertThat(ConfigValues.secret("gatecheck.jwt.hmac-secret", "file:" + file))
                .as("only one trailing newline is removed").isEqualTo(" padded \n");
    }

    @Test
    void takesSecretWithoutFilePrefixLiterally() {
        assertThat(ConfigValues.secret("gatecheck.jwt.hmac-secret", "/not/a/file")).isEqualTo("/not/a/file");
    }

    @Test
    void refusesUnreadableSecretFileNamingTheKey() {
        assertThatThrownBy(() -> ConfigValues.secret("gatecheck.jwt.hmac-secret", "file:" + dir.resolve("missing")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.hmac-secret"));
    }

    /** A NUL makes no path: the loader refuses it like any unreadable file, never with an InvalidPathException. */
    @Test
    void refusesASecretFileNameThatIsNoPathNamingTheKey() {
        assertThatThrownBy(() -> GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", "https://issuer.test",
                "gatecheck.jwt.algorithms", "HS256", "gatecheck.jwt.hmac-secret", "file:secret\u0000.txt")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.hmac-secret"));
    }

    @Test
    void loadsHmacSecretFromFileSoItVerifiesLikeTheLiteral() throws IOException {
        String secret = "a-secret-of-more-than-thirty-two-bytes!";
        Path file = Files.writeString(dir.resolve("hmac"), secret + "\n");

        IssuerConfig fromFile = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.hmac-secret", "file:" + file)).issuers().get(0);

        assertThat(HmacProbe.accepts(fromFile, secret.getBytes()))
                .as("a token signed with the file's secret (newline stripped) verifies").isTrue();
        assertThat(HmacProbe.accepts(fromFile, (secret + "\n").getBytes()))
                .as("the trailing newline is not part of the secret").isFalse();
    }

    @Test
    void decodesBase64HmacSecretWhenAsked() {
        byte[] raw = TestKeys.hmacSecret();

        IssuerConfig config = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.hmac-secret", Base64.getEncoder().encodeToString(raw),
                "gatecheck.jwt.hmac-secret-base64", "true")).issuers().get(0);

        assertThat(HmacProbe.accepts(config, raw)).as("the decoded bytes are the secret").isTrue();
    }

    @Test
    void decodesBase64HmacSecretReadFromFile() throws IOException {
        byte[] raw = TestKeys.hmacSecret();
        Path file = Files.writeString(dir.resolve("hmac.b64"), Base64.getEncoder().encodeToString(raw) + "\n");

        IssuerConfig config = GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.hmac-secret", "file:" + file,
                "gatecheck.jwt.hmac-secret-base64", "true")).issuers().get(0);

        assertThat(HmacProbe.accepts(config, raw)).isTrue();
    }

    @Test
    void readsPublicKeyFromClasspathResource() throws Exception {
        Path root = Files.createDirectories(dir.resolve("cp"));
        Files.createDirectories(root.resolve("keys"));
        Files.writeString(root.resolve("keys/issuer.pem"), TestKeys.pem(RSA.getPublic()));

        for (String location : List.of("classpath:keys/issuer.pem", "classpath:/keys/issuer.pem")) {
            GatecheckConfig config = withClasspath(root, () -> GatecheckConfig.fromMap(Map.of(
                    "gatecheck.jwt.issuer", ISSUER, "gatecheck.jwt.public-key-location", location)));

            assertThat(config.issuers().get(0).keyDescription()).as(location).contains("from " + location);
        }
    }

    @Test
    void refusesMissingClasspathResourceNamingTheKey() {
        assertThatThrownBy(() -> GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.public-key-location", "classpath:no/such/key.pem")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("gatecheck.jwt.public-key-location");
                    assertThat(e.getMessage()).contains("no/such/key.pem");
                });
    }

    @Test
    void refusesMissingPublicKeyFileNamingTheKey() {
        assertThatThrownBy(() -> GatecheckConfig.fromMap(Map.of("gatecheck.jwt.issuer", ISSUER,
                "gatecheck.jwt.public-key-location", dir.resolve("absent.pem").toString())))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.public-key-location"));
    }

    private static <T> T withClasspath(Path root, Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, original)) {
            thread.setContextClassLoader(loader);
            return action.call();
        } finally {
            thread.setContextClassLoader(original);
        }
    }
}
