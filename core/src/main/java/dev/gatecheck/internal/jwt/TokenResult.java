package dev.gatecheck.internal.jwt;

import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.internal.Memo;

/** The verdict on one token: the identity it proves, or why it was refused. */
public sealed interface TokenResult permits TokenResult.Valid, TokenResult.Invalid {

    /**
     * The token verified; {@code identity} is who it names, {@code memo} keeps what the engine derives from it
     * (the same memo on every cache hit of the token), and {@code confirmation} is what it is bound to.
     */
    record Valid(Identity identity, Memo memo, Confirmation confirmation) implements TokenResult {
        /** Equal when the identities are: the memo and the confirmation are kept beside the value, not part of it. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Valid valid && identity.equals(valid.identity);
        }

        @Override
        public int hashCode() {
            return identity.hashCode();
        }
    }

    /** The token was refused (401, 403 {@code invalid_audience}) or keys are unavailable (503). */
    record Invalid(Rejection rejection) implements TokenResult {
    }
}
