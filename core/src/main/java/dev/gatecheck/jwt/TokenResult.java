package dev.gatecheck.jwt;

import dev.gatecheck.Identity;
import dev.gatecheck.Rejection;

/** The verdict on one token: the identity it proves, or why it was refused. */
public sealed interface TokenResult permits TokenResult.Valid, TokenResult.Invalid {

    /** The token verified; {@code identity} is who it names. */
    record Valid(Identity identity) implements TokenResult {
    }

    /** The token was refused (401, 403 {@code invalid_audience}) or keys are unavailable (503). */
    record Invalid(Rejection rejection) implements TokenResult {
    }
}
