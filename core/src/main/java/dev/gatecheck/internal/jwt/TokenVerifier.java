package dev.gatecheck.internal.jwt;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.auth.RevocationList;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.internal.HttpFetch;
import dev.gatecheck.internal.Memo;
import dev.gatecheck.internal.token.B64Token;
import dev.gatecheck.keys.KeyLookup;
import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import dev.gatecheck.route.Route;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens: strict pre-check, issuer selection by the (unverified) {@code iss}, key lookup,
 * signature through JCA, claim rules, identity. Immutable and thread-safe; every time check reads the one
 * {@link Clock}. A refusal carries a short reason, never the token.
 */
public final class TokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);

    private final TokenPrecheck precheck;
    private final Map<String, Issuer> issuers;
    private final Clock clock;
    private final TokenProfile profile;
    private final VerifiedTokenCache cache;
    private final Introspection introspection;
    private final RevocationList revocations;
    /** Who hears each verification; null when nobody does (then nothing is timed). */
    private final GatecheckListener events;

    /** An accepted issuer; {@code unbound} is the one confirmation all its tokens without {@code cnf} share. */
    private record Issuer(IssuerConfig config, KeySource keys, ClaimRules rules, IdentityMapping identities,
                          Confirmation unbound) {
    }

    /**
     * A verifier accepting JWTs of {@code issuers}, with each issuer's keys from {@code keys}, shaped by
     * {@code profile}, caching up to {@code cacheMaxSize} verified tokens (0: none) for at most {@code cacheTtl} each.
     */
    public TokenVerifier(List<IssuerConfig> issuers, Function<IssuerConfig, KeySource> keys, Clock clock,
                         TokenProfile profile, int cacheMaxSize, Duration cacheTtl) {
        this(issuers, keys, clock, profile, cacheMaxSize, cacheTtl, Optional.empty());
    }

    /** The same verifier, telling {@code events} of each verdict. */
    public TokenVerifier(List<IssuerConfig> issuers, Function<IssuerConfig, KeySource> keys, Clock clock,
                         TokenProfile profile, int cacheMaxSize, Duration cacheTtl,
                         Optional<GatecheckListener> events) {
        this(issuers, keys, clock, profile, cacheMaxSize, cacheTtl, events, null, null);
    }

    private TokenVerifier(List<IssuerConfig> issuers, Function<IssuerConfig, KeySource> keys, Clock clock,
                          TokenProfile profile, int cacheMaxSize, Duration cacheTtl,
                          Optional<GatecheckListener> events, GatecheckConfig engine, EngineResources resources) {
        Set<SignatureAlgorithm> allowed = EnumSet.noneOf(SignatureAlgorithm.class);
        Map<String, Issuer> byIssuer = new HashMap<>();
        List<IssuerIntrospection> introspecting = new ArrayList<>();
        for (IssuerConfig config : issuers) {
            allowed.addAll(config.algorithms());
            Issuer issuer = new Issuer(config, keys.apply(config), new ClaimRules(config),
                    new IdentityMapping(config, profile.method()), Confirmation.none(config));
            byIssuer.put(config.issuer(), issuer);
            if (engine != null && config.introspection().isPresent()) {
                introspecting.add(introspection(issuer, engine, resources));
            }
        }
        this.profile = profile;
        this.precheck = new TokenPrecheck(allowed, profile.paddedSegments());
        this.issuers = Map.copyOf(byIssuer);
        this.clock = clock;
        this.cache = VerifiedTokenCache.create(cacheMaxSize, cacheTtl, clock);
        this.events = events.orElse(null);
        this.introspection = introspecting.isEmpty() ? null : new Introspection(introspecting);
        this.revocations = engine == null ? null : engine.revocations().orElseGet(() -> defaultRevocations(engine));
    }

    /**
     * The bearer-token verifier of an engine configured by {@code config}: its issuers' JWTs with their keys from
     * {@code keys}, introspection (RFC 7662) where an issuer has it, on {@code resources}' HTTP client, and the
     * configured revocations (else a list in memory), telling {@code events} of each verdict.
     */
    public static TokenVerifier bearer(GatecheckConfig config, Function<IssuerConfig, KeySource> keys,
                                       EngineResources resources, Optional<GatecheckListener> events) {
        return new TokenVerifier(config.issuers(), keys, config.clock(), TokenProfile.BEARER,
                config.tokenCacheMaxSize(), config.tokenCacheTtl(), events, config, resources);
    }

    private static IssuerIntrospection introspection(Issuer issuer, GatecheckConfig engine,
                                                     EngineResources resources) {
        HttpFetch fetch = new HttpFetch(resources.httpClient(), resources.scheduler(), engine.introspectionTimeout(),
                IntrospectionClient.MAX_BODY_BYTES);
        IntrospectionClient client = new IntrospectionClient(issuer.config, fetch,
                new SignedIntrospection(issuer.config, issuer.keys, engine.clock()), engine.clock());
        IntrospectionCache cache = new IntrospectionCache(engine.introspectionCacheTtl(),
                engine.introspectionNegativeTtl(), engine.tokenCacheMaxSize(), engine.clock());
        return new IssuerIntrospection(issuer.config, client, cache, issuer.rules, issuer.identities, issuer.unbound,
                engine.clock(), engine.introspectionTimeout());
    }

    /** Revocations kept in memory as long as the longest token lifetime any issuer accepts. */
    private static RevocationList defaultRevocations(GatecheckConfig engine) {
        Duration retention = engine.issuers().stream().map(IssuerConfig::maxLifetime).max(Duration::compareTo)
                .orElse(Duration.ofHours(24));
        return RevocationList.inMemory(engine.clock(), retention, 100_000);
    }

    /**
     * The verdict on a bearer {@code token} on a route with {@code rule}: a JWT verified (and introspected too under
     * {@code introspect=always}), a token that is not a JWT introspected where an issuer does that; then, whichever
     * way it verified, refused as {@code revoked} when the revocation list names it.
     */
    public TokenResult verify(String token, Route.Introspection rule) {
        TokenResult result = introspection == null ? verify(token) : introspection.verify(token, rule, this::verify);
        return result instanceof TokenResult.Valid valid && revocations != null
                && revocations.isRevoked(valid.identity()) ? invalid("revoked") : result;
    }

    /**
     * Records {@code revocation} in the revocation list and drops every cached verification and introspection
     * answer it covers, so the next request with such a token is verified (and introspected) again.
     */
    public void revoke(RevocationList.Revocation revocation) {
        if (revocations != null) {
            revocations.revoke(revocation);
        }
        cache.evict(revocation::covers);
        if (introspection != null) {
            introspection.evict(revocation::covers);
        }
    }

    /** The verdict on {@code token}. */
    public TokenResult verify(String token) {
        if (events == null) {
            TokenResult cached = fromCache(token);
            return cached != null ? cached : verifyFully(token);
        }
        long start = System.nanoTime();
        TokenResult cached = fromCache(token);
        TokenResult result = cached != null ? cached : verifyFully(token);
        events.onVerification(new GatecheckListener.Verification(cached != null,
                result instanceof TokenResult.Valid, Duration.ofNanos(System.nanoTime() - start)));
        return result;
    }

    /** The verdict from the verified-token cache, or null when it has none valid for the current keys. */
    private TokenResult fromCache(String token) {
        VerifiedTokenCache.Entry hit = cache.get(token);
        if (hit == null) {
            return null;
        }
        Issuer issuer = (Issuer) hit.issuer();
        if (hit.keyVersion() != issuer.keys.version()) {
            hit = renewed(token, hit, issuer);
            if (hit == null) {
                return null;
            }
        }
        Optional<String> failure = issuer.rules.checkTimes(hit.exp(), hit.nbf(), hit.iat(), clock.millis() / 1000);
        return failure.isPresent() ? invalid(failure.get())
                : new TokenResult.Valid(hit.identity(), hit.memo(), hit.confirmation());
    }

    /**
     * An entry made under an older key set, good under the current one when that still holds the very key that
     * verified it (a rotation adds or removes other keys): a rotation then costs each cached token a key lookup, not
     * a signature check. Null when that key is gone or changed, and the token is verified again.
     */
    private VerifiedTokenCache.Entry renewed(String token, VerifiedTokenCache.Entry hit, Issuer issuer) {
        long version = issuer.keys.version(); // read first, as a verification does: a change after this renews again
        KeyLookup lookup = issuer.keys.find(hit.identity().keyId(), hit.key().algorithm());
        if (!(lookup instanceof KeyLookup.Found found && found.key().sameKey(hit.key()))) {
            return null;
        }
        VerifiedTokenCache.Entry renewed = hit.withKeyVersion(version);
        cache.put(token, renewed);
        return renewed;
    }

    /** How many verified tokens are cached (approximate). */
    public long cachedTokens() {
        return cache.size();
    }

    private TokenResult verifyFully(String token) {
        ParsedToken parsed;
        try {
            parsed = precheck.parse(token);
        } catch (TokenFailure e) {
            // RFC 6750: a bearer token outside the b64token grammar is a malformed request, not a bad token. Only a
            // token the pre-check refused can be one (three canonical base64url segments are b64token), so the
            // grammar is checked here, off the path of every valid token.
            if (profile.method() == AuthMethod.TOKEN && !B64Token.matches(token)) {
                return new TokenResult.Invalid(Rejection.of(ErrorCode.INVALID_REQUEST, "malformed_token"));
            }
            return invalid(e.reason());
        }
        Issuer issuer = parsed.claimedIssuer().map(issuers::get).orElse(null);
        if (issuer == null) {
            return invalid("issuer_invalid");
        }
        if (!issuer.config.algorithms().contains(parsed.algorithm())) {
            return invalid("alg_not_allowed");
        }
        // Required header values (ALB signer) are checked before any key lookup, so a token from another
        // gateway never causes a key fetch; they are signed, so the verdict is the same as checking after.
        for (var required : profile.requiredHeaders().entrySet()) {
            if (!(parsed.header().get(required.getKey()) instanceof String value && required.getValue().contains(value))) {
                return invalid(required.getKey() + "_not_allowed");
            }
        }
        long keyVersion = issuer.keys.version(); // read first: a change after this re-verifies
        KeyLookup lookup = issuer.keys.find(parsed.kid(), parsed.algorithm());
        if (lookup instanceof KeyLookup.Unavailable unavailable) {
            LOG.debug("keys of issuer {} unavailable: {}", issuer.config.issuer(), unavailable.reason());
            return new TokenResult.Invalid(Rejection.unavailable("keys_unavailable", unavailable.retryAfter()));
        }
        if (lookup instanceof KeyLookup.Missing missing) {
            return invalid(missing.reason());
        }
        VerificationKey key = ((KeyLookup.Found) lookup).key();
        if (!parsed.verifiedBy(key)) {
            return invalid("bad_signature");
        }
        precheck.headerVerified(parsed);
        ClaimRules.Times times = ClaimRules.Times.of(parsed.claims());
        TokenResult.Invalid failure = claimFailure(parsed, times, issuer);
        if (failure != null) {
            return failure;
        }
        Identity identity = issuer.identities.identity(parsed.claims(), parsed.kid(), () -> claimsOf(token));
        Memo memo = new Memo();
        Confirmation confirmation = issuer.unbound.of(parsed.claims());
        cache.put(token, new VerifiedTokenCache.Entry(issuer, identity, memo, confirmation, key, keyVersion, times));
        return new TokenResult.Valid(identity, memo, confirmation);
    }

    /** The claims of a token that verified before, parsed again: a cached identity holds no parsed copy. */
    private Map<String, Object> claimsOf(String token) {
        try {
            return precheck.parse(token).claims();
        } catch (TokenFailure e) {
            throw new IllegalStateException("a verified token no longer parses: " + e.reason(), e);
        }
    }

    /** The claim rules, evaluated on every use (they depend on the time), audience last; null when all hold. */
    private TokenResult.Invalid claimFailure(ParsedToken parsed, ClaimRules.Times times, Issuer issuer) {
        Optional<String> failure = issuer.rules.check(parsed, times, clock.millis() / 1000);
        if (failure.isPresent()) {
            return invalid(failure.get());
        }
        if (!issuer.rules.audienceAccepted(parsed)) {
            return new TokenResult.Invalid(Rejection.of(ErrorCode.INVALID_AUDIENCE, "invalid_audience"));
        }
        return null;
    }

    private static TokenResult.Invalid invalid(String reason) {
        LOG.debug("token refused: {}", reason);
        return new TokenResult.Invalid(Rejection.of(ErrorCode.INVALID_TOKEN, reason));
    }
}
