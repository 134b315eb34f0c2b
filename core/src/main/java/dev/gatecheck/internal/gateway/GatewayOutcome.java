package dev.gatecheck.internal.gateway;

import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.internal.Memo;
import java.util.List;

/** What the gateway rules conclude about a request. */
public sealed interface GatewayOutcome permits GatewayOutcome.Trusted, GatewayOutcome.NoIdentity,
        GatewayOutcome.Untrusted, GatewayOutcome.Failed, GatewayOutcome.Unavailable {

    /** Every marker verified; {@code identity} is who the gateway says is calling. */
    record Trusted(Identity identity, Memo memo) implements GatewayOutcome {
    }

    /** No identity was claimed (no identity headers, no assertion). */
    record NoIdentity() implements GatewayOutcome {
    }

    /** Identity was claimed without (all) markers: strip or reject. {@code headerNames} as sent, never values. */
    record Untrusted(List<String> headerNames) implements GatewayOutcome {
    }

    /** A marker is present but fails, or identity headers are duplicated: always 401. */
    record Failed(String reason, List<String> headerNames) implements GatewayOutcome {
    }

    /** A marker cannot be checked now (keys unavailable). */
    record Unavailable(Rejection rejection) implements GatewayOutcome {
    }
}
