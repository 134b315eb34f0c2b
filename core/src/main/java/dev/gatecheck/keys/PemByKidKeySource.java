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

    private final String template;
    private final SignatureAlgorithm algorithm;
    private final HttpFetch fetch;
    private final Duration maxWait;
    private final AsyncLoadingCache<String, Optional<VerificationKey>> keys;

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
                .expireAfter(new com.github.benmanes.caffeine.cache.Expiry<String, Optional<VerificationKey>>() {
                    @Override
                    public long expireAfterCreate(String kid, Optional<VerificationKey> key, long now) {
                        return (key.isPresent() ? Duration.ofHours(24) : Duration.ofMinutes(1)).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String kid, Optional<VerificationKey> key, long now, long current) {
                        return expireAfterCreate(kid, key, now);
                    }

                    @Override
                    public long expireAfterRead(String kid, Optional<VerificationKey> key, long now, long current) {
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
        CompletableFuture<Optional<VerificationKey>> key = keys.get(kid.get());
        try {
            return key.get(maxWait.toMillis(), TimeUnit.MILLISECONDS)
                    .<KeyLookup>map(KeyLookup.Found::new)
                    .orElse(new KeyLookup.Missing("unknown_key"));
        } catch (TimeoutException | ExecutionException e) {
            return new KeyLookup.Unavailable("key_fetch_pending", Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KeyLookup.Unavailable("interrupted", Duration.ofSeconds(1));
        }
    }

    private CompletableFuture<Optional<VerificationKey>> load(String kid) {
        URI uri = URI.create(template.replace("{kid}", kid));
        return fetch.get(uri).handle((response, error) -> {
            if (error != null) {
                LOG.warn("key {} from {} unavailable: {}", kid, template, error.getCause() != null
                        ? error.getCause().getMessage() : error.getMessage());
                return Optional.empty();
            }
            try {
                LoadedKeys loaded = VerificationKeys.fromPem(response.body(), java.util.Set.of(algorithm));
                return loaded.keys().keys().stream().findFirst()
                        .map(k -> VerificationKeys.publicKey(Optional.of(kid), k.publicKey(), algorithm));
            } catch (IllegalArgumentException e) {
                LOG.warn("key {} from {} refused: {}", kid, template, e.getMessage());
                return Optional.empty();
            }
        });
    }
}
