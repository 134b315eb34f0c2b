package dev.gatecheck.keys;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatecheck.internal.HttpFetch;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys published one per {@code kid} as PEM at a URL template (AWS ALB:
 * {@code https://public-keys.auth.elb.<region>.amazonaws.com/<kid>}). The {@code kid} must look like an id
 * (letters, digits, {@code -}, at most 64) before it goes into a URL; keys are cached by kid (Caffeine, bounded),
 * failures are remembered for a minute so a flood of kids cannot turn into a flood of fetches, and a request waits
 * at most a short bound.
 */
public final class PemByKidKeySource implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(PemByKidKeySource.class);
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** How long a failed fetch (no answer, or an answer other than 403/404) is remembered and answered 503. */
    private static final Duration OUTAGE_RETRY = Duration.ofSeconds(5);

    private final String template;
    private final SignatureAlgorithm algorithm;
    private final HttpFetch fetch;
    private final Duration maxWait;
    private final AsyncLoadingCache<String, Fetched> keys;

    /**
     * What fetching one kid gave: its key; no such key (the URL answered 403 or 404, or no usable PEM: a bad token);
     * or an outage (no answer, or another status: the operator's problem, answered 503).
     */
    private record Fetched(Optional<VerificationKey> key, boolean outage) {
        static final Fetched NO_SUCH_KEY = new Fetched(Optional.empty(), false);
        static final Fetched OUTAGE = new Fetched(Optional.empty(), true);
    }

    /**
     * A source for {@code template} (containing {@code {kid}}) whose keys verify {@code algorithm}.
     *
     * @throws IllegalArgumentException when the template is not an https URL (http only to loopback hosts)
     */
    public PemByKidKeySource(String template, SignatureAlgorithm algorithm, Duration timeout, Clock clock) {
        if (!template.contains("{kid}")) {
            throw new IllegalArgumentException("key URL template '" + template + "' lacks {kid}");
        }
        HttpFetch.checkAllowed(URI.create(template.replace("{kid}", "kid")));
        this.template = template;
        this.algorithm = algorithm;
        this.fetch = new HttpFetch(timeout);
        this.maxWait = Duration.ofSeconds(1);
        this.keys = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumSize(256)
                .expireAfter(new com.github.benmanes.caffeine.cache.Expiry<String, Fetched>() {
                    @Override
                    public long expireAfterCreate(String kid, Fetched fetched, long now) {
                        return (fetched.key().isPresent() ? Duration.ofHours(24)
                                : fetched.outage() ? OUTAGE_RETRY : Duration.ofMinutes(1)).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String kid, Fetched fetched, long now, long current) {
                        return expireAfterCreate(kid, fetched, now);
                    }

                    @Override
                    public long expireAfterRead(String kid, Fetched fetched, long now, long current) {
                        return current;
                    }
                })
                .buildAsync((kid, executor) -> load(kid));
    }

    @Override
    public KeyLookup find(Optional<String> kid, SignatureAlgorithm alg) {
        if (kid.isEmpty() || !KID.matcher(kid.get()).matches()) {
            return new KeyLookup.Missing("unknown_key");
        }
        if (alg != algorithm) {
            return new KeyLookup.Missing("key_algorithm_mismatch");
        }
        CompletableFuture<Fetched> key = keys.get(kid.get());
        try {
            Fetched fetched = key.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            if (fetched.outage()) {
                return new KeyLookup.Unavailable("key_fetch_failed", OUTAGE_RETRY);
            }
            return fetched.key().<KeyLookup>map(KeyLookup.Found::new).orElse(new KeyLookup.Missing("unknown_key"));
        } catch (TimeoutException | ExecutionException e) {
            return new KeyLookup.Unavailable("key_fetch_pending", Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KeyLookup.Unavailable("interrupted", Duration.ofSeconds(1));
        }
    }

    private CompletableFuture<Fetched> load(String kid) {
        URI uri = URI.create(template.replace("{kid}", kid));
        return fetch.get(uri).handle((response, error) -> {
            if (error != null) {
                int status = -1;
                for (Throwable t = error; t != null; t = t.getCause()) {
                    if (t instanceof HttpFetch.FetchException fetchError) {
                        status = fetchError.status();
                        break;
                    }
                }
                LOG.warn("key {} from {} unavailable: {}", kid, template, error.getCause() != null
                        ? error.getCause().getMessage() : error.getMessage());
                // 403/404: the URL has no such key (S3 answers 403 for a missing object); anything else is an outage
                return status == 403 || status == 404 ? Fetched.NO_SUCH_KEY : Fetched.OUTAGE;
            }
            try {
                LoadedKeys loaded = VerificationKeys.fromPem(response.body(), java.util.Set.of(algorithm));
                return loaded.keys().keys().stream().findFirst()
                        .map(k -> new Fetched(Optional.of(VerificationKeys.publicKey(Optional.of(kid), k.publicKey(),
                                algorithm)), false))
                        .orElse(Fetched.NO_SUCH_KEY);
            } catch (IllegalArgumentException e) {
                LOG.warn("key {} from {} refused: {}", kid, template, e.getMessage());
                return Fetched.NO_SUCH_KEY;
            }
        });
    }
}
