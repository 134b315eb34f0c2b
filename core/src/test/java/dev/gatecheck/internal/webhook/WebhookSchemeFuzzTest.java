package dev.gatecheck.internal.webhook;

import static dev.gatecheck.testing.Bytes.concat;
import static dev.gatecheck.testing.Bytes.hex;
import static dev.gatecheck.testing.Bytes.hmacSha256;
import static dev.gatecheck.testing.Bytes.utf8;
import static dev.gatecheck.testing.FuzzInput.latin1;
import static dev.gatecheck.testing.FuzzInput.preview;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.testing.FuzzInput;
import dev.gatecheck.testing.GatewayFixtures;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fuzzes each webhook scheme's signature check over arbitrary header values and bodies, with the provider's own
 * published example secret and time, so the seeds include real, valid deliveries. A delivery is refused with a
 * documented reason, or accepted only when the provider's verification, written here from its documentation (signed
 * text as UTF-8), accepts it too. The input is header lines ({@code Name: value}), an empty line, the body.
 * Seeds: {@code src/test/resources/dev/gatecheck/webhook/WebhookSchemeFuzzTestInputs}.
 */
class WebhookSchemeFuzzTest {
    private static final long TOLERANCE = 300;
    /** The reasons of {@link WebhookResult.Invalid}; {@code too_many_signatures} is the cap on signature lists. */
    private static final Set<String> REFUSALS = Set.of("bad_signature", "stale_timestamp", "missing_header",
            "too_many_signatures");

    /** A scheme configured with one secret, checked at one time. */
    private record Provider(String scheme, String secret, long now) {
        WebhookResult verify(FuzzInput.Message message) {
            WebhookScheme verifier = WebhookScheme.named(scheme);
            AuthRequest request = GatewayFixtures.containerRequest("POST", "/hook", null, "203.0.113.9",
                    message.headers());
            return verifier.verify(request, message.body(), verifier.keys(List.of(secret)), now, TOLERANCE);
        }
    }

    /** docs.github.com, "Validating webhook deliveries". */
    private static final Provider GITHUB = new Provider("github", "It's a Secret to Everybody", 1_700_000_000L);
    /** The Standard Webhooks specification's example. */
    private static final Provider STANDARD = new Provider("standard-webhooks",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 1_614_265_330L);
    /** docs.stripe.com, "Verify manually" (Stripe publishes no vector: the seeds are signed by its construction). */
    private static final Provider STRIPE = new Provider("stripe", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            1_492_774_577L);
    /** api.slack.com, "Verifying requests from Slack". */
    private static final Provider SLACK = new Provider("slack", "8f742231b10e8888abcd99yyyzzz85a5", 1_531_420_618L);

    @FuzzTest
    void githubAcceptsOnlyTheBodysMac(byte[] data) {
        FuzzInput.Message message = FuzzInput.message(data);
        if (accepted(GITHUB, message, data)) {
            List<String> signatures = values(message, "X-Hub-Signature-256");
            assertThat(signatures).as("X-Hub-Signature-256 of %s", preview(latin1(data))).hasSize(1);
            String expected = "sha256=" + hex(hmacSha256(utf8(GITHUB.secret), message.body()));
            assertThat(signatures.get(0).trim()).as("GitHub's signature over the body of %s", preview(latin1(data)))
                    .isEqualToIgnoringCase(expected);
        }
    }

    @FuzzTest
    void standardWebhooksAcceptsOnlyTheMacOfIdTimestampAndBody(byte[] data) {
        FuzzInput.Message message = FuzzInput.message(data);
        if (accepted(STANDARD, message, data)) {
            String id = single(message, "webhook-id", data);
            String timestamp = single(message, "webhook-timestamp", data);
            assertFresh(timestamp, STANDARD.now, data);
            byte[] key = Base64.getDecoder().decode(STANDARD.secret.substring("whsec_".length()));
            byte[] expected = hmacSha256(key, concat(utf8(id + "." + timestamp + "."), message.body()));
            boolean signed = Arrays.stream(single(message, "webhook-signature", data).split(" "))
                    .filter(entry -> entry.startsWith("v1,")).anyMatch(entry -> Arrays.equals(expected, base64(entry)));
            assertThat(signed).as("a v1 signature over id, timestamp and body in %s", preview(latin1(data))).isTrue();
        }
    }

