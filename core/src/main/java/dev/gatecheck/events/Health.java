package dev.gatecheck.events;

import dev.gatecheck.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of an engine's key sources at one instant ({@code Gatecheck.health()}), for readiness probes and
 * dashboards: per issuer and per gateway assertion source, its state, how many keys it holds, and when it last
 * fetched them or failed to. The overall state is the worst of the sources'. Holds no URL, secret or key material.
 *
 * @param state the worst state of {@code sources}; {@code UP} when there are none
 * @param at when the health was read (the engine's clock)
 * @param sources each key source by its configured name: {@code jwt} for {@code gatecheck.jwt.*}, the
 *                {@code <name>} of {@code gatecheck.issuers.<name>.*}, {@code gateway} for the gateway assertion
 */
public record Health(State state, Instant at, Map<String, Source> sources) {
    public Health {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** The health of {@code sources} read at {@code at}: the overall state is the worst of theirs. */
    public static Health of(Instant at, Map<String, Source> sources) {
        State worst = sources.values().stream().map(Source::state).reduce(State.UP, State::worse);
        return new Health(worst, at, sources);
    }

    /** A key source's state. */
    public enum State {
        /** Keys are fresh. */
        UP,
        /** Keys serve past their freshness (fetches fail, or a changed key file could not be read). */
        DEGRADED,
        /** No usable keys: tokens of this source are answered 503 {@code auth_unavailable}. */
        DOWN;

        /** The worse of this and {@code other}. */
        public State worse(State other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    /**
     * One key source.
     *
     * @param state its state
     * @param keys how many usable keys it holds
     * @param lastSuccess when keys were last loaded (fetched, read from a file, or given at startup)
     * @param lastFailure when a fetch or reload last failed
     * @param cause why that failure happened: a short phrase or an exception's class name, never a URL or a secret
     */
    public record Source(State state, int keys, Optional<Instant> lastSuccess, Optional<Instant> lastFailure,
                         Optional<String> cause) {
        public Source {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(lastSuccess, "lastSuccess");
            Objects.requireNonNull(lastFailure, "lastFailure");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** True unless {@link #state()} is {@code DOWN}: a readiness probe answers 200 for UP and DEGRADED, else 503. */
    public boolean ready() {
        return state != State.DOWN;
    }

    /** How old the keys of {@code source} are at {@link #at()}, if it loaded any. */
    public Optional<Duration> keyAge(String source) {
        return Optional.ofNullable(sources.get(source)).flatMap(Source::lastSuccess)
                .map(loaded -> Duration.between(loaded, at));
    }

    /**
     * The health as JSON: {@code {"status":"UP","issuers":{"<name>":{"status":"UP","keys":2,
     * "last_success":"2026-01-01T00:00:00Z","last_failure":null,"cause":null}}}}.
     */
    public String json() {
        StringBuilder json = new StringBuilder("{\"status\":").append(Json.quote(state.name()))
                .append(",\"issuers\":{");
        String separator = "";
        for (Map.Entry<String, Source> entry : sources.entrySet()) {
            Source source = entry.getValue();
            json.append(separator).append(Json.quote(entry.getKey()))
                    .append(":{\"status\":").append(Json.quote(source.state().name()))
                    .append(",\"keys\":").append(source.keys())
                    .append(",\"last_success\":").append(quoted(source.lastSuccess().map(Instant::toString)))
                    .append(",\"last_failure\":").append(quoted(source.lastFailure().map(Instant::toString)))
                    .append(",\"cause\":").append(quoted(source.cause()))
                    .append('}');
            separator = ",";
        }
        return json.append("}}").toString();
    }

    private static String quoted(Optional<String> value) {
        return value.map(Json::quote).orElse("null");
    }
}
