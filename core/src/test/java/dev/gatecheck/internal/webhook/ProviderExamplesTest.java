package dev.gatecheck.internal.webhook;

import static dev.gatecheck.internal.webhook.WebhookEngine.allowed;
import static dev.gatecheck.internal.webhook.WebhookEngine.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import dev.gatecheck.testing.Bytes;
import dev.gatecheck.testing.Delivery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The providers' own published examples, verified through the whole engine. Where a provider publishes no test
 * vector (Stripe), the expected value is computed here from the provider's documented construction.
 */
class ProviderExamplesTest {

    private static Gatecheck engine(String scheme, String secret, long nowEpochSecond) {
        return Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer("https://issuer.test").audiences("api").algorithms("HS256")
                        .hmacSecret(Bytes.utf8("a 32-byte-or-longer test HMAC secret for tokens")))
                .clock(Clock.fixed(Instant.ofEpochSecond(nowEpochSecond), ZoneOffset.UTC))
                .route(Route.webhook("example", List.of("/hook"), WebhookSpec.of(scheme, secret)))
                .build());
    }

    /**
     * docs.github.com, "Validating webhook deliveries", "Testing the webhook payload validation". Its secret has 26
     * bytes, fewer than a route accepts (32), so the example is verified by the scheme itself.
     */
    @Test
    void githubDocumentationExampleVerifies() {
        String secret = "It's a Secret to Everybody";
        String payload = "Hello, World!";
        String published = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat("sha256=" + Bytes.hex(Bytes.hmacSha256(Bytes.utf8(secret), Bytes.utf8(payload))))
                .as("the test's own HMAC agrees with GitHub's published signature").isEqualTo(published);

        AuthRequest request = AuthRequest.builder("POST", "/hook")
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .header("X-Hub-Signature-256", published)
                .body(Bytes.utf8(payload)).build();
        assertThat(github(request, secret)).as("GitHub's documented example").isInstanceOf(WebhookResult.Valid.class);
    }

    @Test
    void githubDocumentationExampleWithAnotherPayloadIsRefused() {
        AuthRequest request = AuthRequest.builder("POST", "/hook")
                .header("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
                .body(Bytes.utf8("Hello, World?")).build();
        assertThat(github(request, "It's a Secret to Everybody")).as("GitHub's example signature over another payload")
                .isEqualTo(WebhookResult.Invalid.BAD_SIGNATURE);
    }

    private static WebhookResult github(AuthRequest request, String secret) {
        WebhookScheme scheme = WebhookScheme.named("github");
        return scheme.verify(request, request.body().orElseThrow(), scheme.keys(List.of(secret)), 1_700_000_000L, 300);
    }

    /** The Standard Webhooks specification's example (also Svix's documentation example). */
    @Test
    void standardWebhooksSpecificationExampleVerifies() {
        AuthRequest request = standardWebhooksExample();
        Gatecheck gatecheck = engine("standard-webhooks", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 1614265330L);
        allowed(gatecheck.authenticate(request), "the Standard Webhooks / Svix example at its own timestamp");
    }

    /** The reference libraries also take the secret without its {@code whsec_} prefix. */
    @Test
    void standardWebhooksSpecificationExampleVerifiesWithTheUnprefixedSecret() {
        Gatecheck gatecheck = engine("standard-webhooks", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 1614265330L);
        allowed(gatecheck.authenticate(standardWebhooksExample()), "the example with the bare base64 secret");
    }

    @Test
    void standardWebhooksSpecificationExampleIsStaleSixMinutesLater() {
        Gatecheck gatecheck = engine("standard-webhooks", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 1614265330L + 301);
        refused(gatecheck.authenticate(standardWebhooksExample()), "stale_timestamp",
                "the example's timestamp is signed and honoured");
    }

    private static AuthRequest standardWebhooksExample() {
        return AuthRequest.builder("POST", "/hook")
                .header("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
                .header("webhook-timestamp", "1614265330")
                .header("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
                .body(Bytes.utf8("{\"test\": 2432232314}")).build();
    }

    /**
     * api.slack.com, "Verifying requests from Slack": the slash-command example (signing secret
     * {@code 8f742231b10e8888abcd99yyyzzz85a5}), a form-encoded body verified byte for byte.
     */
    @Test
    void slackDocumentationExampleVerifies() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        String published = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        assertThat("v0=" + Bytes.hex(Bytes.hmacSha256(Bytes.utf8(secret), Bytes.utf8("v0:1531420618:" + body))))
                .as("the test's own HMAC agrees with Slack's published signature").isEqualTo(published);

        AuthRequest request = AuthRequest.builder("POST", "/hook")
                .header("X-Slack-Request-Timestamp", "1531420618")
                .header("X-Slack-Signature", published)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(Bytes.utf8(body)).build();
        allowed(engine("slack", secret, 1531420618L).authenticate(request), "Slack's documented example");
    }

    /**
     * Stripe publishes no secret/payload/signature triple; this follows docs.stripe.com "Verify manually" and
     * stripe-java's {@code Webhook.Signature}: {@code HMAC-SHA256(key = whole whsec_ string, t + "." + body)}.
     */
    @Test
    void stripeDocumentedConstructionVerifies() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\n  \"id\": \"evt_1NG8Du2eZvKYlo2CUI79vXWy\",\n  \"object\": \"event\"\n}";
        long t = 1492774577L;
        String v1 = Bytes.hex(Bytes.hmacSha256(Bytes.utf8(secret), Bytes.utf8(t + "." + body)));
        AuthRequest request = AuthRequest.builder("POST", "/hook")
                .header("Stripe-Signature", "t=" + t + ",v1=" + v1
                        + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39")
                .body(Bytes.utf8(body)).build();
        allowed(engine("stripe", secret, t).authenticate(request), "Stripe's documented construction");
    }

    /** Unlike Standard Webhooks, Stripe does not base64-decode the part after {@code whsec_}. */
    @Test
    void stripeKeyIsTheWholeSecretStringNotItsBase64Decoding() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"id\":\"evt_1\"}";
        long t = 1492774577L;
        byte[] decoded = java.util.Base64.getDecoder().decode(secret.substring(6));
        String v1 = Bytes.hex(Bytes.hmacSha256(decoded, Bytes.utf8(t + "." + body)));
        AuthRequest request = AuthRequest.builder("POST", "/hook")
                .header("Stripe-Signature", "t=" + t + ",v1=" + v1).body(Bytes.utf8(body)).build();
        refused(engine("stripe", secret, t).authenticate(request), "bad_signature",
                "a Stripe signature made with the base64-decoded key");
    }
}
