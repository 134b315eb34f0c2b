package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import dev.gatecheck.testing.Bytes;
import dev.gatecheck.testing.Delivery;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.WebhookSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The webhook body protocol through the filter, where containers differ: when the body is asked for
 * ({@code Expect: 100-continue}), and a form body still readable as parameters. {@code /hooks/github} is
 * GitHub-signed (at most 1 KiB), {@code /hooks/slack} Slack-signed. What every adapter does on a webhook route is
 * the shared table ({@link dev.gatecheck.testing.AdapterScenarios}). Each container runs these through a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookScenarios {
    private static final int MAX_BODY = 1024;

    private final ServletContainer container;
    private final TestIssuer issuer = new TestIssuer();
    private final String githubSecret = Bytes.base64(Bytes.random(32));
    private final String slackSecret = Bytes.base64(Bytes.random(32));
    private TestApplication app;
    private ServletContainer.Deployment deployment;

    WebhookScenarios(ServletContainer container) {
        this.container = container;
    }

    @BeforeAll
    void deploy() throws Exception {
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(TestIssuer.ISSUER).audiences(TestIssuer.AUDIENCE).jwks(issuer.jwks()))
                .route(Route.webhook("github", List.of("/hooks/github"),
                        new WebhookSpec("github", List.of(githubSecret), Duration.ofMinutes(5), MAX_BODY)))
                .route(Route.webhook("slack", List.of("/hooks/slack"), WebhookSpec.of("slack", slackSecret)))
                .build());
        app = TestApplication.guardedBy(new GatecheckFilter(gatecheck));
        deployment = container.deploy(app);
    }

    @AfterAll
    void undeploy() {
        deployment.close();
    }

    @Test
    void refusesADeclaredLengthOverTheRouteLimitWith413WithoutReadingTheBody() throws Exception {
        Delivery delivery = WebhookSender.github(githubSecret, Bytes.random(MAX_BODY * 64));
        int before = app.servletRuns();

        Http.Sent sent = Http.postExpectingContinue(deployment.uri("/hooks/github"), delivery.body(),
                delivery.headerPairs());

        assertThat(sent.status()).isEqualTo(413);
        assertThat(sent.body()).contains("\"error\":\"payload_too_large\"");
        assertThat(app.servletRuns()).isEqualTo(before);
        assertThat(sent.bodySent()).as("asked for the body (whether %s asks before the application reads it)",
                container.getClass().getSimpleName())
                .isEqualTo(container.asksForTheBodyBeforeItIsRead());
    }

    @Test
    void verifiesADeliverySentAfter100Continue() throws Exception {
        Delivery delivery = WebhookSender.github(githubSecret, Bytes.random(MAX_BODY));

        Http.Sent sent = Http.postExpectingContinue(deployment.uri("/hooks/github"), delivery.body(),
                delivery.headerPairs());

        assertThat(sent.bodySent()).isTrue();
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("principal: github:github");
    }

    @Test
    void keepsFormEncodedBodyReadableAsParameters() {
        byte[] body = "text=hello+w%C3%B6rld&tag=a&tag=b".getBytes(StandardCharsets.US_ASCII);
        Delivery delivery = WebhookSender.slack(slackSecret, body, Instant.now().getEpochSecond());

        Http.Reply reply = Http.post(deployment.uri("/hooks/slack?channel=c1"), body, delivery.headerPairs());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("param-text", "hello w\u00f6rld")
                .containsEntry("param-tag", "a|b")
                .containsEntry("param-channel", "c1")
                .containsEntry("body-sha256", Bytes.sha256Hex(body));
    }
}
