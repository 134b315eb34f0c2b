package dev.gatecheck.internal.token;

/** What a request presents: nothing, a bearer token, another scheme, or something malformed. */
public sealed interface Credential permits Credential.None, Credential.Bearer, Credential.OtherScheme,
        Credential.Malformed, Credential.TooLong {

    /** No credential at all. */
    record None() implements Credential {
    }

    /**
     * Exactly one access token, as sent: with the {@code Bearer} scheme (RFC 6750), or with the {@code DPoP} scheme
     * (RFC 9449) when {@code dpop}, its proof in the {@code DPoP} header. Its {@code b64token} grammar
     * ({@link B64Token}; DPoP's {@code token68} is the same) is checked by the token verifier on a cache miss, so a
     * cached token is not scanned again.
     */
    record Bearer(String token, boolean dpop) implements Credential {
        /** A token sent with the {@code Bearer} scheme (or from a query or cookie source). */
        public Bearer(String token) {
            this(token, false);
        }

        @Override
        public String toString() {
            return (dpop ? "DPoP[" : "Bearer[") + token.length() + " chars]";
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
