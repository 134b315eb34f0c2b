package dev.gatecheck.jaxrs;

import static dev.gatecheck.jaxrs.WebhookResources.GITHUB_MAX_BODY;
import static dev.gatecheck.jaxrs.WebhookResources.GITHUB_PREVIOUS_SECRET;
import static dev.gatecheck.jaxrs.WebhookResources.GITHUB_SECRET;
import static dev.gatecheck.jaxrs.WebhookResources.RUNS;
import static dev.gatecheck.jaxrs.WebhookResources.SEEN_USER_HEADER;
import static dev.gatecheck.jaxrs.WebhookResources.SLACK_SECRET;
import static dev.gatecheck.jaxrs.WebhookResources.STANDARD_SECRET;
import static dev.gatecheck.jaxrs.WebhookResources.STRIPE_SECRET;
import static dev.gatecheck.jaxrs.WebhookResources.sha256;
import static dev.gatecheck.jaxrs.WebhookSender.now;
import static dev.gatecheck.jaxrs.WebhookSender.plus;
import static dev.gatecheck.jaxrs.WebhookSender.utf8;
import static dev.gatecheck.jaxrs.WebhookSender.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.jaxrs.Http.Reply;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Webhook routes through the JAX-RS adapter, over real HTTP against each JAX-RS implementation on Jetty 12
 * (ee10): the filter reads the entity once (at most the route's limit + 1 bytes), core verifies the signature
 * over those exact bytes, and the resource method reads the same bytes afterwards, as a stream, a
 * {@code byte[]}, a {@code String}, a form entity or {@code @FormParam}s. {@link WebhookResources} holds the
 * receivers (under {@code /app/hooks}) and their routes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaxrsWebhookScenarios {
    private static final String BAD_SIGNATURE = "{\"error\":\"invalid_signature\",\"detail\":\"bad_signature\"}";
    private static final String STALE = "{\"error\":\"invalid_signature\",\"detail\":\"stale_timestamp\"}";
    private static final String REPLAYED = "{\"error\":\"invalid_signature\",\"detail\":\"replayed\"}";
    private static final String MISSING_HEADER = "{\"error\":\"invalid_signature\",\"detail\":\"missing_header\"}";
    private static final String TOO_LARGE = "{\"error\":\"payload_too_large\",\"detail\":\"body larger than "
            + GITHUB_MAX_BODY + " bytes\"}";
    /** Ten minutes: twice the default tolerance (5 min). */
    private static final long TEN_MINUTES = 600;

    private AppServer server;
    private int port;
    private Http http;

    /** The implementation's servlet serving {@code application} under {@code /app<prefix>/*}. */
    protected abstract ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix);

    @BeforeAll
    void startServer() throws Exception {
        server = new AppServer();
        server.context().addServlet(jaxrsServlet(WebhookResources.App.class, "/hooks"), "/hooks/*");
        port = server.start().port();
        http = new Http(server.uri("/hooks"));
    }

    @AfterAll
    void stopServer() throws Exception {
        server.stop();
    }

    private static void assertRejected(Reply reply, int status, String body) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body()).isEqualTo(body);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(reply.header("Cache-Control")).contains("no-store");
    }

    private static String echo(byte[] body, String caller) {
        return "{\"received_bytes\":" + body.length + ",\"sha256\":\"" + sha256(body) + "\",\"caller\":\"" + caller
                + "\"}";
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * A JSON body with multi-byte characters, CR LF and trailing blanks (anything re-encoded would show), unique
     * so that schemes without a delivery id (Stripe, Slack) never see two equal deliveries in one second.
     */
    private static byte[] json() {
        return utf8("{\"zen\":\"Keep it logically awesome.\",\r\n \"greeting\":\"Gr\u00fc\u00dfe \u2603 \ud83d\ude80\","
                + "\"id\":\"" + UUID.randomUUID() + "\",\"n\":1.0e0}  \n");
    }

    // A valid delivery: the resource reads the verified bytes

    @Test
    void aGithubDeliveryReachesTheResourceWithTheExactBytesItWasSignedOver() {
        byte[] body = json();

        Reply reply = http.post("/webhooks/github", body, WebhookSender.github(GITHUB_SECRET, body));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(echo(body, "github:github"));
        assertThat(reply.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void theResourceMayReadTheBodyAsAString() {
        byte[] body = json();

        Reply reply = http.post("/webhooks/github/text", body, WebhookSender.github(GITHUB_SECRET, body));

        assertThat(reply.body()).isEqualTo(echo(body, "github:github"));
    }

    @Test
    void aBinaryBodyOfExactlyTheLimitIsAcceptedWhole() {
        byte[] body = random(GITHUB_MAX_BODY);

        Reply reply = http.post("/webhooks/github", body, WebhookSender.github(GITHUB_SECRET, body));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(echo(body, "github:github"));
    }

    @Test
    void anEmptySignedBodyIsAcceptedAsEmpty() {
        byte[] body = new byte[0];

        Reply reply = http.post("/webhooks/github", body, WebhookSender.github(GITHUB_SECRET, body));

        assertThat(reply.body()).isEqualTo(echo(body, "github:github"));
    }

    @Test
    void stripeAndStandardWebhooksDeliveriesAreAccepted() {
        byte[] body = json();

        assertThat(http.post("/webhooks/stripe", body, WebhookSender.stripe(STRIPE_SECRET, body, now())).body())
                .isEqualTo(echo(body, "stripe:stripe"));
        assertThat(http.post("/webhooks/standard", body, WebhookSender.standardWebhooks(STANDARD_SECRET, body, now(),
                "msg_" + UUID.randomUUID())).body()).isEqualTo(echo(body, "standard-webhooks:standard"));
    }

    @Test
    void theSecretBeingRotatedOutIsStillAccepted() {
        byte[] body = json();

        Reply reply = http.post("/webhooks/github", body, WebhookSender.github(GITHUB_PREVIOUS_SECRET, body));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(echo(body, "github:github"));
    }

    // Form-encoded bodies (Slack): verified over the raw bytes, still a form for the resource

    /** A Slack slash command, unique by its {@code trigger_id} (Slack has no delivery id, see {@link #json}). */
    private static byte[] form(String trigger) {
        return utf8("token=x&text=hello+w%C3%B6rld%21&tag=a&tag=b%26c&command=%2Fdeploy&trigger_id=" + trigger);
    }

    private static byte[] form() {
        return form(UUID.randomUUID().toString());
    }

    @Test
    void aSlackFormBodyIsVerifiedAndTheResourceReadsItsExactBytes() {
        byte[] form = form();

        Reply reply = http.post("/webhooks/slack?channel=c1", form, WebhookSender.slack(SLACK_SECRET, form, now()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(echo(form, "slack:slack"));
    }

    @Test
    void aSlackFormBodyIsStillAFormEntity() {
        String trigger = UUID.randomUUID().toString();
        byte[] form = form(trigger);

        Reply reply = http.post("/webhooks/slack/form?channel=c1", form,
                WebhookSender.slack(SLACK_SECRET, form, now()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("""
                caller=slack:slack
                command=[/deploy]
                tag=[a, b&c]
                text=[hello w\u00f6rld!]
                token=[x]
                trigger_id=[%s]
                """.formatted(trigger));
    }

    @Test
    void aSlackFormBodyStillFillsFormParams() {
        byte[] form = form();

        Reply reply = http.post("/webhooks/slack/params?text=from-the-query", form,
                WebhookSender.slack(SLACK_SECRET, form, now()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("caller=slack:slack\ntag=[a, b&c]\ntext=hello w\u00f6rld!\n");
    }

    @Test
    void aTamperedFormBodyNeverReachesTheFormParams() {
        byte[] form = form();
        List<String> signed = WebhookSender.slack(SLACK_SECRET, form, now());
        byte[] tampered = utf8(new String(form, StandardCharsets.UTF_8).replace("tag=a", "tag=z"));
        int before = RUNS.get();

        assertRejected(http.post("/webhooks/slack/params", tampered, signed), 401, BAD_SIGNATURE);
        assertThat(RUNS.get()).isEqualTo(before);
    }

    // Refused deliveries

    @Test
    void aBitFlippedBodyIsRejectedBeforeTheResourceRuns() {
        byte[] body = json();
        List<String> signed = WebhookSender.github(GITHUB_SECRET, body);
        body[5] ^= 0x01;
        int before = RUNS.get();

        Reply reply = http.post("/webhooks/github", body, signed);

        assertRejected(reply, 401, BAD_SIGNATURE);
        assertThat(RUNS.get()).isEqualTo(before);
    }

    @Test
    void aBitFlippedBodyIsRejectedByEveryScheme() {
        byte[] body = json();
        byte[] flipped = body.clone();
        flipped[flipped.length - 3] ^= 0x40;

        assertRejected(http.post("/webhooks/slack", flipped, WebhookSender.slack(SLACK_SECRET, body, now())), 401,
                BAD_SIGNATURE);
        assertRejected(http.post("/webhooks/stripe", flipped, WebhookSender.stripe(STRIPE_SECRET, body, now())), 401,
                BAD_SIGNATURE);
        assertRejected(http.post("/webhooks/standard", flipped, WebhookSender.standardWebhooks(STANDARD_SECRET, body,
                now(), "msg_" + UUID.randomUUID())), 401, BAD_SIGNATURE);
    }

    @Test
    void aWrongSecretIsRejected() {
        byte[] body = json();

        assertRejected(http.post("/webhooks/github", body, WebhookSender.github(GITHUB_SECRET + "x", body)), 401,
                BAD_SIGNATURE);
        byte[] form = form();
        assertRejected(http.post("/webhooks/slack", form, WebhookSender.slack(SLACK_SECRET + "x", form, now())), 401,
                BAD_SIGNATURE);
        assertRejected(http.post("/webhooks/stripe", body, WebhookSender.stripe(STRIPE_SECRET + "x", body, now())),
                401, BAD_SIGNATURE);
        assertRejected(http.post("/webhooks/standard", body, WebhookSender.standardWebhooks(
                "whsec_" + Base64.getEncoder().encodeToString(random(24)), body, now(), "msg_1")), 401,
                BAD_SIGNATURE);
    }

    @Test
    void aSecretOfAnotherRouteIsRejected() {
        byte[] body = json();

        assertRejected(http.post("/webhooks/github", body, WebhookSender.github(SLACK_SECRET, body)), 401,
                BAD_SIGNATURE);
    }

    @Test
    void aTimestampTenMinutesOldIsStale() {
        byte[] body = json();
        long old = now() - TEN_MINUTES;

        byte[] form = form();
        assertRejected(http.post("/webhooks/slack", form, WebhookSender.slack(SLACK_SECRET, form, old)), 401, STALE);
        assertRejected(http.post("/webhooks/stripe", body, WebhookSender.stripe(STRIPE_SECRET, body, old)), 401, STALE);
        assertRejected(http.post("/webhooks/standard", body, WebhookSender.standardWebhooks(STANDARD_SECRET, body, old,
                "msg_" + UUID.randomUUID())), 401, STALE);
    }

    @Test
    void aTimestampTenMinutesAheadIsStale() {
        byte[] body = json();
        long ahead = now() + TEN_MINUTES;

        byte[] form = form();
        assertRejected(http.post("/webhooks/slack", form, WebhookSender.slack(SLACK_SECRET, form, ahead)), 401, STALE);
        assertRejected(http.post("/webhooks/stripe", body, WebhookSender.stripe(STRIPE_SECRET, body, ahead)), 401,
                STALE);
        assertRejected(http.post("/webhooks/standard", body, WebhookSender.standardWebhooks(STANDARD_SECRET, body,
                ahead, "msg_" + UUID.randomUUID())), 401, STALE);
    }

    @Test
    void aReplayedGithubDeliveryIsRejected() {
        byte[] body = json();
        List<String> delivery = WebhookSender.github(GITHUB_SECRET, body, UUID.randomUUID().toString());

        assertThat(http.post("/webhooks/github", body, delivery).status()).isEqualTo(200);
        int before = RUNS.get();
        assertRejected(http.post("/webhooks/github", body, delivery), 401, REPLAYED);
        assertThat(RUNS.get()).isEqualTo(before);
    }

    @Test
    void aReplayedDeliveryIsRejectedByEveryTimestampedScheme() {
        byte[] body = json();
        List<String> standard = WebhookSender.standardWebhooks(STANDARD_SECRET, body, now(), "msg_" + UUID.randomUUID());
        List<String> stripe = WebhookSender.stripe(STRIPE_SECRET, body, now());
        byte[] form = form();
        List<String> slack = WebhookSender.slack(SLACK_SECRET, form, now());

        assertThat(http.post("/webhooks/standard", body, standard).status()).isEqualTo(200);
        assertRejected(http.post("/webhooks/standard", body, standard), 401, REPLAYED);
        assertThat(http.post("/webhooks/stripe", body, stripe).status()).isEqualTo(200);
        assertRejected(http.post("/webhooks/stripe", body, stripe), 401, REPLAYED);
        assertThat(http.post("/webhooks/slack", form, slack).status()).isEqualTo(200);
        assertRejected(http.post("/webhooks/slack", form, slack), 401, REPLAYED);
    }

    @Test
    void aMissingSignatureHeaderIsRejected() {
        byte[] body = json();

        assertRejected(http.post("/webhooks/github", body,
                without(WebhookSender.github(GITHUB_SECRET, body), "X-Hub-Signature-256")), 401, MISSING_HEADER);
        byte[] form = form();
        assertRejected(http.post("/webhooks/slack", form,
                without(WebhookSender.slack(SLACK_SECRET, form, now()), "X-Slack-Request-Timestamp")), 401,
                MISSING_HEADER);
        assertRejected(http.post("/webhooks/stripe", body,
                without(WebhookSender.stripe(STRIPE_SECRET, body, now()), "Stripe-Signature")), 401, MISSING_HEADER);
        assertRejected(http.post("/webhooks/standard", body, without(WebhookSender.standardWebhooks(STANDARD_SECRET,
                body, now(), "msg_" + UUID.randomUUID()), "webhook-id")), 401, MISSING_HEADER);
    }

    @Test
    void aBearerTokenIsNoSubstituteForTheSignature() {
        byte[] body = json();
        int before = RUNS.get();

        assertRejected(http.post("/webhooks/github", body, List.of("Authorization",
                "Bearer " + Fixture.token("alice", "\"roles\":[\"admin\"]"), "Content-Type", "application/json")),
                401, MISSING_HEADER);
        assertThat(RUNS.get()).isEqualTo(before);
    }

    // Identity

    @Test
    void clientIdentityHeadersAreNeverVisibleOnAWebhookRoute() {
        byte[] body = json();
        List<String> headers = plus(WebhookSender.github(GITHUB_SECRET, body), "X-User-ID", "admin",
                "X-User-Roles", "admin", "x-user-id", "root");

        Reply reply = http.post("/webhooks/github", body, headers);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(echo(body, "github:github"));
        assertThat(reply.header(SEEN_USER_HEADER)).contains("[github:github]");
    }

    @Test
    void clientIdentityHeadersNeverReachAFormResourceEither() {
        byte[] form = form();

        Reply reply = http.post("/webhooks/slack/form", form,
                plus(WebhookSender.slack(SLACK_SECRET, form, now()), "X-User-ID", "admin"));

        assertThat(reply.body()).startsWith("caller=slack:slack\n");
        assertThat(reply.header(SEEN_USER_HEADER)).contains("[slack:slack]");
    }

    // Body size

    @Test
    void aBodyOneByteOverTheLimitIs413() {
        byte[] body = random(GITHUB_MAX_BODY + 1);
        int before = RUNS.get();

        assertRejected(http.post("/webhooks/github", body, WebhookSender.github(GITHUB_SECRET, body)), 413, TOO_LARGE);
        assertThat(RUNS.get()).isEqualTo(before);
    }

    @Test
    void aDeliveryWithinTheLimitSentAfter100ContinueIsVerified() throws Exception {
        byte[] body = random(GITHUB_MAX_BODY);

        RawHttp.Sent sent = RawHttp.postExpectingContinue(port, "/app/hooks/webhooks/github", body,
                WebhookSender.github(GITHUB_SECRET, body));

        assertThat(sent.bodySent()).as("reading the body asks the client for it").isTrue();
        assertThat(sent.reply().status()).isEqualTo(200);
        assertThat(sent.reply().body()).isEqualTo(echo(body, "github:github"));
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSentAndTheConnectionCloses() throws Exception {
        byte[] body = random(GITHUB_MAX_BODY * 64);
        int before = RUNS.get();

        RawHttp.Sent sent = RawHttp.postExpectingContinue(port, "/app/hooks/webhooks/github", body,
                WebhookSender.github(GITHUB_SECRET, body));

        assertThat(sent.bodySent()).as("answered from Content-Length alone: the client was never asked for the body")
                .isFalse();
        assertThat(sent.reply().status()).isEqualTo(413);
        assertThat(sent.reply().body()).isEqualTo(TOO_LARGE);
        // The body was never read, so the connection cannot carry another request: the client must be told.
        assertThat(sent.reply().header("Connection")).contains("close");
        assertThat(RUNS.get()).isEqualTo(before);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aHugeDeclaredBodyIsAnswered413WithoutWaitingForIt() throws Exception {
        // Declares 1 GiB, sends at most 1 MiB of it, then keeps the connection open: an adapter that read the
        // body to its end (into memory or not) would never answer; one that stops at the limit answers at once.
        RawHttp.Reply reply = postWithoutEnd("Content-Length: " + (1L << 30));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).isEqualTo(TOO_LARGE);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anEndlessChunkedBodyIsAnswered413WithoutWaitingForIt() throws Exception {
        RawHttp.Reply reply = postWithoutEnd("Transfer-Encoding: chunked");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).isEqualTo(TOO_LARGE);
    }

    // Other routes

    @Test
    void aTokenRouteBesideTheWebhooksKeepsItsWholeBody() {
        byte[] body = random(GITHUB_MAX_BODY * 8);

        Reply reply = http.post("/webhooks/other", body, List.of("Authorization", "Bearer " + Fixture.token("alice", ""),
                "Content-Type", "application/octet-stream"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(echo(body, "alice"));
    }

    @Test
    void aRefusedRequestOnATokenRouteIsAnsweredBeforeItsBodyIsSent() throws Exception {
        byte[] body = random(GITHUB_MAX_BODY * 8);

        RawHttp.Sent sent = RawHttp.postExpectingContinue(port, "/app/hooks/webhooks/other", body,
                List.of("Content-Type", "application/octet-stream"));

        assertThat(sent.reply().status()).isEqualTo(401);
        assertThat(sent.bodySent()).as("the body of a refused request is never read, so never asked for").isFalse();
    }

    @Test
    void aSignedDeliveryToATokenRouteNeedsAToken() {
        byte[] body = json();

        Reply reply = http.post("/webhooks/other", body, WebhookSender.github(GITHUB_SECRET, body));

        assertRejected(reply, 401, "{\"error\":\"missing_authorization_header\",\"detail\":\"no_bearer_token\"}");
    }

    /**
     * A signed-looking GitHub delivery whose body never ends: {@code framing} declares it, a writer thread sends
     * at most 1 MiB of it and then waits with the connection open. Answers what the server said.
     */
    private RawHttp.Reply postWithoutEnd(String framing) throws Exception {
        boolean chunked = framing.toLowerCase(Locale.ROOT).contains("chunked");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /app/hooks/webhooks/github HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\nX-GitHub-Delivery: " + UUID.randomUUID() + "\r\n"
                    + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n" + framing + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                byte[] piece = new byte[16 * 1024];
                try {
                    for (int i = 0; i < 64; i++) {
                        if (chunked) {
                            out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(piece);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        out.flush();
                    }
                } catch (IOException closedByServer) {
                    // The server answered and closed: expected.
                }
            }, "endless-body-writer");
            writer.setDaemon(true);
            writer.start();
            return RawHttp.read(socket.getInputStream());
        }
    }
}
