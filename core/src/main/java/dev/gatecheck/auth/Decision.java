package dev.gatecheck.auth;

import java.util.Objects;
import java.util.Optional;

/** The answer to one request: {@link Allow} it (with the caller, if any) or {@link Deny} it. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    /**
     * The request may go on.
     *
     * @param identity the authenticated caller; empty on a public route without a credential or a preflight
     * @param headers how the application's view of the headers changes
     * @param route the name of the route (or resource policy) that decided, {@code (default)} for the default mode
     */
    record Allow(Optional<Identity> identity, HeaderChanges headers, String route) implements Decision {
        public Allow {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(route, "route");
        }
    }

    /**
     * The request stops here; send {@code rejection}.
     *
     * @param rejection what to answer
     * @param route the name of the route (or resource policy) that decided, {@code (none)} when no route was
     *              matched (a malformed path)
     */
    record Deny(Rejection rejection, String route) implements Decision {
        public Deny {
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(route, "route");
        }
    }
}
