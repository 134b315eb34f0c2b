package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Webhook routes through the filter: the body is read once, verified by Gatecheck, and handed to the
 * application unchanged. {@code /hooks/github} is GitHub-signed (at most 1 KiB), {@code /hooks/slack}
 * Slack-signed; other {@code /hooks/*} paths need a token. Each container runs these through a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookScenarios {
    private static final int MAX_BODY = 1024;

    private final ServletContainer container;
    private final TestIssuer issuer = new TestIssuer();
    private final String githubSecret = secret();
    private final String slackSecret = secret();
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
    void acceptsGithubDeliveryWithValidSignature() {
        byte[] body = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);

        Http.Reply reply = Http.post(deployment.uri("/hooks/github"), body, github(body));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("principal", "github:github").containsEntry("auth-type", "WEBHOOK");
    }

    @Test
    void handsTheApplicationTheExactBytesThatWereVerified() {
        byte[] body = random(MAX_BODY);

        Http.Reply reply = Http.post(deployment.uri("/hooks/github"), body, github(body));

        assertThat(reply.report()).containsEntry("body-bytes", Integer.toString(MAX_BODY))
                .containsEntry("body-sha256", TestApplication.sha256(body));
    }

    @Test
    void rejectsDeliveryWhoseBodyWasChanged() {
        byte[] body = random(200);
        String[] signed = github(body);
        body[17] ^= 1;
        int before = app.servletRuns();

        Http.Reply reply = Http.post(deployment.uri("/hooks/github"), body, signed);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).contains("\"error\":\"invalid_signature\"");
        assertThat(app.servletRuns()).isEqualTo(before);
    }

    @Test
    void rejectsBodyOverTheRouteLimitWith413() {
        byte[] body = random(MAX_BODY + 1);

        Http.Reply reply = Http.post(deployment.uri("/hooks/github"), body, github(body));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).contains("\"error\":\"payload_too_large\"");
    }

    @Test
    void refusesADeclaredLengthOverTheRouteLimitWith413WithoutReadingTheBody() throws Exception {
        byte[] body = random(MAX_BODY * 64);
        int before = app.servletRuns();

        Http.Sent sent = Http.postExpectingContinue(deployment.uri("/hooks/github"), body, github(body));

        assertThat(sent.status()).isEqualTo(413);
        assertThat(sent.body()).contains("\"error\":\"payload_too_large\"");
        assertThat(app.servletRuns()).isEqualTo(before);
        assertThat(sent.bodySent()).as("asked for the body (whether %s asks before the application reads it)",
                container.getClass().getSimpleName())
                .isEqualTo(container.asksForTheBodyBeforeItIsRead());
    }

    @Test
    void verifiesADeliverySentAfter100Continue() throws Exception {
        byte[] body = random(MAX_BODY);

        Http.Sent sent = Http.postExpectingContinue(deployment.uri("/hooks/github"), body, github(body));

        assertThat(sent.bodySent()).isTrue();
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("principal: github:github");
    }

    @Test
    void keepsFormEncodedBodyReadableAsParameters() {
        byte[] body = "text=hello+w%C3%B6rld&tag=a&tag=b".getBytes(StandardCharsets.US_ASCII);

        Http.Reply reply = Http.post(deployment.uri("/hooks/slack?channel=c1"), body, slack(body));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.report()).containsEntry("param-text", "hello w\u00f6rld")
                .containsEntry("param-tag", "a|b")
                .containsEntry("param-channel", "c1")
                .containsEntry("body-sha256", TestApplication.sha256(body));
    }

    @Test
    void showsTheWebhookIdentityInsteadOfClientIdentityHeaders() {
        byte[] body = random(64);
        String[] headers = concat(github(body), "X-User-ID", "admin");

        assertThat(Http.post(deployment.uri("/hooks/github"), body, headers).report())
                .containsEntry("x-user-id", "github:github");
    }

    @Test
    void leavesTheBodyOfOtherRoutesToTheApplication() {
        byte[] body = random(5000);

        Http.Reply reply = Http.post(deployment.uri("/hooks/other"), body,
                "Authorization", "Bearer " + issuer.token("alice", ""));

        assertThat(reply.report()).containsEntry("principal", "alice")
                .containsEntry("body-sha256", TestApplication.sha256(body));
    }

    private String[] github(byte[] body) {
        return new String[] {"X-Hub-Signature-256", "sha256=" + hmacHex(githubSecret, body),
            "X-GitHub-Delivery", UUID.randomUUID().toString(), "Content-Type", "application/json"};
    }

    private String[] slack(byte[] body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        byte[] base = concat(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII), body);
        return new String[] {"X-Slack-Signature", "v0=" + hmacHex(slackSecret, base),
            "X-Slack-Request-Timestamp", timestamp, "Content-Type", "application/x-www-form-urlencoded"};
    }

    private static String hmacHex(String secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String secret() {
        return Base64.getEncoder().encodeToString(random(32));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String[] concat(String[] a, String... b) {
        String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
