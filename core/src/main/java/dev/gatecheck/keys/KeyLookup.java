package dev.gatecheck.keys;

import java.time.Duration;
import java.util.Objects;

/** The answer of a {@link KeySource}: a key, no such key (a bad token), or no keys at all right now (an outage). */
public sealed interface KeyLookup permits KeyLookup.Found, KeyLookup.Missing, KeyLookup.Unavailable {

    /** The key to verify with. */
    record Found(VerificationKey key) implements KeyLookup {
        public Found {
            Objects.requireNonNull(key, "key");
        }
    }

    /** No key fits the token; {@code reason} is a short code such as {@code unknown_key}. */
    record Missing(String reason) implements KeyLookup {
    }

    /** The source cannot give keys now (an outage, not a bad token): answer 503 with {@code Retry-After}. */
    record Unavailable(String reason, Duration retryAfter) implements KeyLookup {
    }
}
