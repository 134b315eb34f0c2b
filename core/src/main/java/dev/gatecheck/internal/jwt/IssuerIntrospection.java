package dev.gatecheck.internal.jwt;

import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.internal.HttpFetch;
import dev.gatecheck.internal.Memo;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One issuer's introspection on the request path: the answer from the cache or one shared call, waited for at most
 * the timeout, then the claim rules on every use. {@code active: false} is a 401 {@code inactive}; an endpoint that
 * cannot answer (down, slow, a bad answer) is a 503 with {@code Retry-After}, never a 401 or a 500.
 */
final class IssuerIntrospection {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerIntrospection.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final IssuerConfig issuer;
    private final IntrospectionClient client;
    private final IntrospectionCache cache;
    private final ClaimRules rules;
    private final IdentityMapping identities;
    private final Clock clock;
    private final Duration timeout;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Confirmation unbound;

    /** {@code unbound}: the issuer's one confirmation of a token without {@code cnf}, shared with its JWTs. */
    IssuerIntrospection(IssuerConfig issuer, IntrospectionClient client, IntrospectionCache cache, ClaimRules rules,
                        IdentityMapping identities, Confirmation unbound, Clock clock, Duration timeout) {
        this.issuer = issuer;
        this.client = client;
        this.cache = cache;
        this.rules = rules;
        this.identities = identities;
        this.clock = clock;
        this.timeout = timeout;
        this.unbound = unbound;
    }

    IssuerConfig issuer() {
        return issuer;
    }

    /** The verdict of this issuer's endpoint on {@code token}. */
    TokenResult introspect(String token) {
        TokenHash hash = TokenHash.of(token);
        CompletableFuture<Introspected> answer = cache.get(hash,
                () -> client.introspect(token).thenApply(this::introspected));
        Introspected result;
        try {
            result = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cache.abandon(hash, answer);
            return unavailable("timed out");
        } catch (ExecutionException e) {
            return unavailable(e.getCause() instanceof HttpFetch.FetchException fetch ? fetch.getMessage()
                    : "failed (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
        if (failing.compareAndSet(true, false)) {
            LOG.info("introspection at {} answers again", client.describe());
        }
        if (!(result instanceof Introspected.Active active)) {
            return Introspection.invalid("inactive");
        }
        Optional<String> failure = rules.checkIntrospected(active.claims(), clock.millis() / 1000);
        if (failure.isPresent()) {
            return Introspection.invalid(failure.get());
        }
        if (active.claims().containsKey("aud") && !rules.audienceAccepted(active.claims())) {
            return new TokenResult.Invalid(Rejection.of(ErrorCode.INVALID_AUDIENCE, "invalid_audience"));
        }
        return new TokenResult.Valid(active.identity(), active.memo(), active.confirmation());
    }

    void evict(Predicate<Identity> covered) {
        cache.evict(covered);
    }

    /** An answer as the request path uses it; the issuer stands in for an absent {@code iss}. */
    private Introspected introspected(Optional<Map<String, Object>> members) {
        if (members.isEmpty()) {
            return Introspected.INACTIVE;
        }
        Map<String, Object> claims = new LinkedHashMap<>(members.get());
        claims.putIfAbsent("iss", issuer.issuer());
        Long exp;
        try {
            exp = ClaimRules.numericDate(claims, "exp");
            ClaimRules.numericDate(claims, "nbf");
            ClaimRules.numericDate(claims, "iat");
        } catch (IllegalArgumentException e) {
            throw new HttpFetch.FetchException("answer has an exp, nbf or iat that is not a number");
        }
        Map<String, Object> frozen = Collections.unmodifiableMap(claims);
        return new Introspected.Active(frozen, identities.identity(frozen, Optional.empty()), new Memo(),
                unbound.of(frozen), exp == null ? Long.MAX_VALUE : exp);
    }

    private TokenResult unavailable(String reason) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("introspection at {} failed ({}); requests with its tokens get 503 until it answers",
                    client.describe(), reason);
        } else {
            LOG.debug("introspection at {} failed ({})", client.describe(), reason);
        }
        return new TokenResult.Invalid(Rejection.unavailable("introspection_unavailable", RETRY_AFTER));
    }
}
