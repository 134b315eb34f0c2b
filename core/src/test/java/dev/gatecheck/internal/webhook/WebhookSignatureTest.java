package dev.gatecheck.internal.webhook;

import static dev.gatecheck.internal.webhook.WebhookEngine.allowed;
import static dev.gatecheck.internal.webhook.WebhookEngine.refused;
import static dev.gatecheck.internal.webhook.WebhookEngine.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.testing.Bytes;
import dev.gatecheck.testing.Delivery;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.WebhookSender;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every scheme guarantees about the signature itself: exact body, known secrets, required headers. */
class WebhookSignatureTest {
    private static final long NOW = Instant.parse("2026-11-29T12:00:00Z").getEpochSecond();
    private static final byte[] BODY = Bytes.utf8("{\"event\":\"invoice.paid\",\"amount\":4200,\"note\":\"caf\u00e9\"}");

    private final MutableClock clock = MutableClock.at(Instant.ofEpochSecond(NOW));
    private final Gatecheck gatecheck = WebhookEngine.create(clock);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aDeliverySignedWithTheCurrentSecretIsAllowed(Sender sender) {
        allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "id-1")), sender + " signed correctly");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aDeliverySignedWithThePreviousSecretIsAllowedDuringRotation(Sender sender) {
        allowed(send(gatecheck, sender, sender.sign(sender.previousSecret, BODY, NOW, "id-1")),
                sender + " signed with the secret being rotated out");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aDeliverySignedWithAnUnknownSecretIsRefused(Sender sender) {
        refused(send(gatecheck, sender, sender.sign(sender.wrongSecret(), BODY, NOW, "id-1")), "bad_signature",
                sender + " signed with a secret the route does not know");
    }

    static Stream<Arguments> bitFlips() {
        return Stream.of(Sender.values()).flatMap(s -> Stream.of(
                Arguments.of(s, 0, 0), Arguments.of(s, BODY.length / 2, 3), Arguments.of(s, BODY.length - 1, 7)));
    }

    @ParameterizedTest(name = "{0}: byte {1} bit {2}")
    @MethodSource("bitFlips")
    void aBodyWithOneBitFlippedIsRefused(Sender sender, int byteIndex, int bit) {
        Delivery tampered = sender.sign(sender.secret, BODY, NOW, "id-1").withBitFlipped(byteIndex, bit);
        refused(send(gatecheck, sender, tampered), "bad_signature", sender + " body changed after signing");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aBodyWithATrailingNewlineAddedIsRefused(Sender sender) {
        Delivery tampered = sender.sign(sender.secret, BODY, NOW, "id-1").withBody(Bytes.concat(BODY, new byte[] {'\n'}));
        refused(send(gatecheck, sender, tampered), "bad_signature", sender + " verifies the exact bytes, not a parse");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void anEmptyBodyCanBeSignedAndVerified(Sender sender) {
        allowed(send(gatecheck, sender, sender.sign(sender.secret, new byte[0], NOW, "id-1")), sender + " empty body");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aBinaryBodyIsVerifiedAsBytes(Sender sender) {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i; // includes invalid UTF-8 sequences, which must not be decoded
        }
        allowed(send(gatecheck, sender, sender.sign(sender.secret, binary, NOW, "id-1")), sender + " binary body");
    }

    static Stream<Arguments> requiredHeaders() {
        return Stream.of(Sender.values()).flatMap(s -> s.requiredHeaders.stream().map(h -> Arguments.of(s, h)));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredHeaders")
    void aDeliveryWithoutARequiredHeaderIsRefusedAsMissingHeader(Sender sender, String header) {
        Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-1").without(header);
        refused(send(gatecheck, sender, delivery), "missing_header", sender + " without " + header);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aDeliveryWithoutAnyHeaderIsRefusedAsMissingHeader(Sender sender) {
        refused(send(gatecheck, sender, Delivery.of(BODY)), "missing_header", sender + " unsigned request");
    }

    @ParameterizedTest(name = "{0} with {1} in lower case")
    @MethodSource("requiredHeaders")
    void headerNamesMatchCaseInsensitively(Sender sender, String header) {
        Delivery signed = sender.sign(sender.secret, BODY, NOW, "id-1");
        Delivery renamed = signed.without(header).adding(header.toLowerCase(java.util.Locale.ROOT), signed.header(header));
        allowed(send(gatecheck, sender, renamed), sender + " header " + header + " sent in lower case");
    }

    /** Several lines of a signature header are ambiguous (which one was meant?): refused, whichever is valid. */
    @ParameterizedTest(name = "{0}: {1} twice")
    @MethodSource("requiredHeaders")
    void aRequiredHeaderSentTwiceIsRefusedEvenWhenOneLineIsValid(Sender sender, String header) {
        Delivery valid = sender.sign(sender.secret, BODY, NOW, "id-1");
        Delivery other = sender.sign(sender.secret, BODY, NOW + 1, "id-2");
        refused(send(gatecheck, sender, valid.adding(header, other.header(header))), null,
                sender + " " + header + " valid line followed by another line");
        refused(send(gatecheck, sender, valid.adding(header, valid.header(header))), null,
                sender + " " + header + " the same valid line twice");
    }

    @Test
    void githubVerifiesWithoutADeliveryIdHeader() {
        Delivery delivery = Sender.GITHUB.sign(Sender.GITHUB.secret, BODY, NOW, "unused").without("X-GitHub-Delivery");
        assertThat(allowed(send(gatecheck, Sender.GITHUB, delivery), "GitHub without X-GitHub-Delivery").claims())
                .as("no delivery id to report").doesNotContainKey("delivery_id");
    }

    /** An empty id names no delivery: two different deliveries with one are not one replayed delivery. */
    @ParameterizedTest(name = "X-GitHub-Delivery ''{0}''")
    @ValueSource(strings = {"", "  "})
    void githubTakesAnEmptyDeliveryIdForNone(String id) {
        for (String body : List.of("{\"n\":1}", "{\"n\":2}")) {
            Delivery delivery = Sender.GITHUB.sign(Sender.GITHUB.secret, Bytes.utf8(body), NOW, "unused")
                    .with("X-GitHub-Delivery", id);
            assertThat(allowed(send(gatecheck, Sender.GITHUB, delivery), "GitHub delivery " + body + " with an empty id")
                    .claims()).as("no delivery id to report for %s", body).doesNotContainKey("delivery_id");
        }
    }

    static Stream<Arguments> malformed() {
        String b64 = Bytes.base64(new byte[32]);
        String hex = "a".repeat(64);
        return Stream.of(
                // GitHub: X-Hub-Signature-256: sha256=<64 lowercase hex>
                Arguments.of(Sender.GITHUB, "X-Hub-Signature-256", "sha256=" + "z".repeat(64), "bad_signature", "non-hex digits"),
                Arguments.of(Sender.GITHUB, "X-Hub-Signature-256", "<valid hex>", "bad_signature", "no sha256= prefix"),
                Arguments.of(Sender.GITHUB, "X-Hub-Signature-256", "sha1=<valid hex>", "bad_signature", "sha1= prefix"),
                Arguments.of(Sender.GITHUB, "X-Hub-Signature-256", "SHA256=<valid hex>", "bad_signature", "prefix in upper case"),
                Arguments.of(Sender.GITHUB, "X-Hub-Signature-256", "sha256=<valid hex>00", "bad_signature", "too long"),
                Arguments.of(Sender.GITHUB, "X-Hub-Signature-256", "sha256=<truncated>", "bad_signature", "63 hex digits"),
                Arguments.of(Sender.GITHUB, "X-Hub-Signature-256", "sha256=", "bad_signature", "empty"),
                Arguments.of(Sender.GITHUB, "X-Hub-Signature-256", "sha256=" + b64, "bad_signature", "base64, not hex"),
                // Standard Webhooks: webhook-signature: v1,<base64> [v1,<base64>]...
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-signature", "v1,!!not*base64!!", "bad_signature", "bad base64"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-signature", "<valid base64>", "bad_signature", "no v1, prefix"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-signature", "v2,<valid base64>", "bad_signature", "unknown version"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-signature", "v1a,<valid base64>", "bad_signature", "asymmetric tag"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-signature", "v1=<valid base64>", "bad_signature", "= instead of ,"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-signature", "v1," + hex, "bad_signature", "hex, not base64"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-signature", "", "bad_signature", "empty"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-timestamp", "soon", "stale_timestamp", "not a number"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-timestamp", "-1", "stale_timestamp", "negative"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-timestamp", "<ms>", "stale_timestamp", "milliseconds"),
                Arguments.of(Sender.STANDARD_WEBHOOKS, "webhook-id", "", "missing_header", "empty id"),
                // Stripe: Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>][,v0=<hex>]
                Arguments.of(Sender.STRIPE, "Stripe-Signature", "t=<now>,v1=" + "z".repeat(64), "bad_signature", "non-hex v1"),
                Arguments.of(Sender.STRIPE, "Stripe-Signature", "t=<now>,v1=<truncated>", "bad_signature", "63 hex digits"),
                Arguments.of(Sender.STRIPE, "Stripe-Signature", "t=<now>,v1=" + b64, "bad_signature", "base64, not hex"),
                Arguments.of(Sender.STRIPE, "Stripe-Signature", "t=<now>,v0=<valid hex>", "missing_header", "v0 only"),
                Arguments.of(Sender.STRIPE, "Stripe-Signature", "t=<now>,v2=<valid hex>", "missing_header", "unknown version only"),
                Arguments.of(Sender.STRIPE, "Stripe-Signature", "v1=<valid hex>", "missing_header", "no t="),
                Arguments.of(Sender.STRIPE, "Stripe-Signature", "t=soon,v1=<valid hex>", "stale_timestamp", "t not a number"),
                Arguments.of(Sender.STRIPE, "Stripe-Signature", "<valid hex>", "missing_header", "bare hex"),
                Arguments.of(Sender.STRIPE, "Stripe-Signature", "", "missing_header", "empty"),
                // Slack: X-Slack-Signature: v0=<hex>, X-Slack-Request-Timestamp: <unix>
                Arguments.of(Sender.SLACK, "X-Slack-Signature", "v0=" + "z".repeat(64), "bad_signature", "non-hex digits"),
                Arguments.of(Sender.SLACK, "X-Slack-Signature", "<valid hex>", "bad_signature", "no v0= prefix"),
                Arguments.of(Sender.SLACK, "X-Slack-Signature", "v1=<valid hex>", "bad_signature", "unknown version"),
                Arguments.of(Sender.SLACK, "X-Slack-Signature", "v0=<truncated>", "bad_signature", "63 hex digits"),
                Arguments.of(Sender.SLACK, "X-Slack-Signature", "v0=" + b64, "bad_signature", "base64, not hex"),
                Arguments.of(Sender.SLACK, "X-Slack-Request-Timestamp", "soon", "stale_timestamp", "not a number"),
                Arguments.of(Sender.SLACK, "X-Slack-Request-Timestamp", "<ms>", "stale_timestamp", "milliseconds"));
    }

    /**
     * Placeholders in the table: {@code <valid hex>} / {@code <valid base64>} is the genuine signature of the
     * delivery, {@code <truncated>} that hex minus its last digit, {@code <now>} the current second,
     * {@code <ms>} the current time in milliseconds.
     */
    @ParameterizedTest(name = "{0} {1}: {4}")
    @MethodSource("malformed")
    void aMalformedHeaderIsRefused(Sender sender, String header, String template, String detail, String what) {
        Delivery signed = sender.sign(sender.secret, BODY, NOW, "id-1");
        String genuine = genuineSignature(sender, signed);
        String value = template.replace("<valid hex>", genuine).replace("<valid base64>", genuine)
                .replace("<truncated>", genuine.substring(0, genuine.length() - 1))
                .replace("<now>", Long.toString(NOW)).replace("<ms>", Long.toString(NOW * 1000));
        refused(send(gatecheck, sender, signed.with(header, value)), detail, sender + " " + header + " " + what);
    }

    /** The bare signature value (hex or base64) inside the delivery's signature header. */
    private static String genuineSignature(Sender sender, Delivery signed) {
        return switch (sender) {
            case GITHUB -> signed.header("X-Hub-Signature-256").substring("sha256=".length());
            case STANDARD_WEBHOOKS -> signed.header("webhook-signature").substring("v1,".length());
            case STRIPE -> signed.header("Stripe-Signature").replaceFirst("^t=\\d+,v1=", "");
            case SLACK -> signed.header("X-Slack-Signature").substring("v0=".length());
        };
    }

    // Several signatures in one header: Stripe while rolling secrets, Standard Webhooks as a list.

    @Test
    void stripeAcceptsAHeaderWithSeveralV1EntriesWhenOneIsValid() {
        String valid = WebhookSender.stripeV1(Sender.STRIPE.secret, NOW, BODY);
        String other = WebhookSender.stripeV1("whsec_someone_elses_secret", NOW, BODY);
        for (String header : new String[] {
                "t=" + NOW + ",v1=" + other + ",v1=" + valid,
                "t=" + NOW + ",v1=" + valid + ",v1=" + other,
                "t=" + NOW + ",v1=" + "z".repeat(64) + ",v1=" + valid + ",v0=" + other,
                "v1=" + valid + ",t=" + NOW}) {
            Gatecheck fresh = WebhookEngine.create(clock); // one delivery each: not a replay guard test
            allowed(send(fresh, Sender.STRIPE, Delivery.of(BODY).adding("Stripe-Signature", header)),
                    "Stripe-Signature: " + header);
        }
    }

    @Test
    void stripeRefusesWhenNoV1EntryIsValid() {
        String other = WebhookSender.stripeV1("whsec_someone_elses_secret", NOW, BODY);
        String header = "t=" + NOW + ",v1=" + other + ",v1=" + other.replace('a', 'b');
        refused(send(gatecheck, Sender.STRIPE, Delivery.of(BODY).adding("Stripe-Signature", header)), "bad_signature",
                "every v1 entry wrong");
    }

    @Test
    void stripeIgnoresAValidV0Entry() {
        String valid = WebhookSender.stripeV1(Sender.STRIPE.secret, NOW, BODY);
        String header = "t=" + NOW + ",v0=" + valid + ",v1=" + "0".repeat(64);
        refused(send(gatecheck, Sender.STRIPE, Delivery.of(BODY).adding("Stripe-Signature", header)), "bad_signature",
                "a genuine MAC under v0 is a test-mode decoy, never accepted");
    }

    // At most five signatures per header: each one costs an HMAC over the whole body per secret.

    /** A signature header offering {@code bogus} wrong signatures and the genuine one, first or last. */
    private static Delivery withSignatures(Sender sender, int bogus, boolean genuineFirst) {
        Delivery signed = sender.sign(sender.secret, BODY, NOW, "msg_many");
        String header = sender == Sender.STRIPE ? "Stripe-Signature" : "webhook-signature";
        String genuine = sender == Sender.STRIPE ? "v1=" + WebhookSender.stripeV1(sender.secret, NOW, BODY)
                : signed.header(header);
        String wrong = sender == Sender.STRIPE ? "v1=" + "0".repeat(64) : "v1," + Bytes.base64(new byte[32]);
        String separator = sender == Sender.STRIPE ? "," : " ";
        java.util.List<String> entries = new java.util.ArrayList<>(java.util.Collections.nCopies(bogus, wrong));
        entries.add(genuineFirst ? 0 : bogus, genuine);
        String list = String.join(separator, entries);
        return signed.with(header, sender == Sender.STRIPE ? "t=" + NOW + "," + list : list);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Sender.class, names = {"STRIPE", "STANDARD_WEBHOOKS"})
    void fiveSignaturesWithTheGenuineOneLastAreAccepted(Sender sender) {
        allowed(send(gatecheck, sender, withSignatures(sender, 4, false)), sender + " four wrong signatures, then the"
                + " genuine one");
    }

    @ParameterizedTest(name = "{0}: {1} wrong")
    @MethodSource("tooManySignatures")
    void moreThanFiveSignaturesAreRefusedBeforeAnyIsChecked(Sender sender, int bogus) {
        refused(send(gatecheck, sender, withSignatures(sender, bogus, true)), "too_many_signatures",
                sender + " the genuine signature first, then " + bogus + " wrong ones: refused on the count alone");
    }

    static Stream<Arguments> tooManySignatures() {
        return Stream.of(Sender.STRIPE, Sender.STANDARD_WEBHOOKS)
                .flatMap(s -> Stream.of(Arguments.of(s, 5), Arguments.of(s, 150)));
    }

    @Test
    void stripeV0EntriesAreNotCountedAsSignatures() {
        String valid = WebhookSender.stripeV1(Sender.STRIPE.secret, NOW, BODY);
        String header = "t=" + NOW + ",v1=" + valid + (",v0=" + "1".repeat(64)).repeat(6);
        allowed(send(gatecheck, Sender.STRIPE, Delivery.of(BODY).adding("Stripe-Signature", header)),
                "one v1 and six v0 entries: v0 is never checked, so it costs nothing");
    }

    @Test
    void standardWebhooksV1aEntriesAreNotCountedAsSignatures() {
        Delivery signed = Sender.STANDARD_WEBHOOKS.sign(Sender.STANDARD_WEBHOOKS.secret, BODY, NOW, "msg_v1a");
        String asymmetric = " v1a," + Bytes.base64(new byte[64]);
        allowed(send(gatecheck, Sender.STANDARD_WEBHOOKS, signed.with("webhook-signature",
                signed.header("webhook-signature") + asymmetric.repeat(6))),
                "one v1 and six v1a entries: v1a is not verified here, so it costs nothing");
    }

    @Test
    void stripeSignatureCoversTheTimestamp() {
        String valid = WebhookSender.stripeV1(Sender.STRIPE.secret, NOW, BODY);
        String header = "t=" + (NOW + 1) + ",v1=" + valid;
        refused(send(gatecheck, Sender.STRIPE, Delivery.of(BODY).adding("Stripe-Signature", header)), "bad_signature",
                "the t= value changed after signing");
    }

    @Test
    void standardWebhooksAcceptsASpaceSeparatedListWhenOneSignatureIsValid() {
        Delivery signed = Sender.STANDARD_WEBHOOKS.sign(Sender.STANDARD_WEBHOOKS.secret, BODY, NOW, "msg_list");
        String valid = signed.header("webhook-signature");
        String wrong = "v1," + Bytes.base64(new byte[32]);
        String asymmetric = "v1a," + Bytes.base64(new byte[64]);
        for (String list : new String[] {wrong + " " + valid, valid + " " + wrong, asymmetric + " " + valid,
                "v1,!!bad!! " + valid, wrong + " " + wrong + " " + valid}) {
            Gatecheck fresh = WebhookEngine.create(clock); // one delivery each: not a replay guard test
            allowed(send(fresh, Sender.STANDARD_WEBHOOKS, signed.with("webhook-signature", list)),
                    "webhook-signature: " + list);
        }
    }

    @Test
    void standardWebhooksRefusesAListWithoutAValidSignature() {
        Delivery signed = Sender.STANDARD_WEBHOOKS.sign(Sender.STANDARD_WEBHOOKS.secret, BODY, NOW, "msg_list");
        String list = "v1," + Bytes.base64(new byte[32]) + " v1a," + Bytes.base64(new byte[64]);
        refused(send(gatecheck, Sender.STANDARD_WEBHOOKS, signed.with("webhook-signature", list)), "bad_signature",
                "no valid v1 entry in the list");
    }

    @Test
    void standardWebhooksSignatureCoversTheId() {
        Delivery signed = Sender.STANDARD_WEBHOOKS.sign(Sender.STANDARD_WEBHOOKS.secret, BODY, NOW, "msg_original");
        refused(send(gatecheck, Sender.STANDARD_WEBHOOKS, signed.with("webhook-id", "msg_other")), "bad_signature",
                "webhook-id changed after signing");
    }

    /** The signed id is UTF-8 text, as the specification signs it: a character outside ASCII counts like any other. */
    @Test
    void standardWebhooksSignatureCoversEveryCharacterOfTheId() {
        Delivery signed = Sender.STANDARD_WEBHOOKS.sign(Sender.STANDARD_WEBHOOKS.secret, BODY, NOW, "msg_?1");
        refused(send(gatecheck, Sender.STANDARD_WEBHOOKS, signed.with("webhook-id", "msg_\u00e91")), "bad_signature",
                "'?' of webhook-id replaced by '\u00e9' after signing (a new replay key for the same delivery)");
    }

    @Test
    void standardWebhooksVerifiesAnIdOutsideAscii() {
        allowed(send(gatecheck, Sender.STANDARD_WEBHOOKS, Sender.STANDARD_WEBHOOKS.sign(Sender.STANDARD_WEBHOOKS.secret,
                BODY, NOW, "msg_caf\u00e9")), "webhook-id msg_caf\u00e9 signed as UTF-8");
    }

    @Test
    void standardWebhooksSignatureCoversTheTimestamp() {
        Delivery signed = Sender.STANDARD_WEBHOOKS.sign(Sender.STANDARD_WEBHOOKS.secret, BODY, NOW, "msg_1");
        refused(send(gatecheck, Sender.STANDARD_WEBHOOKS, signed.with("webhook-timestamp", Long.toString(NOW - 1))),
                "bad_signature", "webhook-timestamp changed after signing");
    }

    @Test
    void slackSignatureCoversTheTimestamp() {
        Delivery signed = Sender.SLACK.sign(Sender.SLACK.secret, BODY, NOW, "unused");
        refused(send(gatecheck, Sender.SLACK, signed.with("X-Slack-Request-Timestamp", Long.toString(NOW - 1))),
                "bad_signature", "X-Slack-Request-Timestamp changed after signing");
    }
}
