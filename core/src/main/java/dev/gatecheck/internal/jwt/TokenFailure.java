package dev.gatecheck.internal.jwt;

/** A token refused by a check; the reason is a short code safe to show and log (never token content). */
final class TokenFailure extends Exception {
    TokenFailure(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
