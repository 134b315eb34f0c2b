package dev.gatecheck.internal.jwt;

import dev.gatecheck.auth.Identity;
import dev.gatecheck.internal.Memo;
import java.util.Map;

/** What an issuer's introspection endpoint said about a token, ready for the request path. */
sealed interface Introspected permits Introspected.Active, Introspected.Inactive {
    /** {@code active: false}. */
    Introspected INACTIVE = new Inactive();

    /**
     * {@code active: true}: the answer's {@code claims}, the identity they prove, the memo of what the engine derives
     * from it, what the token is bound to (RFC 9449 §6.2 lets an answer carry {@code cnf}), and when the token stops
     * ({@code exp}, or never).
     */
    record Active(Map<String, Object> claims, Identity identity, Memo memo, Confirmation confirmation,
                  long expiresAtSeconds)
            implements Introspected {
    }

    /** See {@link #INACTIVE}. */
    record Inactive() implements Introspected {
    }
}
