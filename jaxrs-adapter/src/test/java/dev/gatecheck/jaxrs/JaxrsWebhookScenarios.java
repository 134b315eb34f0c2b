package dev.gatecheck.jaxrs;

import static dev.gatecheck.jaxrs.WebhookResources.GITHUB_MAX_BODY;
import static dev.gatecheck.jaxrs.WebhookResources.GITHUB_PREVIOUS_SECRET;
import static dev.gatecheck.jaxrs.WebhookResources.GITHUB_SECRET;
import static dev.gatecheck.jaxrs.WebhookResources.RUNS;
import static dev.gatecheck.jaxrs.WebhookResources.SEEN_USER_HEADER;
import static dev.gatecheck.jaxrs.WebhookResources.SLACK_SECRET;
import static dev.gatecheck.jaxrs.WebhookResources.STANDARD_SECRET;
import static dev.gatecheck.jaxrs.WebhookResources.STRIPE_SECRET;
import static dev.gatecheck.testing.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.servlet.ServletContainer;
import dev.gatecheck.testing.Bytes;
import dev.gatecheck.testing.Delivery;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.Http.Reply;
import dev.gatecheck.testing.WebhookSender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Webhook routes through the JAX-RS adapter, over real HTTP against each JAX-RS implementation in a servlet
 * container: the filter reads the entity once (at most the route's limit + 1 bytes), core verifies the signature
 * over those exact bytes, and the resource method reads the same bytes afterwards, as a stream, a
 * {@code byte[]}, a {@code String}, a form entity or {@code @FormParam}s; every scheme's refusals; bodies that are
 * too large or never end. {@link WebhookResources} holds the receivers (under {@code /app/hooks}) and their routes.
 * What every adapter does on a webhook route is the shared table ({@link dev.gatecheck.testing.AdapterScenarios}).
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

    private final JaxrsRuntime runtime;
    private final ServletContainer container;
    private ServletContainer.Deployment deployment;
    private Http.Target http;
    /** The same receivers without Gatecheck, for what the runtime itself makes of a request. */
    private Http.Target withoutGatecheck;

    /** The suite on {@code runtime}, in {@code container}. */
    JaxrsWebhookScenarios(JaxrsRuntime runtime, ServletContainer container) {
        this.runtime = runtime;
        this.container = container;
    }

    @BeforeAll
    void startServer() throws Exception {
        deployment = container.deploy((classes, context) -> {
            runtime.serve(context, WebhookResources.App.class, "/hooks");
            runtime.serve(context, WebhookResources.WithoutGatecheckApp.class, "/without-gatecheck");
        });
        http = Http.at(deployment.uri("/hooks"));
        withoutGatecheck = Http.at(deployment.uri("/without-gatecheck"));
    }

    @AfterAll
    void stopServer() {
        deployment.close();
    }

    private static void assertRejected(Reply reply, int status, String body) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body()).isEqualTo(body);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(reply.header("Cache-Control")).contains("no-store");
    }

    private Reply post(String path, byte[] body, Delivery signed) {
        return http.post(path, body, signed.headerPairs());
    }

    private Reply post(String path, byte[] body, String... headers) {
        return http.post(path, body, headers);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String echo(byte[] body, String caller) {
        return "{\"received_bytes\":" + body.length + ",\"sha256\":\"" + Bytes.sha256Hex(body) + "\",\"caller\":\"" + caller
                + "\"}";
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
    void theResourceMayReadTheBodyAsAString() {
        byte[] body = json();

        Reply reply = post("/webhooks/github/text", body, WebhookSender.github(GITHUB_SECRET, body));

        assertThat(reply.body()).isEqualTo(echo(body, "github:github"));
    }

    @Test
    void stripeAndStandardWebhooksDeliveriesAreAccepted() {
        byte[] body = json();

        assertThat(post("/webhooks/stripe", body, WebhookSender.stripe(STRIPE_SECRET, body, now())).body())
                .isEqualTo(echo(body, "stripe:stripe"));
        assertThat(post("/webhooks/standard", body, WebhookSender.standardWebhooks(STANDARD_SECRET, body, now(),
                "msg_" + UUID.randomUUID())).body()).isEqualTo(echo(body, "standard-webhooks:standard"));
    }

    @Test
    void theSecretBeingRotatedOutIsStillAccepted() {
        byte[] body = json();

        Reply reply = post("/webhooks/github", body, WebhookSender.github(GITHUB_PREVIOUS_SECRET, body));

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

        Reply reply = post("/webhooks/slack?channel=c1", form, WebhookSender.slack(SLACK_SECRET, form, now()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(echo(form, "slack:slack"));
    }

    /**
     * What the runtime makes of {@code form} posted to {@code path} without Gatecheck, as the signed caller would see
     * it: the form receivers' answer. How the runtime decodes the form is its own business (Jersey 4.0 in Jetty 12.1
     * ee11 decodes UTF-8 as ISO-8859-1, with or without Gatecheck); Gatecheck must change nothing of it.
     */
    private String formWithoutGatecheck(String path, byte[] form) {
        Reply reply = withoutGatecheck.post(path, form, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(reply.status()).as("the runtime without Gatecheck").isEqualTo(200);
        assertThat(reply.body()).startsWith("caller=none\n").contains("tag=[a, b&c]");
        return reply.body().replace("caller=none\n", "caller=slack:slack\n");
    }

    @Test
    void aSlackFormBodyIsStillAFormEntity() {
        String trigger = UUID.randomUUID().toString();
        byte[] form = form(trigger);

        Reply reply = post("/webhooks/slack/form?channel=c1", form,
                WebhookSender.slack(SLACK_SECRET, form, now()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("trigger_id=[" + trigger + "]")
                .isEqualTo(formWithoutGatecheck("/webhooks/slack/form?channel=c1", form));
    }

    @Test
    void aSlackFormBodyStillFillsFormParams() {
        byte[] form = form();

        Reply reply = post("/webhooks/slack/params?text=from-the-query", form,
                WebhookSender.slack(SLACK_SECRET, form, now()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).as("the form, not the query, fills @FormParam").doesNotContain("from-the-query")
                .isEqualTo(formWithoutGatecheck("/webhooks/slack/params?text=from-the-query", form));
    }

    @Test
    void aTamperedFormBodyNeverReachesTheFormParams() {
        byte[] form = form();
        Delivery signed = WebhookSender.slack(SLACK_SECRET, form, now());
        byte[] tampered = utf8(new String(form, StandardCharsets.UTF_8).replace("tag=a", "tag=z"));
        int before = RUNS.get();

        assertRejected(post("/webhooks/slack/params", tampered, signed), 401, BAD_SIGNATURE);
        assertThat(RUNS.get()).isEqualTo(before);
    }

    // Refused deliveries

    @Test
    void aBitFlippedBodyIsRejectedByEveryScheme() {
        byte[] body = json();
        byte[] flipped = body.clone();
        flipped[flipped.length - 3] ^= 0x40;

        assertRejected(post("/webhooks/slack", flipped, WebhookSender.slack(SLACK_SECRET, body, now())), 401,
                BAD_SIGNATURE);
        assertRejected(post("/webhooks/stripe", flipped, WebhookSender.stripe(STRIPE_SECRET, body, now())), 401,
                BAD_SIGNATURE);
        assertRejected(post("/webhooks/standard", flipped, WebhookSender.standardWebhooks(STANDARD_SECRET, body,
                now(), "msg_" + UUID.randomUUID())), 401, BAD_SIGNATURE);
    }

    @Test
    void aWrongSecretIsRejected() {
        byte[] body = json();

        assertRejected(post("/webhooks/github", body, WebhookSender.github(GITHUB_SECRET + "x", body)), 401,
                BAD_SIGNATURE);
        byte[] form = form();
        assertRejected(post("/webhooks/slack", form, WebhookSender.slack(SLACK_SECRET + "x", form, now())), 401,
                BAD_SIGNATURE);
        assertRejected(post("/webhooks/stripe", body, WebhookSender.stripe(STRIPE_SECRET + "x", body, now())),
                401, BAD_SIGNATURE);
        assertRejected(post("/webhooks/standard", body, WebhookSender.standardWebhooks(
                "whsec_" + Bytes.base64(Bytes.random(24)), body, now(), "msg_1")), 401,
                BAD_SIGNATURE);
    }

    @Test
    void aSecretOfAnotherRouteIsRejected() {
        byte[] body = json();

        assertRejected(post("/webhooks/github", body, WebhookSender.github(SLACK_SECRET, body)), 401,
                BAD_SIGNATURE);
    }

    @Test
    void aTimestampTenMinutesOldIsStale() {
        byte[] body = json();
        long old = now() - TEN_MINUTES;

        byte[] form = form();
        assertRejected(post("/webhooks/slack", form, WebhookSender.slack(SLACK_SECRET, form, old)), 401, STALE);
        assertRejected(post("/webhooks/stripe", body, WebhookSender.stripe(STRIPE_SECRET, body, old)), 401, STALE);
        assertRejected(post("/webhooks/standard", body, WebhookSender.standardWebhooks(STANDARD_SECRET, body, old,
                "msg_" + UUID.randomUUID())), 401, STALE);
    }

    @Test
    void aTimestampTenMinutesAheadIsStale() {
        byte[] body = json();
        long ahead = now() + TEN_MINUTES;

        byte[] form = form();
        assertRejected(post("/webhooks/slack", form, WebhookSender.slack(SLACK_SECRET, form, ahead)), 401, STALE);
        assertRejected(post("/webhooks/stripe", body, WebhookSender.stripe(STRIPE_SECRET, body, ahead)), 401,
                STALE);
        assertRejected(post("/webhooks/standard", body, WebhookSender.standardWebhooks(STANDARD_SECRET, body,
                ahead, "msg_" + UUID.randomUUID())), 401, STALE);
    }

    @Test
    void aReplayedGithubDeliveryIsRejected() {
        byte[] body = json();
        Delivery delivery = WebhookSender.github(GITHUB_SECRET, body, UUID.randomUUID().toString());

        assertThat(post("/webhooks/github", body, delivery).status()).isEqualTo(200);
        int before = RUNS.get();
        assertRejected(post("/webhooks/github", body, delivery), 401, REPLAYED);
        assertThat(RUNS.get()).isEqualTo(before);
    }

    @Test
    void aReplayedDeliveryIsRejectedByEveryTimestampedScheme() {
        byte[] body = json();
        Delivery standard = WebhookSender.standardWebhooks(STANDARD_SECRET, body, now(), "msg_" + UUID.randomUUID());
        Delivery stripe = WebhookSender.stripe(STRIPE_SECRET, body, now());
        byte[] form = form();
        Delivery slack = WebhookSender.slack(SLACK_SECRET, form, now());

        assertThat(post("/webhooks/standard", body, standard).status()).isEqualTo(200);
        assertRejected(post("/webhooks/standard", body, standard), 401, REPLAYED);
        assertThat(post("/webhooks/stripe", body, stripe).status()).isEqualTo(200);
        assertRejected(post("/webhooks/stripe", body, stripe), 401, REPLAYED);
        assertThat(post("/webhooks/slack", form, slack).status()).isEqualTo(200);
        assertRejected(post("/webhooks/slack", form, slack), 401, REPLAYED);
    }

    @Test
    void aMissingSignatureHeaderIsRejected() {
        byte[] body = json();

        assertRejected(post("/webhooks/github", body,
                WebhookSender.github(GITHUB_SECRET, body).without("X-Hub-Signature-256")), 401, MISSING_HEADER);
        byte[] form = form();
        assertRejected(post("/webhooks/slack", form,
                WebhookSender.slack(SLACK_SECRET, form, now()).without("X-Slack-Request-Timestamp")), 401,
                MISSING_HEADER);
        assertRejected(post("/webhooks/stripe", body,
                WebhookSender.stripe(STRIPE_SECRET, body, now()).without("Stripe-Signature")), 401, MISSING_HEADER);
        assertRejected(post("/webhooks/standard", body, WebhookSender.standardWebhooks(STANDARD_SECRET,
                body, now(), "msg_" + UUID.randomUUID()).without("webhook-id")), 401, MISSING_HEADER);
    }

    // Identity

    @Test
    void clientIdentityHeadersNeverReachAFormResourceEither() {
        byte[] form = form();

        Reply reply = post("/webhooks/slack/form", form,
                WebhookSender.slack(SLACK_SECRET, form, now()).adding("X-User-ID", "admin"));

        assertThat(reply.body()).startsWith("caller=slack:slack\n");
        assertThat(reply.header(SEEN_USER_HEADER)).contains("[slack:slack]");
    }

    // Body size

    @Test
    void aDeliveryWithinTheLimitSentAfter100ContinueIsVerified() throws Exception {
        byte[] body = Bytes.random(GITHUB_MAX_BODY);

        Http.Sent sent = Http.postExpectingContinue(deployment.uri("/hooks/webhooks/github"), body,
                WebhookSender.github(GITHUB_SECRET, body).headerPairs());

        assertThat(sent.bodySent()).as("reading the body asks the client for it").isTrue();
        assertThat(sent.reply().status()).isEqualTo(200);
        assertThat(sent.reply().body()).isEqualTo(echo(body, "github:github"));
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeTheBodyIsSentAndTheConnectionCloses() throws Exception {
        byte[] body = Bytes.random(GITHUB_MAX_BODY * 64);
        int before = RUNS.get();

        Http.Sent sent = Http.postExpectingContinue(deployment.uri("/hooks/webhooks/github"), body,
                WebhookSender.github(GITHUB_SECRET, body).headerPairs());

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
        Http.Reply reply = postWithoutEnd("Content-Length: " + (1L << 30));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).isEqualTo(TOO_LARGE);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anEndlessChunkedBodyIsAnswered413WithoutWaitingForIt() throws Exception {
        Http.Reply reply = postWithoutEnd("Transfer-Encoding: chunked");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).isEqualTo(TOO_LARGE);
    }

    // Other routes

    @Test
    void aRefusedRequestOnATokenRouteIsAnsweredBeforeItsBodyIsSent() throws Exception {
        byte[] body = Bytes.random(GITHUB_MAX_BODY * 8);

        Http.Sent sent = Http.postExpectingContinue(deployment.uri("/hooks/webhooks/other"), body,
                "Content-Type", "application/octet-stream");

        assertThat(sent.reply().status()).isEqualTo(401);
        assertThat(sent.bodySent()).as("the body of a refused request is never read, so never asked for").isFalse();
    }

    /**
     * A signed-looking GitHub delivery whose body never ends: {@code framing} declares it, a writer thread sends
     * at most 1 MiB of it and then waits with the connection open. Answers what the server said.
     */
    private Http.Reply postWithoutEnd(String framing) throws Exception {
        boolean chunked = framing.toLowerCase(Locale.ROOT).contains("chunked");
        try (Socket socket = new Socket("127.0.0.1", deployment.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /app/hooks/webhooks/github HTTP/1.1\r\nHost: 127.0.0.1:" + deployment.port() + "\r\n"
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
            return Http.read(socket.getInputStream(), false);
        }
    }
}
