package dev.gatecheck.internal.webhook;

import java.util.Optional;

/** The verdict on one webhook delivery. */
sealed interface WebhookResult permits WebhookResult.Valid, WebhookResult.Invalid {

    /**
     * The signature verified; {@code deliveryId} is a delivery id the signature covers (Standard Webhooks), and
     * {@code replayKey} identifies the delivery for the replay guard (that id, or the MAC).
     */
    record Valid(Optional<String> deliveryId, String replayKey) implements WebhookResult {
    }

    /** Refused: {@code bad_signature}, {@code stale_timestamp}, {@code missing_header}, {@code too_many_signatures}. */
    record Invalid(String reason) implements WebhookResult {
        static final Invalid BAD_SIGNATURE = new Invalid("bad_signature");
        static final Invalid STALE = new Invalid("stale_timestamp");
        static final Invalid MISSING = new Invalid("missing_header");
        static final Invalid TOO_MANY_SIGNATURES = new Invalid("too_many_signatures");
    }
}
