package dev.gatecheck.internal.webhook;

import static dev.gatecheck.internal.webhook.WebhookEngine.TOLERANCE;
import static dev.gatecheck.internal.webhook.WebhookEngine.allowed;
import static dev.gatecheck.internal.webhook.WebhookEngine.refused;
import static dev.gatecheck.internal.webhook.WebhookEngine.send;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.testing.Bytes;
import dev.gatecheck.testing.Delivery;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.WebhookSender;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Timestamps (tolerance both ways, boundary included) and the replay guard. Time moves by hand. */
class WebhookFreshnessTest {
    private static final long NOW = Instant.parse("2026-11-29T12:00:00Z").getEpochSecond();
    private static final long TOL = TOLERANCE.toSeconds();
    private static final byte[] BODY = Bytes.utf8("{\"type\":\"ping\"}");

    private final MutableClock clock = MutableClock.at(Instant.ofEpochSecond(NOW));
    private final Gatecheck gatecheck = WebhookEngine.create(clock);

    static Stream<Arguments> timestampOffsets() {
        return Stream.of(Sender.values()).filter(s -> s.timestamped).flatMap(s -> Stream.of(
                Arguments.of(s, 0L, true),
                Arguments.of(s, -TOL, true),          // exactly at the past boundary
                Arguments.of(s, TOL, true),           // exactly at the future boundary
                Arguments.of(s, -TOL - 1, false),     // one second too old
                Arguments.of(s, TOL + 1, false),      // one second too far ahead
                Arguments.of(s, -86_400L, false),     // a day old
                Arguments.of(s, 86_400L, false)));    // a day ahead
    }