    @FuzzTest
    void stripeAcceptsOnlyTheMacOfTimestampAndBody(byte[] data) {
        FuzzInput.Message message = FuzzInput.message(data);
        if (accepted(STRIPE, message, data)) {
            // key=value items, spaces around either ignored; v0 (test mode) is no signature.
            List<String[]> items = Arrays.stream(single(message, "Stripe-Signature", data).split(","))
                    .map(item -> item.split("=", 2)).filter(pair -> pair.length == 2)
                    .map(pair -> new String[] {pair[0].trim(), pair[1].trim()}).toList();
            boolean signed = items.stream().filter(t -> t[0].equals("t") && fresh(t[1], STRIPE.now)).anyMatch(t -> {
                String expected = hex(hmacSha256(utf8(STRIPE.secret), concat(utf8(t[1] + "."), message.body())));
                return items.stream().anyMatch(v1 -> v1[0].equals("v1") && v1[1].equalsIgnoreCase(expected));
            });
            assertThat(signed).as("a fresh t= and its v1= in %s", preview(latin1(data))).isTrue();
        }
    }

    @FuzzTest
    void slackAcceptsOnlyTheMacOfVersionTimestampAndBody(byte[] data) {
        FuzzInput.Message message = FuzzInput.message(data);
        if (accepted(SLACK, message, data)) {
            String timestamp = single(message, "X-Slack-Request-Timestamp", data);
            assertFresh(timestamp, SLACK.now, data);
            String expected = "v0=" + hex(hmacSha256(utf8(SLACK.secret), concat(utf8("v0:" + timestamp + ":"),
                    message.body())));
            assertThat(single(message, "X-Slack-Signature", data)).as("Slack's signature in %s", preview(latin1(data)))
                    .isEqualToIgnoringCase(expected);
        }
    }

    /** The corpus reaches the accept path: the providers' examples and their valid variants are accepted. */
    @ParameterizedTest(name = "{0} {2}")
    @CsvSource({
            "github, githubAcceptsOnlyTheBodysMac, documented-example",
            "github, githubAcceptsOnlyTheBodysMac, json-body",
            "github, githubAcceptsOnlyTheBodysMac, binary-body",
            "standard-webhooks, standardWebhooksAcceptsOnlyTheMacOfIdTimestampAndBody, specification-example",
            "standard-webhooks, standardWebhooksAcceptsOnlyTheMacOfIdTimestampAndBody, several-signatures",
            "standard-webhooks, standardWebhooksAcceptsOnlyTheMacOfIdTimestampAndBody, within-tolerance",
            "stripe, stripeAcceptsOnlyTheMacOfTimestampAndBody, documented-construction",
            "stripe, stripeAcceptsOnlyTheMacOfTimestampAndBody, two-v1",
            "stripe, stripeAcceptsOnlyTheMacOfTimestampAndBody, v1-first",
            "slack, slackAcceptsOnlyTheMacOfVersionTimestampAndBody, documented-example",
            "slack, slackAcceptsOnlyTheMacOfVersionTimestampAndBody, within-tolerance"
    })
    void validSeedsAreAccepted(String scheme, String method, String seed) {
        Provider provider = Stream.of(GITHUB, STANDARD, STRIPE, SLACK).filter(p -> p.scheme.equals(scheme))
                .findFirst().orElseThrow();
        WebhookResult result = provider.verify(FuzzInput.message(FuzzInput.seed(WebhookSchemeFuzzTest.class, method,
                seed)));
        assertThat(result).as("%s seed %s", scheme, seed).isInstanceOf(WebhookResult.Valid.class);
    }

    /** True when the scheme accepts the delivery; a refusal must give a documented reason. */
    private static boolean accepted(Provider provider, FuzzInput.Message message, byte[] data) {
        WebhookResult result = provider.verify(message);
        if (result instanceof WebhookResult.Invalid invalid) {
            assertThat(invalid.reason()).as("%s refusal of %s", provider.scheme, preview(latin1(data))).isIn(REFUSALS);
            return false;
        }
        assertThat(((WebhookResult.Valid) result).replayKey()).as("replay key of %s", preview(latin1(data)))
                .isNotBlank();
        return true;
    }

    private static List<String> values(FuzzInput.Message message, String name) {
        return message.headers().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(h -> h.getValue())
                .toList();
    }

    private static String single(FuzzInput.Message message, String name, byte[] data) {
        List<String> values = values(message, name);
        assertThat(values).as("%s of accepted %s", name, preview(latin1(data))).hasSize(1);
        return values.get(0).trim();
    }

    private static void assertFresh(String timestamp, long now, byte[] data) {
        assertThat(fresh(timestamp, now)).as("timestamp %s of accepted %s", timestamp, preview(latin1(data))).isTrue();
    }

    private static boolean fresh(String timestamp, long now) {
        return timestamp.matches("[0-9]{1,18}") && Math.abs(Long.parseLong(timestamp) - now) <= TOLERANCE;
    }

    private static byte[] base64(String entry) {
        try {
            return Base64.getDecoder().decode(entry.substring(3));
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }
}
