package dev.gatecheck.internal.token;

/** What a request presents: nothing, a bearer token, another scheme, or something malformed. */
public sealed interface Credential permits Credential.None, Credential.Bearer, Credential.OtherScheme,
        Credential.Malformed, Credential.TooLong {

    /** No credential at all. */
    record None() implements Credential {
    }

    /**
     * Exactly one bearer token, as sent. Its RFC 6750 {@code b64token} grammar ({@link B64Token}) is checked by the
     * token verifier on a cache miss, so a cached token is not scanned again.
     */
    record Bearer(String token) implements Credential {
        @Override
        public String toString() {
            return "Bearer[" + token.length() + " chars]";
        }
    }

    /** An {@code Authorization} header with a scheme other than Bearer (e.g. Basic): not ours. */
    record OtherScheme() implements Credential {
    }

    /** A malformed header or several credentials: {@code reason} is a short code. */
    record Malformed(String reason) implements Credential {
    }

    /** A credential longer than {@code gatecheck.token.max-length}, refused before any decoding. */
    record TooLong() implements Credential {
    }
}
