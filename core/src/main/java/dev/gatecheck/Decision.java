package dev.gatecheck;

import java.util.Objects;
import java.util.Optional;

/** The answer to one request: {@link Allow} it (with the caller, if any) or {@link Deny} it. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    /**
     * The request may go on.
     *
     * @param identity the authenticated caller; empty on a public route without a credential or a preflight
     * @param headers how the application's view of the headers changes
     */
    record Allow(Optional<Identity> identity, HeaderChanges headers) implements Decision {
        public Allow {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(headers, "headers");
        }
    }

    /**
     * The request stops here; send {@code rejection}.
     *
     * @param rejection what to answer
     */
    record Deny(Rejection rejection) implements Decision {
        public Deny {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
