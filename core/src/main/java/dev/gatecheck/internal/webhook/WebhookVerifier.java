package dev.gatecheck.internal.webhook;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.route.WebhookSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * Verifies the deliveries of one webhook route: the scheme's signature over the exact body, its timestamp, and
 * the replay guard. A valid delivery yields an identity naming the scheme and route.
 */
public final class WebhookVerifier {
    private final String route;
    private final WebhookSpec spec;
    private final WebhookScheme scheme;
    private final List<byte[]> keys;
    private final ReplayCheck replays;
    private final Clock clock;

    /** The verdict on one delivery: the sender's identity, or why it was refused. */
    public sealed interface Verdict permits Verified, Refused, Unavailable {
    }

    /** The delivery is authentic. */
    public record Verified(Identity identity) implements Verdict {
    }

    /**
     * Refused: {@code bad_signature}, {@code stale_timestamp}, {@code replayed}, {@code missing_header},
     * {@code too_many_signatures}.
     */
    public record Refused(String reason) implements Verdict {
    }

    /** The replay store cannot answer and the configuration rejects: answer {@code rejection} (503). */
    public record Unavailable(Rejection rejection) implements Verdict {
    }

    /**
     * A verifier for route {@code route}.
     *
     * @throws IllegalArgumentException when a secret cannot be decoded for the scheme
     */
    public WebhookVerifier(String route, WebhookSpec spec, ReplayCheck replays, Clock clock) {
        this.route = route;
        this.spec = spec;
        this.scheme = WebhookScheme.named(spec.scheme());
        try {
            this.keys = scheme.keys(spec.secrets());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a " + spec.scheme() + " secret is not in the scheme's format"
                    + (spec.scheme().equals("standard-webhooks") ? " (whsec_ followed by base64)" : ""));
        }
        this.replays = replays;
        this.clock = clock;
    }

    /** Verifies {@code request} whose raw body is {@code body}. */
    public Verdict verify(AuthRequest request, byte[] body) {
        WebhookResult result = scheme.verify(request, body, keys, clock.millis() / 1000, spec.tolerance().toSeconds());
        if (result instanceof WebhookResult.Invalid invalid) {
            return new Refused(invalid.reason());
        }
        WebhookResult.Valid valid = (WebhookResult.Valid) result;
        // Replay window: a timestamp first seen at the future edge stays acceptable until it reaches the past edge,
        // twice the tolerance later, plus the second that whole-second timestamp comparison adds.
        Duration window = spec.tolerance().multipliedBy(2).plusSeconds(1);
        ReplayCheck.Sighting sighting = replays.check("webhook:" + route + ":", valid.replayKey(), window);
        if (sighting == ReplayCheck.Sighting.REPLAYED) {
            return new Refused("replayed");
        }
        if (sighting == ReplayCheck.Sighting.UNAVAILABLE) {
            return new Unavailable(ReplayCheck.unavailable());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("webhook", spec.scheme());
        claims.put("route", route);
        valid.deliveryId().ifPresent(id -> claims.put("delivery_id", id));
        return new Verified(Identity.builder(AuthMethod.WEBHOOK)
                .subject(spec.scheme() + ":" + route)
                .claims(java.util.Collections.unmodifiableMap(claims))
                .build());
    }

    /** The route's body limit. */
    public long maxBody() {
        return spec.maxBody();
    }
}
