package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook keys {@code gatecheck.routes.<name>.webhook / .secrets / .tolerance / .max-body}. */
class WebhookConfigTest {
    private static final String R = "gatecheck.routes.hooks.";
    private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** A secret of 32 bytes or more, as every GitHub, Stripe and Slack secret must be. */
    private static final String SECRET = "a-webhook-secret-of-at-least-32-bytes";
    private static final String OTHER_SECRET = "another-webhook-secret-32-bytes-long";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A working token configuration plus {@code extra}. */
    private static Map<String, String> keys(String... extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "gatecheck.jwt.issuer", "https://issuer.test",
                "gatecheck.jwt.audiences", "api",
                "gatecheck.jwt.algorithms", "HS256",
                "gatecheck.jwt.hmac-secret", "a 32-byte-or-longer test HMAC secret for tokens"));
        for (int i = 0; i < extra.length; i += 2) {
            keys.put(extra[i], extra[i + 1]);
        }
        return keys;
    }

    private static GatecheckConfig load(String... extra) {
        return GatecheckConfig.fromMap(keys(extra), CLOCK);
    }

    private static Route route(GatecheckConfig config, String name) {
        return config.routes().routes().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + name));
    }

    private static WebhookSpec spec(String... extra) {
        return route(load(extra), "hooks").webhook().orElseThrow(() -> new AssertionError("not a webhook route"));
    }

    private static void failsNaming(String key, String... extra) {
        assertThatThrownBy(() -> Gatecheck.create(load(extra)))
                .as("configuration %s", List.of(extra))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).as("the key at fault").isEqualTo(key));
    }

    // Each key loads

    @Test
    void aWebhookRouteLoadsItsSchemeAndSecretWithDefaults() {
        WebhookSpec spec = spec(R + "paths", "/hooks/github", R + "auth", "webhook", R + "webhook", "github",
                R + "secrets", SECRET);
        assertThat(spec.scheme()).as("scheme").isEqualTo("github");
        assertThat(spec.secrets()).as("secrets").containsExactly(SECRET);
        assertThat(spec.tolerance()).as("default tolerance").isEqualTo(Duration.ofMinutes(5));
        assertThat(spec.maxBody()).as("default max-body 1MiB").isEqualTo(1024 * 1024);
    }

    @Test
    void aRouteWithAWebhookSchemeAndNoAuthKeyIsAWebhookRoute() {
        Route route = route(load(R + "paths", "/hooks/github", R + "webhook", "github", R + "secrets", SECRET), "hooks");
        assertThat(route.mode()).as("auth inferred from .webhook").isEqualTo(AuthMode.WEBHOOK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"github", "standard-webhooks", "stripe", "slack"})
    void everySchemeLoads(String scheme) {
        String secret = scheme.equals("standard-webhooks") ? SW_SECRET : SECRET;
        assertThat(spec(R + "paths", "/hooks", R + "webhook", scheme, R + "secrets", secret).scheme())
                .as("scheme %s", scheme).isEqualTo(scheme);
    }

    @Test
    void severalCommaSeparatedSecretsAreAllKeptForRotation() {
        WebhookSpec spec = spec(R + "paths", "/hooks", R + "webhook", "stripe",
                R + "secrets", " " + SECRET + " , " + OTHER_SECRET);
        assertThat(spec.secrets()).as("secrets in order, trimmed").containsExactly(SECRET, OTHER_SECRET);
    }

    @Test
    void aFileSecretIsReadWithoutItsTrailingNewline() throws IOException {
        Path file = dir.resolve("github-secret");
        Files.writeString(file, SECRET + "\n", StandardCharsets.UTF_8);
        WebhookSpec spec = spec(R + "paths", "/hooks", R + "webhook", "github", R + "secrets", "file:" + file);
        assertThat(spec.secrets()).as("the file's content").containsExactly(SECRET);
    }

    @Test
    void aFileSecretHoldsTheRotationListOneSecretPerLine() throws IOException {
        Path file = dir.resolve("slack-secrets");
        Files.writeString(file, SECRET + "\r\n\n  \n" + OTHER_SECRET + "\n\n", StandardCharsets.UTF_8);
        WebhookSpec spec = spec(R + "paths", "/hooks", R + "webhook", "slack", R + "secrets", "file:" + file);
        assertThat(spec.secrets()).as("one secret per line, blank lines ignored").containsExactly(SECRET, OTHER_SECRET);
    }

    /** Issue 12.3: a file secret with a comma became two secrets, and the one-character fragment was accepted. */
    @Test
    void aFileSecretContainingACommaIsOneSecret() throws IOException {
        String withComma = "Jq8#kR2mZ!pLw7$Vt,x-and-enough-bytes-after-it";
        Path file = dir.resolve("github-secret-with-comma");
        Files.writeString(file, withComma + "\n", StandardCharsets.UTF_8);
        WebhookSpec spec = spec(R + "paths", "/hooks", R + "webhook", "github", R + "secrets", "file:" + file);
        assertThat(spec.secrets()).as("the whole line, comma included").containsExactly(withComma);
    }

    @ParameterizedTest
    @ValueSource(strings = {"github", "stripe", "slack"})
    void aSecretShorterThan32BytesNamesTheSecretsKey(String scheme) {
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "webhook", scheme, R + "secrets", "x");
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "webhook", scheme,
                R + "secrets", SECRET + "," + "a".repeat(31));
    }

    @Test
    void aShortSecretInAFileNamesTheSecretsKey() throws IOException {
        Path file = dir.resolve("short-secrets");
        Files.writeString(file, SECRET + "\nx\n", StandardCharsets.UTF_8);
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "webhook", "github", R + "secrets", "file:" + file);
    }

    /** Issue 12.3: inline secrets are split on commas; a fragment under 32 bytes fails instead of being accepted. */
    @Test
    void anInlineSecretContainingACommaFailsOnItsShortFragment() {
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "webhook", "github",
                R + "secrets", "Jq8#kR2mZ!pLw7$Vt-and-enough-bytes-before-it,x");
    }

    @Test
    void aStandardWebhooksKeyShorterThan24BytesNamesTheSecretsKey() {
        String key23 = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[23]);
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "webhook", "standard-webhooks", R + "secrets", key23);
    }

    @Test
    void theErrorForAShortSecretDoesNotRepeatTheSecret() {
        String secret = "short-secret-do-not-echo";
        assertThatThrownBy(() -> Gatecheck.create(load(R + "paths", "/hooks", R + "webhook", "github",
                R + "secrets", SECRET + "," + secret)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).as("message").doesNotContain(secret)
                        .doesNotContain(SECRET).contains("secret 2 of 2").contains("32 bytes"));
    }

    @Test
    void anUnreadableFileSecretNamesTheSecretsKey() {
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "webhook", "github",
                R + "secrets", "file:" + dir.resolve("does-not-exist"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"30s, PT30S", "10m, PT10M", "1h, PT1H", "PT2M, PT2M", "1500ms, PT1.5S"})
    void theToleranceLoads(String value, Duration expected) {
        assertThat(spec(R + "paths", "/hooks", R + "webhook", "slack", R + "secrets", SECRET, R + "tolerance", value)
                .tolerance()).as("tolerance %s", value).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1} bytes")
    @CsvSource({"64KiB, 65536", "1MiB, 1048576", "256KiB, 262144", "2048, 2048", "2048B, 2048", "10KB, 10000",
            "1MB, 1000000", "64MiB, 67108864", "1, 1"})
    void maxBodySizesLoad(String value, long expected) {
        WebhookSpec spec = spec(R + "paths", "/hooks", R + "webhook", "github", R + "secrets", SECRET, R + "max-body", value);
        assertThat(spec.maxBody()).as("max-body %s", value).isEqualTo(expected);
    }

    @Test
    void propertiesWithWebhookKeysLoad() {
        Properties p = new Properties();
        p.putAll(keys(R + "paths", "/hooks/*", R + "webhook", "github", R + "secrets", SECRET, R + "max-body", "64KiB"));
        GatecheckConfig config = GatecheckConfig.fromProperties(p);
        assertThat(route(config, "hooks").webhook()).as("webhook spec from properties").get()
                .extracting(WebhookSpec::maxBody).isEqualTo(65536L);
    }

    @Test
    void environmentVariablesWithWebhookKeysLoad() {
        Map<String, String> env = new HashMap<>();
        env.put("GATECHECK_JWT_ISSUER", "https://issuer.test");
        env.put("GATECHECK_JWT_AUDIENCES", "api");
        env.put("GATECHECK_JWT_ALGORITHMS", "HS256");
        env.put("GATECHECK_JWT_HMAC_SECRET", "a 32-byte-or-longer test HMAC secret for tokens");
        env.put("GATECHECK_ROUTES_HOOKS_PATHS", "/hooks/*");
        env.put("GATECHECK_ROUTES_HOOKS_WEBHOOK", "stripe");
        env.put("GATECHECK_ROUTES_HOOKS_SECRETS", SECRET + "," + OTHER_SECRET);
        env.put("GATECHECK_ROUTES_HOOKS_TOLERANCE", "2m");
        env.put("GATECHECK_ROUTES_HOOKS_MAX_BODY", "64KiB");
        WebhookSpec spec = route(GatecheckConfig.fromEnvironment(env), "hooks").webhook().orElseThrow();
        assertThat(spec).as("webhook spec from the environment")
                .isEqualTo(new WebhookSpec("stripe", List.of(SECRET, OTHER_SECRET), Duration.ofMinutes(2), 65536));
    }

    // bodyLimit

    @Test
    void bodyLimitAnswersEachWebhookRoutesOwnLimitAndNothingElsewhere() {
        Gatecheck gatecheck = Gatecheck.create(load(
                "gatecheck.routes.gh.paths", "/hooks/github", "gatecheck.routes.gh.webhook", "github",
                "gatecheck.routes.gh.secrets", SECRET, "gatecheck.routes.gh.max-body", "64KiB",
                "gatecheck.routes.slack.paths", "/hooks/slack", "gatecheck.routes.slack.webhook", "slack",
                "gatecheck.routes.slack.secrets", OTHER_SECRET,
                "gatecheck.routes.health.paths", "/health", "gatecheck.routes.health.auth", "public",
                "gatecheck.routes.api.paths", "/api/*", "gatecheck.routes.api.auth", "token"));
        assertThat(gatecheck.exchange(AuthRequest.builder("POST", "/hooks/github").build()).bodyLimit())
                .as("/hooks/github max-body 64KiB").isEqualTo(OptionalLong.of(65536));
        assertThat(gatecheck.exchange(AuthRequest.builder("POST", "/hooks/slack").build()).bodyLimit())
                .as("/hooks/slack default 1MiB").isEqualTo(OptionalLong.of(1 << 20));
        for (String path : List.of("/health", "/api/things", "/elsewhere")) {
            assertThat(gatecheck.exchange(AuthRequest.builder("POST", path).build()).bodyLimit())
                    .as("%s is no webhook route", path).isEmpty();
        }
    }

    @Test
    void bodyLimitHonoursTheRouteMethods() {
        Gatecheck gatecheck = Gatecheck.create(load(R + "paths", "/hooks", R + "methods", "POST", R + "webhook", "github",
                R + "secrets", SECRET));
        assertThat(gatecheck.exchange(AuthRequest.builder("POST", "/hooks").build()).bodyLimit()).as("POST").isPresent();
        assertThat(gatecheck.exchange(AuthRequest.builder("PUT", "/hooks").build()).bodyLimit())
                .as("PUT is not covered by the webhook route").isEmpty();
    }

    // Errors name the key

    @ParameterizedTest
    @ValueSource(strings = {"gitlab", "shopify", "GitHub", "github ,stripe", "hmac"})
    void anUnknownSchemeNamesTheWebhookKey(String scheme) {
        failsNaming(R + "webhook", R + "paths", "/hooks", R + "webhook", scheme, R + "secrets", SECRET);
    }

    @Test
    void aWebhookRouteWithoutSecretsNamesTheSecretsKey() {
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "webhook", "github");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", " , "})
    void aWebhookRouteWithEmptySecretsNamesTheSecretsKey(String secrets) {
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "webhook", "github", R + "secrets", secrets);
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_not base64!", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS*", "whsec_", "whsec_====",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw,whsec_%%%"})
    void aStandardWebhooksSecretThatIsNotBase64NamesTheSecretsKey(String secrets) {
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "webhook", "standard-webhooks", R + "secrets", secrets);
    }

    @Test
    void theErrorForABadSecretDoesNotRepeatTheSecret() {
        String secret = "whsec_this-is-secret-and-not-base64";
        assertThatThrownBy(() -> Gatecheck.create(load(R + "paths", "/hooks", R + "webhook", "standard-webhooks",
                R + "secrets", secret)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).as("message").doesNotContain("this-is-secret"));
    }

    @ParameterizedTest(name = "{0}={1} on an auth={2} route")
    @CsvSource({"webhook, github, token", "secrets, a-webhook-secret-of-at-least-32-bytes, token", "tolerance, 5m, token", "max-body, 64KiB, token",
            "secrets, x, public", "max-body, 1MiB, gateway-or-token", "tolerance, 1m, deny"})
    void webhookKeysOnANonWebhookRouteNameTheKey(String suffix, String value, String auth) {
        Map<String, String> extra = new HashMap<>(Map.of(R + "paths", "/hooks", R + "auth", auth, R + suffix, value));
        if (auth.startsWith("gateway")) {
            extra.put("gatecheck.gateway.marker", "shared-secret");
            extra.put("gatecheck.gateway.shared-secret.header", "X-Gateway-Secret");
            extra.put("gatecheck.gateway.shared-secret.values", "a-long-enough-gateway-shared-secret");
        }
        failsNaming(R + suffix, extra.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new));
    }

    @Test
    void webhookKeysOnARouteOfTheDefaultModeNameTheKey() {
        failsNaming(R + "secrets", R + "paths", "/hooks", R + "secrets", SECRET);
    }

    @Test
    void authWebhookWithoutASchemeNamesTheWebhookKey() {
        failsNaming(R + "webhook", R + "paths", "/hooks", R + "auth", "webhook", R + "secrets", SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5 minutes", "-5m", "0s", "PT0S", "0ms"})
    void aBadToleranceNamesTheToleranceKey(String tolerance) {
        failsNaming(R + "tolerance", R + "paths", "/hooks", R + "webhook", "slack", R + "secrets", SECRET,
                R + "tolerance", tolerance);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "1GB", "0", "65MiB", "1 MiB", "-1", "99999999999999999999", "1TiB"})
    void aBadMaxBodyNamesTheMaxBodyKey(String maxBody) {
        failsNaming(R + "max-body", R + "paths", "/hooks", R + "webhook", "github", R + "secrets", SECRET,
                R + "max-body", maxBody);
    }

    /** A webhook identity has no roles, scopes or claims to check: such requirements would be silently skipped. */
    @ParameterizedTest
    @CsvSource({"roles, admin", "scopes, hooks:write", "claims, org=acme"})
    void requirementsOnAWebhookRouteNameTheKey(String suffix, String value) {
        failsNaming(R + suffix, R + "paths", "/hooks", R + "webhook", "github", R + "secrets", SECRET, R + suffix, value);
    }

    @Test
    void gatecheckModeCannotBeWebhook() {
        failsNaming("gatecheck.mode", "gatecheck.mode", "webhook");
    }
}
