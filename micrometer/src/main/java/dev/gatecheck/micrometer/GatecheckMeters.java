package dev.gatecheck.micrometer;

import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.events.Health;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gatecheck's meters on a Micrometer {@link MeterRegistry}: register it as a listener of the configuration
 * ({@code GatecheckConfig.builder().listener(new GatecheckMeters(registry))}), one engine per instance.
 *
 * <ul>
 *   <li>{@value #REQUESTS} (counter): tags {@code outcome} ({@code allow}, {@code deny}), {@code code} and
 *       {@code reason} of a denial ({@code none} when allowed), {@code route} (the configured route name),
 *       {@code method} ({@code token}, {@code gateway}, {@code webhook}, {@code none});</li>
 *   <li>{@value #VERIFICATION} (timer with a percentile histogram): tag {@code cache} ({@code hit},
 *       {@code miss});</li>
 *   <li>{@value #KEY_FETCHES} (counter): tags {@code issuer} (the configured name) and {@code result}
 *       ({@code success}, {@code failure});</li>
 *   <li>{@value #KEY_AGE} (gauge, seconds since the keys were loaded) and {@value #KEY_STATE} (gauge: 1 UP, 0.5
 *       DEGRADED, 0 DOWN), tag {@code issuer};</li>
 *   <li>{@value #TOKEN_CACHE_SIZE} (gauge) and {@value #SPOOF_ATTEMPTS} (counter, tag {@code route}).</li>
 * </ul>
 *
 * Tags only ever hold configured names, error codes and reasons: never a path, a subject, a token or a {@code kid}
 * from a request, so the number of series stays bounded whatever clients send.
 */
public final class GatecheckMeters implements GatecheckListener {
    public static final String REQUESTS = "gatecheck.requests";
    public static final String VERIFICATION = "gatecheck.verification";
    public static final String KEY_FETCHES = "gatecheck.keys.fetches";
    public static final String KEY_AGE = "gatecheck.keys.age";
    public static final String KEY_STATE = "gatecheck.keys.state";
    public static final String TOKEN_CACHE_SIZE = "gatecheck.token.cache.size";
    public static final String SPOOF_ATTEMPTS = "gatecheck.spoof.attempts";
    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final Timer cacheHits;
    private final Timer cacheMisses;
    /** The counters met so far, so an event costs a map lookup rather than a registry lookup. */
    private final Map<RequestTags, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> fetchSuccesses = new ConcurrentHashMap<>();
    private final Map<String, Counter> fetchFailures = new ConcurrentHashMap<>();
    private final Map<String, Counter> spoofAttempts = new ConcurrentHashMap<>();

    private record RequestTags(String outcome, String code, String reason, String route, String method) {
    }

    /** Meters on {@code registry}. */
    public GatecheckMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cacheHits = verificationTimer("hit");
        this.cacheMisses = verificationTimer("miss");
    }

    @Override
    public void onDecision(Decided event) {
        RequestTags tags = new RequestTags(event.outcome().key(), event.code().map(c -> c.code()).orElse(NONE),
                event.reason().orElse(NONE), event.route(),
                event.method().map(m -> m.name().toLowerCase(Locale.ROOT)).orElse(NONE));
        requests.computeIfAbsent(tags, t -> Counter.builder(REQUESTS)
                .description("Requests Gatecheck decided, by outcome, error code, reason, route and auth method")
                .tags("outcome", t.outcome, "code", t.code, "reason", t.reason, "route", t.route, "method", t.method)
                .register(registry)).increment();
    }

    @Override
    public void onVerification(Verification event) {
        (event.cacheHit() ? cacheHits : cacheMisses).record(event.duration());
    }

    @Override
    public void onKeyFetch(KeyFetch event) {
        Map<String, Counter> counters = event.success() ? fetchSuccesses : fetchFailures;
        counters.computeIfAbsent(event.source(), issuer -> Counter.builder(KEY_FETCHES)
                .description("Key-source fetches (JWKS, key file reads, ALB keys) by issuer and result")
                .tags("issuer", issuer, "result", event.success() ? "success" : "failure")
                .register(registry)).increment();
    }

    @Override
    public void onSpoofAttempt(SpoofAttempt event) {
        spoofAttempts.computeIfAbsent(event.route(), route -> Counter.builder(SPOOF_ATTEMPTS)
                .description("Requests whose identity headers were not believed (stripped or rejected)")
                .tag("route", route)
                .register(registry)).increment();
    }

    /** Registers the gauges that read {@code engine}: key age and state per issuer, the token cache size. */
    @Override
    public void onStart(Engine engine) {
        for (String issuer : engine.health().sources().keySet()) {
            Gauge.builder(KEY_AGE, engine, e -> e.health().keyAge(issuer).map(GatecheckMeters::seconds)
                            .orElse(Double.NaN))
                    .description("Seconds since the issuer's keys were loaded").baseUnit("seconds")
                    .tag("issuer", issuer).strongReference(true).register(registry);
            Gauge.builder(KEY_STATE, engine, e -> state(e.health().sources().get(issuer)))
                    .description("Key-source state: 1 UP, 0.5 DEGRADED (stale keys serving), 0 DOWN (no usable keys)")
                    .tag("issuer", issuer).strongReference(true).register(registry);
        }
        Gauge.builder(TOKEN_CACHE_SIZE, engine, Engine::cachedTokens)
                .description("Verified tokens cached").strongReference(true).register(registry);
    }

    private Timer verificationTimer(String cache) {
        return Timer.builder(VERIFICATION)
                .description("Token verifications, answered from the verified-token cache (hit) or not (miss)")
                .tag("cache", cache)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }

    private static double seconds(Duration age) {
        return age.toMillis() / 1000.0;
    }

    private static double state(Health.Source source) {
        if (source == null) {
            return Double.NaN;
        }
        return switch (source.state()) {
            case UP -> 1;
            case DEGRADED -> 0.5;
            case DOWN -> 0;
        };
    }
}
