package dev.gatecheck.keys;

import static dev.gatecheck.testing.Engines.assertAllowed;
import static dev.gatecheck.testing.Engines.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.JwtSettings;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.testing.Engines;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PEM and JWKS key files ({@code gatecheck.jwt.public-key-location}): loaded at build time, reloaded when the
 * file changes (driven here by calling {@link FileKeySource#reloadIfChanged()} instead of waiting for the
 * watcher), a broken new file keeping the previous keys, and {@code classpath:} locations read once.
 */
class FileKeySourceTest {
    private static final String ISSUER = "https://issuer.test";
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final Duration NEVER_BY_ITSELF = Duration.ofHours(1); // the test drives reloads
    private final EngineResources resources = new EngineResources();
    private static final KeyPair OLD = TestKeys.rsa();
    private static final KeyPair NEW = TestKeys.rsa();

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-29T12:00:00Z"));
    private LogCapture log;
    private FileKeySource source;
    private Gatecheck gatecheck;

    @BeforeEach
    void capture() {
        log = LogCapture.of(FileKeySource.class);
    }

    @AfterEach
    void stop() {
        if (gatecheck != null) {
            gatecheck.close();
        }
        if (source != null) {
            source.close();
        }
        resources.close();
        log.close();
    }

    @ParameterizedTest(name = "{0} file")
    @ValueSource(strings = {"PEM", "JWKS"})
    void keyFileIsLoadedAtBuildAndAReplacementIsUsedAfterReload(String format) throws IOException {
        Path file = dir.resolve("key." + format.toLowerCase());
        Files.writeString(file, keyText(format, OLD, "old"));
        watch(file);
        assertAllowed(authenticate(token(OLD, "old")), "the key in the file at build time");
        assertDenied(authenticate(token(NEW, "new")), 401, "invalid_token", "a key not yet in the file");

        replace(file, keyText(format, NEW, "new"));
        source.reloadIfChanged();

        assertAllowed(authenticate(token(NEW, "new")), "the replacement key after the reload");
        assertDenied(authenticate(token(OLD, "old")), 401, "invalid_token", "the replaced key after the reload");
    }

    @ParameterizedTest(name = "new file: {0}")
    @ValueSource(strings = {"empty", "truncated PEM", "garbage PEM body", "truncated JWKS", "JWKS of refused keys"})
    void aBrokenNewFileKeepsThePreviousKeyAndLogsAWarning(String broken) throws IOException {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, TestKeys.pem(OLD.getPublic()));
        watch(file);
        assertAllowed(authenticate(token(OLD, "old")), "the key in the file at build time");

        String pem = TestKeys.pem(NEW.getPublic());
        replace(file, switch (broken) {
            case "empty" -> "";
            case "truncated PEM" -> pem.substring(0, pem.length() / 2);
            case "garbage PEM body" -> "-----BEGIN PUBLIC KEY-----\nAAAAAAAA\n-----END PUBLIC KEY-----\n";
            case "truncated JWKS" -> TestKeys.jwks(TestKeys.jwk(NEW.getPublic(), "new", "RS256")).substring(0, 40);
            default -> TestKeys.jwks("{\"kty\":\"oct\",\"kid\":\"x\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}");
        });
        source.reloadIfChanged();

        assertAllowed(authenticate(token(OLD, "old")), "the previous key after a broken replacement (" + broken + ")");
        assertDenied(authenticate(token(NEW, "new")), 401, "invalid_token", "nothing new was taken from a broken file");
        // Only this test's file: watchers of other tests' engines may log about their own files meanwhile.
        assertThat(log.warningsContaining(file + " ").stream().filter(w -> w.contains("keeping the current keys")))
                .as("WARN for the broken file").hasSize(1);
        assertThat(String.join("\n", log.all())).as("log lines hold no key material")
                .doesNotContain(pem.substring(40, 80));

        source.reloadIfChanged();
        assertThat(log.warningsContaining("keeping the current keys")).as("the same broken file is reported once")
                .hasSize(1);

        replace(file, TestKeys.pem(NEW.getPublic()));
        source.reloadIfChanged();
        assertAllowed(authenticate(token(NEW, "new")), "a good file after the broken one");
    }

    @Test
    void aFileWithoutUsableKeysFailsTheBuildNamingTheKey() throws IOException {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, TestKeys.pem(TestKeys.rsa(1024).getPublic()));
        assertThatThrownBy(() -> GatecheckConfig.builder()
                .jwt(j -> j.issuer(ISSUER).publicKeyLocation(file.toString())).build())
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.public-key-location"));
        assertThatThrownBy(() -> GatecheckConfig.builder()
                .jwt(j -> j.issuer(ISSUER).publicKeyLocation(dir.resolve("missing.pem").toString())).build())
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("gatecheck.jwt.public-key-location"));
    }

    @Test
    void publicKeyLocationPathIsLoadedWhenTheConfigurationIsBuilt() throws IOException {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, TestKeys.pem(OLD.getPublic()));
        gatecheck = engine(j -> j.publicKeyLocation(file.toString()));
        Files.delete(file); // requests never read the file

        assertAllowed(authenticate(token(OLD, "old")), "the key read at build time");
        assertDenied(authenticate(token(NEW, "new")), 401, "invalid_token", "another key");
    }

    @Test
    void classpathLocationIsReadOnceAtBuild() throws IOException {
        Path root = dir.resolve("classes");
        Files.createDirectories(root.resolve("keys"));
        Path resource = root.resolve("keys/api.pem");
        Files.writeString(resource, TestKeys.pem(OLD.getPublic()));
        AtomicInteger reads = new AtomicInteger();
        ClassLoader counting = new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                if (name.equals("keys/api.pem")) {
                    reads.incrementAndGet();
                }
                return super.getResourceAsStream(name);
            }
        };
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(counting);
        try {
            gatecheck = engine(j -> j.publicKeyLocation("classpath:keys/api.pem"));
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertThat(reads).as("reads of the classpath resource at build").hasValue(1);

        Files.writeString(resource, TestKeys.pem(NEW.getPublic()));
        thread.setContextClassLoader(counting);
        try {
            for (int i = 0; i < 50; i++) {
                assertAllowed(authenticate(token(OLD, "old")), "the key read from the classpath at build");
            }
            assertDenied(authenticate(token(NEW, "new")), 401, "invalid_token",
                    "a classpath resource is not watched: a later change is not picked up");
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertThat(reads).as("reads of the classpath resource after 51 requests").hasValue(1);
    }

    // ---------------------------------------------------------------- helpers

    private void watch(Path file) {
        source = FileKeySource.watch(file, EnumSet.of(SignatureAlgorithm.RS256), resources.scheduler(), NEVER_BY_ITSELF,
                SourceState.unobserved(java.time.Clock.systemUTC()));
        gatecheck = engine(j -> j.keySource(source));
    }

    private Gatecheck engine(Consumer<JwtSettings> keys) {
        return Gatecheck.create(GatecheckConfig.builder().clock(clock)
                .jwt(j -> keys.accept(j.issuer(ISSUER).audiences("api"))).build());
    }

    /**
     * Replaces {@code file} the way deployments do (write aside, atomic move), with a modification time a few
     * seconds later, as a real later rotation has (two writes within one timestamp tick would look unchanged).
     */
    private static void replace(Path file, String text) throws IOException {
        FileTime before = Files.getLastModifiedTime(file);
        Path aside = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(aside, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(aside, FileTime.fromMillis(before.toMillis() + 5_000));
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String keyText(String format, KeyPair key, String kid) {
        return format.equals("PEM") ? TestKeys.pem(key.getPublic())
                : TestKeys.jwks(TestKeys.jwk(key.getPublic(), kid, "RS256"));
    }

    private Decision authenticate(String token) {
        return Engines.authenticateWithin(gatecheck, token, BOUND);
    }

    private String token(KeyPair key, String kid) {
        return Tokens.signWithKid("RS256", key.getPrivate(), kid,
                Tokens.claims(ISSUER, "alice", "api", clock.instant().getEpochSecond(), 300, ""));
    }
}
