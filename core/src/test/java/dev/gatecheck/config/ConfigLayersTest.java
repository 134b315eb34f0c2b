package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers of an adapter's declarative configuration ({@link GatecheckConfig#fromLayers}): packaged keys (a
 * servlet filter's init-params), then the properties file, then the environment.
 */
class ConfigLayersTest {
    /** An issuer with an inline key and an admin route: enough for a configuration to build. */
    private static final Map<String, String> ISSUER = Map.of("gatecheck.jwt.issuer", "https://issuer.test",
            "gatecheck.jwt.jwks", TestKeys.jwks(TestKeys.jwk(TestKeys.rsa().getPublic(), "k1", "RS256")),
            "gatecheck.routes.admin.paths", "/admin/*", "gatecheck.routes.admin.roles", "admin");

    @TempDir
    Path dir;

    @Test
    void theLayersBuilderTakesListenersAndRoutesOfTheApplicationOnTopOfTheFile() throws IOException {
        Path file = properties("gatecheck.token.max-length=2000\n");
        dev.gatecheck.events.GatecheckListener listener = new dev.gatecheck.events.GatecheckListener() { };

        GatecheckConfig config = GatecheckConfig.builderFromLayers(params("gatecheck.config", file.toString()),
                        Map.of(), getClass().getClassLoader())
                .route(new dev.gatecheck.route.Route("ready", java.util.List.of("/ready"), java.util.Set.of(),
                        dev.gatecheck.route.AuthMode.PUBLIC, dev.gatecheck.route.Requirements.NONE))
                .listener(listener)
                .build();

        assertThat(config.tokenMaxLength()).as("the file's setting").isEqualTo(2000);
        assertThat(config.routes().routes()).as("the file's route and the application's")
                .extracting(dev.gatecheck.route.Route::name).containsExactlyInAnyOrder("admin", "ready");
        assertThat(config.listeners()).as("listeners").containsExactly(listener);
        assertThatThrownBy(() -> GatecheckConfig.builderFromLayers(params("gatecheck.config", file.toString()),
                Map.of(), getClass().getClassLoader()).tokenMaxLength(100))
                .as("a setting the file gave, given again").isInstanceOf(ConfigException.class)
                .hasMessageContaining("gatecheck.token.max-length");
    }

    @Test
    void readsDesignKeysFromInitParams() {
        GatecheckConfig config = load(params("gatecheck.token.max-length", "1000"), Map.of());

        assertThat(config.tokenMaxLength()).isEqualTo(1000);
    }

    @Test
    void propertiesFileNamedByInitParamOverridesInitParams() throws IOException {
        Path file = properties("gatecheck.token.max-length=2000\n");

        GatecheckConfig config = load(params("gatecheck.token.max-length", "1000", "gatecheck.config", file.toString()),
                Map.of());

        assertThat(config.tokenMaxLength()).isEqualTo(2000);
    }

    @Test
    void environmentOverridesPropertiesFile() throws IOException {
        Path file = properties("gatecheck.token.max-length=2000\n");

        GatecheckConfig config = load(params("gatecheck.config", file.toString()),
                Map.of("GATECHECK_TOKEN_MAX_LENGTH", "3000"));

        assertThat(config.tokenMaxLength()).isEqualTo(3000);
    }

    @Test
    void fileNamedByEnvironmentWinsOverFileNamedByInitParam() throws IOException {
        Path packaged = properties("gatecheck.token.max-length=2000\n");
        Path deployed = Files.writeString(dir.resolve("deployed.properties"), "gatecheck.token.max-length=5000\n");

        GatecheckConfig config = load(params("gatecheck.config", packaged.toString()),
                Map.of("GATECHECK_CONFIG", deployed.toString()));

        assertThat(config.tokenMaxLength()).isEqualTo(5000);
    }

    @Test
    void readsPropertiesFileGivenAsFileUri() throws IOException {
        Path file = properties("gatecheck.token.max-length=2000\n");

        assertThat(load(params("gatecheck.config", "file:" + file), Map.of()).tokenMaxLength()).isEqualTo(2000);
    }

