package dev.gatecheck.events;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Hears what a Gatecheck engine does: every decision, key-source fetches and their consequences, spoof attempts and
 * token verifications (answered from the verified-token cache or not). Register listeners on the configuration
 * builder ({@code GatecheckConfig.builder().listener(...)}); every method has an empty default, so a listener
 * overrides only what it needs.
 *
 * <p>Methods are called on the thread that did the work (a request thread for decisions and verifications, one of
 * the engine's threads for key fetches), so they must be quick and thread-safe. An exception a listener throws is
 * caught: it never changes a decision, and it is logged at most once a minute. No event carries a token, a secret,
 * key material, a request path or a header value. With no listener registered the engine takes a path that times
 * and builds nothing.
 */
public interface GatecheckListener {

    /** One request decided: allowed or denied. */
    default void onDecision(Decided event) {
    }

    /** A key source fetched its keys (a JWKS, a key file read again, an ALB key), or failed to. */
    default void onKeyFetch(KeyFetch event) {
    }

    /** A key source's key set changed: key ids added or removed (rotation, a reloaded file). */
    default void onKeysChanged(KeysChanged event) {
    }

    /** A fetch failed and the source keeps serving keys fetched earlier. */
    default void onStaleKeys(StaleKeys event) {
    }

    /** A fetch failed and the source has no usable keys: its tokens are answered 503 until a fetch succeeds. */
    default void onNoKeys(NoKeys event) {
    }

    /** A request carried identity headers that were not believed: stripped, or rejected. */
    default void onSpoofAttempt(SpoofAttempt event) {
    }

    /** A token (a bearer token or a gateway's assertion) was verified or refused. */
    default void onVerification(Verification event) {
    }

    /**
     * An engine built from a configuration holding this listener started; {@code engine} reads its state later
     * (e.g. for gauges). Called once per engine, before its first request.
     */
    default void onStart(Engine engine) {
    }

    /** What a listener may read from the engine it hears, at any time. */
    interface Engine {
        /** The key sources' health, as {@code Gatecheck.health()}. */
        Health health();

        /** How many verified tokens the engine caches now (approximate). */
        long cachedTokens();
    }

    /** Whether a request went on. */
    enum Outcome {
        ALLOW, DENY;

        /** {@code allow} or {@code deny}. */
        public String key() {
            return this == ALLOW ? "allow" : "deny";
        }
    }

    /**
     * One decision.
     *
     * @param outcome allowed or denied
     * @param code the error code of a denial
     * @param reason the short reason of a denial ({@code expired}, {@code bad_signature}, ...), never token content
     * @param route the configured name of the route that decided ({@code (default)} for the default mode,
     *              {@code (none)} for a malformed path)
     * @param identity the caller an allowed request carries, if any (its {@link Identity#method()},
     *                 {@link Identity#issuer()}, subject, claims and {@link Identity#keyId()})
     * @param marker the gateway markers that vouched for an allowed gateway identity, or the marker that failed in a
     *               denial (e.g. {@code hmac}); comma separated when several must all hold
     * @param peer the address of the connection's peer, when the adapter knows it
     * @param duration how long the engine took to decide (the body read, if any, not included)
     */
    record Decided(Outcome outcome, Optional<ErrorCode> code, Optional<String> reason, String route,
                   Optional<Identity> identity, Optional<String> marker, Optional<String> peer, Duration duration) {
        public Decided {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(marker, "marker");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(duration, "duration");
        }

        /** How the caller was authenticated, when an identity was established. */
        public Optional<AuthMethod> method() {
            return identity.map(Identity::method);
        }

        /** The verified issuer ({@code iss}) of the caller, when it has one. */
        public Optional<String> issuer() {
            return identity.flatMap(Identity::issuer);
        }
    }

    /**
     * One fetch of a key source.
     *
     * @param source the configured name of the issuer or gateway assertion whose keys these are
     *               ({@link Health#sources()})
     * @param success whether usable keys came back
     * @param cause why it failed: a short phrase ({@code status 500}, {@code timed out}) or an exception's class name,
     *              never a URL, a secret or key material
     * @param keys how many keys the source holds after it
     */
    record KeyFetch(String source, boolean success, Optional<String> cause, int keys) {
        public KeyFetch {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * A key set that changed; kids are those the key source published (a key without one is {@code (no kid)}).
     *
     * @param source the configured name of the issuer or gateway assertion
     * @param added key ids now served that were not before
     * @param removed key ids no longer served
     */
    record KeysChanged(String source, Set<String> added, Set<String> removed) {
        public KeysChanged {
            Objects.requireNonNull(source, "source");
            added = Set.copyOf(added);
            removed = Set.copyOf(removed);
        }
    }

    /**
     * Keys that keep serving after a failed fetch.
     *
     * @param source the configured name of the issuer or gateway assertion
     * @param age how long ago they were fetched
     */
    record StaleKeys(String source, Duration age) {
        public StaleKeys {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(age, "age");
        }
    }

    /**
     * A source without usable keys after a failed fetch.
     *
     * @param source the configured name of the issuer or gateway assertion
     */
    record NoKeys(String source) {
        public NoKeys {
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * Identity headers that were not believed.
     *
     * @param route the configured name of the route
     * @param rejected true when the request was refused (401), false when the headers were stripped and the request
     *                 went on without them
     * @param reason why: {@code no gateway marker}, or the failing marker and its reason ({@code hmac:bad_signature})
     */
    record SpoofAttempt(String route, boolean rejected, String reason) {
        public SpoofAttempt {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One token verification.
     *
     * @param cacheHit true when the verified-token cache answered (no signature check)
     * @param valid whether the token was accepted
     * @param duration how long it took
     */
    record Verification(boolean cacheHit, boolean valid, Duration duration) {
        public Verification {
            Objects.requireNonNull(duration, "duration");
        }
    }
}