    @ParameterizedTest(name = "{0} signed at now{1}s: accepted={2}")
    @MethodSource("timestampOffsets")
    void timestampsWithinTheToleranceBothWaysAreAccepted(Sender sender, long offset, boolean accepted) {
        Delivery delivery = sender.sign(sender.secret, BODY, NOW + offset, "id-" + offset);
        String why = String.format(Locale.ROOT, "%s signed %+ds from now, tolerance %ds", sender, offset, TOL);
        if (accepted) {
            allowed(send(gatecheck, sender, delivery), why);
        } else {
            refused(send(gatecheck, sender, delivery), "stale_timestamp", why);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamped")
    void aDeliveryTurnsStaleWhenTheClockMovesPastTheTolerance(Sender sender) {
        Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-1");
        clock.advance(TOLERANCE.plusSeconds(1));
        refused(send(gatecheck, sender, delivery), "stale_timestamp", sender + " delivered tolerance + 1s late");
    }

    @Test
    void githubHasNoTimestampSoAnOldDeliveryStillVerifies() {
        Delivery delivery = Sender.GITHUB.sign(Sender.GITHUB.secret, BODY, 0, "delivery-from-last-year");
        clock.advance(Duration.ofDays(365));
        allowed(send(gatecheck, Sender.GITHUB, delivery), "GitHub signs no time: only the replay guard protects it");
    }

    static Stream<Sender> timestamped() {
        return Stream.of(Sender.values()).filter(s -> s.timestamped);
    }

    // Replay guard

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void theSameDeliverySentTwiceIsRefusedAsReplayed(Sender sender) {
        Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-1");
        allowed(send(gatecheck, sender, delivery), sender + " first delivery");
        refused(send(gatecheck, sender, delivery), "replayed", sender + " the same delivery again");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void theSameDeliveryReplayedMinutesLaterWithinTheWindowIsRefused(Sender sender) {
        Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-1");
        allowed(send(gatecheck, sender, delivery), sender + " first delivery");
        clock.advance(TOLERANCE);
        refused(send(gatecheck, sender, delivery), "replayed", sender + " replayed at the end of the tolerance");
    }

    /**
     * A delivery first seen with its timestamp at the future edge of the tolerance stays acceptable for two
     * tolerances (until its timestamp reaches the past edge); the guard must remember it that long.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamped")
    void aDeliveryFirstSeenAtTheFutureEdgeIsStillAReplayAtThePastEdge(Sender sender) {
        Delivery delivery = sender.sign(sender.secret, BODY, NOW + TOL, "id-edge");
        allowed(send(gatecheck, sender, delivery), sender + " first seen with its timestamp tolerance ahead");
        clock.advance(TOLERANCE.multipliedBy(2));
        refused(send(gatecheck, sender, delivery), "replayed",
                sender + " replayed two tolerances later, its timestamp now exactly tolerance old");
        clock.advance(Duration.ofMillis(999));
        refused(send(gatecheck, sender, delivery), "replayed",
                sender + " replayed within the last accepted second");
        clock.advance(Duration.ofMillis(1));
        refused(send(gatecheck, sender, delivery), "stale_timestamp", sender + " one second later it is stale");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withDeliveryId")
    void aNewDeliveryIdPassesWhereTheOldOneIsAReplay(Sender sender) {
        allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "id-1")), sender + " id-1");
        refused(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "id-1")), "replayed", sender + " id-1 again");
        allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "id-2")), sender + " same body, id-2");
    }

    static Stream<Sender> withDeliveryId() {
        return Stream.of(Sender.values()).filter(s -> s.idHeader != null);
    }

    /** GitHub does not sign X-GitHub-Delivery: a captured delivery under a made-up id is the same delivery. */
    @Test
    void aGithubDeliveryResentUnderMadeUpDeliveryIdsIsStillAReplay() {
        Sender github = Sender.GITHUB;
        allowed(send(gatecheck, github, github.sign(github.secret, BODY, NOW, "id-1")), "GitHub id-1");
        for (String madeUp : java.util.List.of("id-2", "id-3", "00000000-0000-0000-0000-000000000000")) {
            refused(send(gatecheck, github, github.sign(github.secret, BODY, NOW, "id-1").with("X-GitHub-Delivery",
                    madeUp)), "replayed", "the same signed body under the made-up delivery id " + madeUp);
        }
        refused(send(gatecheck, github, github.sign(github.secret, BODY, NOW, "id-1").without("X-GitHub-Delivery")),
                "replayed", "the same signed body without any delivery id");
    }

    @Test
    void aGithubDeliveryWithAnotherBodyIsANewDeliveryWhateverItsDeliveryId() {
        Sender github = Sender.GITHUB;
        allowed(send(gatecheck, github, github.sign(github.secret, BODY, NOW, "id-1")), "GitHub first body");
        allowed(send(gatecheck, github, github.sign(github.secret, Bytes.utf8("{\"type\":\"push\"}"), NOW, "id-1")),
                "another body under the same delivery id: another MAC, another delivery");
    }

    /** Stripe and Slack carry no delivery id: a fresh signature (a new timestamp) is a new delivery. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Sender.class, names = {"STRIPE", "SLACK"})
    void theSameBodySignedAtAnotherTimestampIsANewDelivery(Sender sender) {
        allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "")), sender + " at now");
        allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW - 1, "")), sender + " same body, now-1");
    }

    /** A replay must not slip through by spelling the same MAC differently (hex digits in upper case). */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("reEncodedReplays")
    void aReplayWithTheSignatureReEncodedIsStillAReplay(Sender sender, String header, Delivery original) {
        allowed(send(gatecheck, sender, original), sender + " first delivery");
        String upper = original.header(header).toUpperCase(Locale.ROOT)
                .replace("SHA256=", "sha256=").replace("V0=", "v0=").replace("T=", "t=").replace("V1=", "v1=");
        refused(send(gatecheck, sender, original.with(header, upper)), "replayed",
                sender + " the same signature in upper-case hex: " + upper);
    }

    static Stream<Arguments> reEncodedReplays() {
        return Stream.of(
                Arguments.of(Sender.GITHUB, "X-Hub-Signature-256",
                        Sender.GITHUB.sign(Sender.GITHUB.secret, BODY, NOW, "x").without("X-GitHub-Delivery")),
                Arguments.of(Sender.STRIPE, "Stripe-Signature", Sender.STRIPE.sign(Sender.STRIPE.secret, BODY, NOW, "")),
                Arguments.of(Sender.SLACK, "X-Slack-Signature", Sender.SLACK.sign(Sender.SLACK.secret, BODY, NOW, "")));
    }

    @Test
    void aStripeReplayWithExtraSignatureEntriesIsStillAReplay() {
        Delivery original = Sender.STRIPE.sign(Sender.STRIPE.secret, BODY, NOW, "");
        allowed(send(gatecheck, Sender.STRIPE, original), "first delivery");
        String padded = "t=" + NOW + ",v1=" + "0".repeat(64) + ",v1=" + WebhookSender.stripeV1(Sender.STRIPE.secret, NOW, BODY)
                + ",v0=" + "1".repeat(64);
        refused(send(gatecheck, Sender.STRIPE, original.with("Stripe-Signature", padded)), "replayed",
                "the same valid v1 among extra entries");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void aRefusedForgeryDoesNotUseUpTheDeliveryId(Sender sender) {
        Delivery forged = sender.sign(sender.wrongSecret(), BODY, NOW, "id-1");
        refused(send(gatecheck, sender, forged), "bad_signature", sender + " forgery announcing id-1");
        allowed(send(gatecheck, sender, sender.sign(sender.secret, BODY, NOW, "id-1")),
                sender + " the genuine id-1 afterwards");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Sender.class)
    void deliveryIdsAreRememberedPerRoute(Sender sender) {
        Gatecheck twoRoutes = Gatecheck.create(dev.gatecheck.config.GatecheckConfig.builder()
                .jwt(j -> j.issuer("https://issuer.test").audiences("api").algorithms("HS256")
                        .hmacSecret(Bytes.utf8("a 32-byte-or-longer test HMAC secret for tokens")))
                .clock(clock)
                .route(dev.gatecheck.route.Route.webhook("a", java.util.List.of("/a"),
                        dev.gatecheck.route.WebhookSpec.of(sender.scheme, sender.secret)))
                .route(dev.gatecheck.route.Route.webhook("b", java.util.List.of("/b"),
                        dev.gatecheck.route.WebhookSpec.of(sender.scheme, sender.secret)))
                .build());
        Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-1");
        allowed(twoRoutes.authenticate(delivery.to("/a")), sender + " on route a");
        allowed(twoRoutes.authenticate(delivery.to("/b")), sender + " the same delivery on route b");
        refused(twoRoutes.authenticate(delivery.to("/a")), "replayed", sender + " again on route a");
    }
}
