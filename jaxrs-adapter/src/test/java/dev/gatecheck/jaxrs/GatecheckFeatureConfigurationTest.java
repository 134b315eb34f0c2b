package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The no-argument {@link GatecheckFeature}: configured from {@code GATECHECK_CONFIG} and the environment. */
class GatecheckFeatureConfigurationTest {
    @TempDir
    Path dir;

    private Path properties(String text) throws Exception {
        Files.writeString(dir.resolve("key.pem"), Fixture.KIT_ISSUER.publicKeyPem());
        Path file = dir.resolve("gatecheck.properties");
        Files.writeString(file, text.replace("${dir}", dir.toString().replace('\\', '/')));
        return file;
    }

    @Test
    void readsThePropertiesFileTheEnvironmentNames() throws Exception {
        Path file = properties("""
                gatecheck.jwt.issuer=https://issuer.test
                gatecheck.jwt.public-key-location=${dir}/key.pem
                gatecheck.forward.hide-authorization=false
                """);
        for (String location : new String[] {file.toString(), "file:" + file}) {
            GatecheckFeature feature = new GatecheckFeature(Map.of("GATECHECK_CONFIG", location));
            assertThat(feature.gatecheck().config().issuers().get(0).issuer()).isEqualTo("https://issuer.test");
            assertThat(feature.gatecheck().config().hideAuthorization()).isFalse();
            feature.gatecheck().close();
        }
    }

    @Test
    void environmentVariablesWinOverTheFile() throws Exception {
        Path file = properties("""
                gatecheck.jwt.issuer=https://issuer.test
                gatecheck.jwt.public-key-location=${dir}/key.pem
                """);
        GatecheckFeature feature = new GatecheckFeature(Map.of("GATECHECK_CONFIG", file.toString(),
                "GATECHECK_JWT_ISSUER", "https://other.test"));
        assertThat(feature.gatecheck().config().issuers().get(0).issuer()).isEqualTo("https://other.test");
        feature.gatecheck().close();
    }

    @Test
    void readsTheReplayKeysAndRefusesRedisWithoutItsModuleNamingTheKey() throws Exception {
        Path file = properties("""
                gatecheck.jwt.issuer=https://issuer.test
                gatecheck.jwt.public-key-location=${dir}/key.pem
                gatecheck.replay.on-error=allow
                """);
        GatecheckFeature feature = new GatecheckFeature(Map.of("GATECHECK_CONFIG", file.toString()));
        assertThat(feature.gatecheck().config().replayOnError()).hasToString("ALLOW");
        feature.gatecheck().close();

        assertThatThrownBy(() -> new GatecheckFeature(Map.of("GATECHECK_CONFIG", file.toString(),
                "GATECHECK_REPLAY_STORE", "redis", "GATECHECK_REPLAY_REDIS_URI", "redis://127.0.0.1:6379")))
                .as("gatecheck-redis is not on this class path")
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key())
                        .isEqualTo("gatecheck.replay.store"));
    }

    @Test
    void withoutAnyConfigurationTheApplicationDoesNotStart() {
        assertThatThrownBy(() -> new GatecheckFeature(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gatecheck.jwt.issuer");
    }

    @Test
    void anEmptyVariableIsAnErrorNamingIt() throws Exception {
        Path file = properties("""
                gatecheck.jwt.issuer=https://issuer.test
                gatecheck.jwt.public-key-location=${dir}/key.pem
                gatecheck.jwt.audiences=orders-api
                """);
        assertThatThrownBy(() -> new GatecheckFeature(Map.of("GATECHECK_CONFIG", file.toString(),
                "GATECHECK_JWT_AUDIENCES", "")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("GATECHECK_JWT_AUDIENCES"));
        assertThatThrownBy(() -> new GatecheckFeature(Map.of("GATECHECK_CONFIG", " ")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("GATECHECK_CONFIG"));
    }

    @Test
    void anUnreadableFileIsNamed() {
        assertThatThrownBy(() -> new GatecheckFeature(Map.of("GATECHECK_CONFIG", dir.resolve("absent").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GATECHECK_CONFIG")
                .hasMessageContaining("absent");
    }

    @Test
    void aClasspathResourceIsRead() {
        GatecheckFeature feature = new GatecheckFeature(Map.of("GATECHECK_CONFIG", "classpath:gatecheck-test.properties"));
        assertThat(feature.gatecheck().config().issuers().get(0).issuer()).isEqualTo("https://classpath.test");
    }

    @Test
    void aMissingClasspathResourceIsNamed() {
        assertThatThrownBy(() -> new GatecheckFeature(Map.of("GATECHECK_CONFIG", "classpath:missing.properties")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("classpath:missing.properties");
    }
}