    @Test
    void readsPropertiesFileFromClasspath() {
        GatecheckConfig config = load(params("gatecheck.config", "classpath:gatecheck-classpath.properties"), Map.of());

        assertThat(config.tokenMaxLength()).isEqualTo(4000);
    }

    @Test
    void readsPropertiesFileAsUtf8() throws IOException {
        Path file = properties("gatecheck.jwt.issuer=https://issuer.test/\u00e9quipe\n");

        assertThat(load(params("gatecheck.config", file.toString()), Map.of()).issuers().get(0).issuer())
                .isEqualTo("https://issuer.test/\u00e9quipe");
    }

    @Test
    void namesInitParamWhenItsFileCannotBeRead() {
        assertThatThrownBy(() -> load(params("gatecheck.config", dir.resolve("missing.properties").toString()), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("gatecheck.config"));
    }

    @Test
    void namesEnvironmentVariableWhenItsFileCannotBeRead() {
        assertThatThrownBy(() -> load(params(), Map.of("GATECHECK_CONFIG", dir.resolve("missing.properties").toString())))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("GATECHECK_CONFIG"));
    }

    @Test
    void refusesInitParamThatIsNoGatecheckKey() {
        assertThatThrownBy(() -> load(params("jwt.issuer", "https://issuer.test"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("jwt.issuer"));
    }

    @Test
    void refusesUnknownGatecheckEnvironmentVariable() {
        assertThatThrownBy(() -> load(params(), Map.of("GATECHECK_JWT_ISUSER", "https://issuer.test")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("GATECHECK_JWT_ISUSER"));
    }

    @Test
    void ignoresEnvironmentVariablesOutsideGatecheck() {
        assertThat(load(params(), Map.of("PATH", "/usr/bin", "PORT", "8080")).tokenMaxLength()).isEqualTo(8192);
    }

    // An empty value never loosens a rule: it is an error naming the key, whichever layer it comes from.

    @Test
    void refusesAnEmptyAudienceVariableOverAFileThatSetsOne() throws IOException {
        Path file = properties("gatecheck.jwt.audiences=orders-api\n");

        assertThatThrownBy(() -> load(params("gatecheck.config", file.toString()),
                Map.of("GATECHECK_JWT_AUDIENCES", "")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("GATECHECK_JWT_AUDIENCES"));
    }

    @Test
    void refusesAnEmptyRolesVariableOverInitParamsThatSetThem() {
        assertThatThrownBy(() -> load(params(), Map.of("GATECHECK_ROUTES_ADMIN_ROLES", "")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("GATECHECK_ROUTES_ADMIN_ROLES"));
        assertThatThrownBy(() -> load(params(), Map.of("GATECHECK_ROUTES_ADMIN_ROLES", " , ")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.routes.admin.roles"));
    }

    @Test
    void refusesAnEmptyKeyInThePropertiesFile() throws IOException {
        Path file = properties("gatecheck.routes.admin.roles=\n");

        assertThatThrownBy(() -> load(params("gatecheck.config", file.toString()), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.routes.admin.roles"));
    }

    @Test
    void refusesAnEmptyInitParam() {
        assertThatThrownBy(() -> load(params("gatecheck.jwt.audiences", " "), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.audiences"));
    }

    @Test
    void refusesAnEmptyConfigFileVariableInsteadOfFallingBackToTheInitParam() throws IOException {
        Path packaged = properties("gatecheck.token.max-length=2000\n");

        assertThatThrownBy(() -> load(params("gatecheck.config", packaged.toString()), Map.of("GATECHECK_CONFIG", "")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("GATECHECK_CONFIG"));
    }

    @Test
    void refusesAnEmptyConfigFileInitParam() {
        assertThatThrownBy(() -> load(params("gatecheck.config", " "), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("gatecheck.config"));
    }

    /** The test issuer's keys plus {@code pairs} (name, value, ...), which win. */
    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new HashMap<>(ISSUER);
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private Path properties(String text) throws IOException {
        return Files.writeString(dir.resolve("gatecheck.properties"), text);
    }

    private static GatecheckConfig load(Map<String, String> initParams, Map<String, String> environment) {
        return GatecheckConfig.fromLayers(initParams, environment, ConfigLayersTest.class.getClassLoader());
    }
}
