package dev.gatecheck.internal.webhook;

import static dev.gatecheck.internal.webhook.WebhookEngine.allowed;
import static dev.gatecheck.internal.webhook.WebhookEngine.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.testing.Bytes;
import dev.gatecheck.testing.Delivery;
import dev.gatecheck.testing.LogCapture;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.webhook.ReplayGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A shared replay store that cannot answer ({@link ReplayGuard.Unavailable}) is an outage, not a bad delivery:
 * by default ({@code gatecheck.replay.on-error=reject}) the delivery is refused with 503 {@code auth_unavailable}
 * and {@code Retry-After}, so the sender retries it later; never a 500. Under {@code allow} it goes on unchecked.
 * Either way the operator gets a warning, at most once a minute of the engine clock.
 */
class ReplayOutageTest {
    private static final long NOW = Instant.parse("2026-11-29T12:00:00Z").getEpochSecond();
    private static final byte[] BODY = Bytes.utf8("{\"action\":\"opened\"}");

    private final MutableClock clock = MutableClock.at(Instant.ofEpochSecond(NOW));

    /** A store that is down while {@code down} holds, else remembers nothing (every key is new). */
    private static ReplayGuard storeDownWhile(AtomicBoolean down) {
        return (namespace, key, window) -> {
            if (down.get()) {
                throw new ReplayGuard.Unavailable("the test store is down", null);
            }
            return true;
        };
    }

    private static Rejection unavailable(Decision decision, String why) {
        assertThat(decision).as("%s: a denial, not an exception or a pass", why).isInstanceOf(Decision.Deny.class);
        Rejection rejection = ((Decision.Deny) decision).rejection();
        assertThat(rejection.code()).as("%s: error code", why).isEqualTo(ErrorCode.AUTH_UNAVAILABLE);
        assertThat(rejection.status()).as("%s: status", why).isEqualTo(503);
        assertThat(rejection.headers()).as("%s: headers", why).containsKey("Retry-After")
                .doesNotContainKey("WWW-Authenticate");
        return rejection;
    }

    @Test
    void anOutageOfTheReplayStoreAnswers503WithRetryAfterByDefault() {
        Gatecheck engine = WebhookEngine.create(clock, storeDownWhile(new AtomicBoolean(true)));
        for (Sender sender : Sender.values()) {
            Rejection rejection = unavailable(send(engine, sender, sender.sign(sender.secret, BODY, NOW, "id-1")),
                    sender + " while the replay store is down");
            assertThat(rejection.detail()).as("%s: detail", sender).isEqualTo("replay_store_unavailable");
        }
    }

    @Test
    void aDeliveryRefusedDuringAnOutageIsAcceptedWhenTheSenderRetriesAfterIt() {
        AtomicBoolean down = new AtomicBoolean(true);
        Gatecheck engine = WebhookEngine.create(clock, storeDownWhile(down));
        Sender sender = Sender.GITHUB;
        Delivery delivery = sender.sign(sender.secret, BODY, NOW, "id-1");
        unavailable(send(engine, sender, delivery), "during the outage");

        down.set(false);

        allowed(send(engine, sender, delivery), "the same delivery retried once the store answers");
    }

    @Test
    void underAllowAnOutageLetsTheDeliveryGoOnWithAWarning() {
        Gatecheck engine = WebhookEngine.create(clock, storeDownWhile(new AtomicBoolean(true)),
                ReplayGuard.OnError.ALLOW);
        try (LogCapture logs = LogCapture.start()) {
            for (Sender sender : Sender.values()) {
                allowed(send(engine, sender, sender.sign(sender.secret, BODY, NOW, "id-1")),
                        sender + " while the replay store is down, on-error=allow");
            }
            List<String> warnings = logs.warningsContaining("replay store");
            assertThat(warnings).as("one warning for the outage (at most one a minute)").hasSize(1);
            assertThat(warnings.get(0)).as("the warning says the requests went on unchecked")
                    .contains("WITHOUT a replay check", "gatecheck.replay.on-error=allow", "the test store is down");
        }
    }

    @Test
    void theOutageWarningComesAtMostOnceAMinuteOfTheEngineClockWithTheCountSinceTheLastOne() {
        Gatecheck engine = WebhookEngine.create(clock, storeDownWhile(new AtomicBoolean(true)));
        Sender sender = Sender.STANDARD_WEBHOOKS;
        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                unavailable(send(engine, sender, sender.sign(sender.secret, BODY, NOW, "id-" + i)), "request " + i);
            }
            assertThat(logs.warningsContaining("replay store")).as("three refusals within a minute").hasSize(1);

            clock.advance(Duration.ofMinutes(1).minusMillis(1));
            unavailable(send(engine, sender, sender.sign(sender.secret, BODY, NOW, "id-3")), "just under a minute");
            assertThat(logs.warningsContaining("replay store")).as("still within the minute").hasSize(1);

            clock.advance(Duration.ofMillis(1));
            unavailable(send(engine, sender, sender.sign(sender.secret, BODY, NOW, "id-4")), "a minute later");
            List<String> warnings = logs.warningsContaining("replay store");
            assertThat(warnings).as("a minute after the first warning").hasSize(2);
            assertThat(warnings.get(1)).as("the second warning counts the refusals since the first (2 in its minute, 2 after)")
                    .contains("4 request(s) since the last warning were refused with 503");
            assertThat(String.join("\n", logs.lines())).as("no delivery id reaches the log").doesNotContain("id-4");
        }
    }
}
