package dev.gatecheck.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import dev.gatecheck.testing.Bytes;
import dev.gatecheck.testing.Delivery;
import dev.gatecheck.webhook.ReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A Gatecheck with one webhook route per {@link Sender} (both of its secrets configured, so rotation is on),
 * a token route {@code /api/*} and a public {@code /health}.
 */
final class WebhookEngine {
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final int MAX_BODY = 4096;

    private WebhookEngine() {
    }

    static Gatecheck create(Clock clock) {
        return create(clock, null);
    }

    /** With {@code guard} plugged in, or the default per-configuration guard when {@code null}. */
    static Gatecheck create(Clock clock, ReplayGuard guard) {
        return create(clock, guard, ReplayGuard.OnError.REJECT);
    }

    /** With {@code guard} plugged in and {@code gatecheck.replay.on-error} set to {@code onError}. */
    static Gatecheck create(Clock clock, ReplayGuard guard, ReplayGuard.OnError onError) {
        GatecheckConfig.Builder builder = GatecheckConfig.builder()
                .jwt(j -> j.issuer("https://issuer.test").audiences("api").algorithms("HS256")
                        .hmacSecret(Bytes.utf8("a 32-byte-or-longer test HMAC secret for tokens")))
                .clock(clock)
                .route(new Route("api", List.of("/api/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE))
                .route(new Route("health", List.of("/health"), Set.of(), AuthMode.PUBLIC, Requirements.NONE));
        for (Sender sender : Sender.values()) {
            builder.route(Route.webhook(sender.route, List.of(sender.path), new WebhookSpec(sender.scheme,
                    List.of(sender.secret, sender.previousSecret), TOLERANCE, MAX_BODY)));
        }
        if (guard != null) {
            builder.replayGuard(guard);
        }
        if (onError != ReplayGuard.OnError.REJECT) {
            builder.replayOnError(onError);
        }
        return Gatecheck.create(builder.build());
    }

    static Identity allowed(Decision decision, String why) {
        assertThat(decision).as(why).isInstanceOf(Decision.Allow.class);
        Decision.Allow allow = (Decision.Allow) decision;
        assertThat(allow.identity()).as("%s: a verified delivery has an identity", why).isPresent();
        return allow.identity().get();
    }

    /** Asserts a 401 {@code invalid_signature} with {@code detail}. */
    static void refused(Decision decision, String detail, String why) {
        assertThat(decision).as(why).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.rejection().code()).as("%s: error code", why).isEqualTo(ErrorCode.INVALID_SIGNATURE);
            assertThat(deny.rejection().status()).as("%s: status", why).isEqualTo(401);
            if (detail != null) {
                assertThat(deny.rejection().detail()).as("%s: detail", why).isEqualTo(detail);
            }
        });
    }

    static Decision send(Gatecheck gatecheck, Sender sender, Delivery delivery) {
        AuthRequest request = delivery.to(sender.path);
        return gatecheck.authenticate(request);
    }
}
