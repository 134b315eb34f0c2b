package dev.gatecheck.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook settings built programmatically are checked as strictly as configured ones, at construction. */
class WebhookSpecTest {

    @Test
    void defaultsAreFiveMinutesAndOneMebibyte() {
        WebhookSpec spec = WebhookSpec.of("github", "s3cret");
        assertThat(spec.tolerance()).as("tolerance").isEqualTo(Duration.ofMinutes(5));
        assertThat(spec.maxBody()).as("max-body").isEqualTo(1 << 20);
    }

    @Test
    void toStringNeverShowsTheSecrets() {
        assertThat(WebhookSpec.of("stripe", "whsec_do_not_log_me", "whsec_nor_me").toString())
                .as("toString").doesNotContain("do_not_log_me").doesNotContain("nor_me").contains("2 secret(s)");
    }

    @Test
    void secretsAreCopied() {
        List<String> secrets = new java.util.ArrayList<>(List.of("a"));
        WebhookSpec spec = new WebhookSpec("github", secrets, Duration.ofMinutes(5), 1024);
        secrets.add("b");
        assertThat(spec.secrets()).as("a later change to the caller's list").containsExactly("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gitlab", "GITHUB", "", "standard_webhooks"})
    void anUnknownSchemeIsRefused(String scheme) {
        assertThatIllegalArgumentException().as("scheme '%s'", scheme).isThrownBy(() -> WebhookSpec.of(scheme, "x"));
    }

    @Test
    void atLeastOneSecretIsRequired() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSpec.of("github"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"github", "stripe", "slack"})
    void anEmptySecretIsRefused(String scheme) {
        assertThatIllegalArgumentException().as("%s with an empty secret among valid ones", scheme)
                .isThrownBy(() -> WebhookSpec.of(scheme, "good", ""));
        assertThatIllegalArgumentException().as("%s with a blank secret", scheme)
                .isThrownBy(() -> WebhookSpec.of(scheme, "  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_", "whsec_not base64", "whsec_***", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwX", ""})
    void aStandardWebhooksSecretMustBeBase64OfAKey(String secret) {
        assertThatIllegalArgumentException().as("standard-webhooks secret '%s'", secret)
                .isThrownBy(() -> WebhookSpec.of("standard-webhooks", secret));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
    void aStandardWebhooksSecretIsBase64WithOrWithoutItsPrefix(String secret) {
        assertThat(WebhookSpec.of("standard-webhooks", secret).secrets()).as("accepted").containsExactly(secret);
    }

    @Test
    void stripeSecretsAreNotBase64Decoded() {
        assertThat(WebhookSpec.of("stripe", "whsec_not*base64*at*all").secrets()).as("any non-empty string")
                .containsExactly("whsec_not*base64*at*all");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 64L * 1024 * 1024 + 1})
    void maxBodyIsBetweenOneByteAnd64MiB(long maxBody) {
        assertThatIllegalArgumentException().as("max-body %d", maxBody)
                .isThrownBy(() -> new WebhookSpec("github", List.of("x"), Duration.ofMinutes(5), maxBody));
    }

    @Test
    void theToleranceIsPositive() {
        assertThatIllegalArgumentException().as("zero")
                .isThrownBy(() -> new WebhookSpec("github", List.of("x"), Duration.ZERO, 1024));
        assertThatIllegalArgumentException().as("negative")
                .isThrownBy(() -> new WebhookSpec("github", List.of("x"), Duration.ofSeconds(-1), 1024));
    }

    @Test
    void aWebhookRouteCannotCarryRequirementsItWouldNeverCheck() {
        Requirements roles = new Requirements(Set.of("admin"), Set.of(), Map.of());
        assertThatIllegalArgumentException().as("roles on a webhook route")
                .isThrownBy(() -> new Route("hooks", List.of("/hooks"), Set.of(), AuthMode.WEBHOOK, roles,
                        Optional.of(WebhookSpec.of("github", "x"))));
    }

    @Test
    void webhookSettingsAndTheWebhookModeGoTogether() {
        assertThatIllegalArgumentException().as("auth=webhook without settings")
                .isThrownBy(() -> new Route("hooks", List.of("/hooks"), Set.of(), AuthMode.WEBHOOK, Requirements.NONE));
        assertThatIllegalArgumentException().as("settings on a token route")
                .isThrownBy(() -> new Route("hooks", List.of("/hooks"), Set.of(), AuthMode.TOKEN, Requirements.NONE,
                        Optional.of(WebhookSpec.of("github", "x"))));
        assertThat(Route.webhook("hooks", List.of("/hooks"), WebhookSpec.of("github", "x")).mode())
                .as("Route.webhook").isEqualTo(AuthMode.WEBHOOK);
    }
}
