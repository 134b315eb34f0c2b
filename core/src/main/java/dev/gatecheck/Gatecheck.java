package dev.gatecheck;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.HeaderChanges;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig.Preflight;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.internal.Memo;
import dev.gatecheck.internal.RequestPath;
import dev.gatecheck.internal.gateway.GatewayOutcome;
import dev.gatecheck.internal.gateway.GatewayTrust;
import dev.gatecheck.internal.jwt.TokenProfile;
import dev.gatecheck.internal.jwt.TokenResult;
import dev.gatecheck.internal.jwt.TokenVerifier;
import dev.gatecheck.internal.token.Credential;
import dev.gatecheck.internal.token.CredentialExtractor;
import dev.gatecheck.internal.webhook.WebhookVerifier;
import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.KeySources;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.ResourcePolicy;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.RouteTable;
import dev.gatecheck.webhook.ReplayGuard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: built once from a {@link GatecheckConfig}, immutable and thread-safe, it answers for every
 * request who is calling and whether the request may go on. Adapters call {@link #authenticate} and apply
 * the {@link Decision}; every rule lives here. {@link #close()} it when the application stops.
 */
public final class Gatecheck implements AutoCloseable {
    /**
     * The request attribute (servlet) or property (JAX-RS {@code ContainerRequestContext}) under which an adapter
     * leaves the {@link Decision.Allow} it applied. An adapter that finds one checks it against its own route
     * view through {@link #reuse} instead of authenticating the request a second time; the JAX-RS adapter inside a
     * servlet filtered by the servlet adapter does so.
     */
    public static final String DECISION_ATTRIBUTE = "dev.gatecheck.auth.Decision";

    private static final Logger LOG = LoggerFactory.getLogger(Gatecheck.class);

    private final GatecheckConfig config;
    private final EngineResources resources;
    private final RouteTable routes;
    private final CredentialExtractor credentials;
    private final TokenVerifier tokens;
    private final IdentityHeaders identityHeaders;
    private final Optional<GatewayTrust> gateway;
    private final boolean rejectUntrusted;
    private final AtomicLong spoofAttempts = new AtomicLong();
    private final Map<String, WebhookVerifier> webhooks;

    private Gatecheck(GatecheckConfig config, EngineResources resources) {
        this.config = config;
        this.resources = resources;
        this.routes = config.routes();
        this.credentials = new CredentialExtractor(config.tokenSources(), config.tokenMaxLength());
        Function<IssuerConfig, KeySource> keys = issuer -> startKeys(issuer, config, resources);
        this.tokens = new TokenVerifier(config.issuers(), keys, config.clock(), TokenProfile.BEARER,
                config.tokenCacheMaxSize(), config.tokenCacheTtl());
        this.gateway = config.gateway().map(g -> GatewayTrust.create(g, keys, config.clock(),
                config.tokenCacheMaxSize(), config.tokenCacheTtl()));
        this.rejectUntrusted = config.gateway().map(GatewayConfig::rejectUntrusted).orElse(false);
        ReplayGuard replays = config.replayGuard().orElseGet(() -> ReplayGuard.inMemory(config.clock(), 100_000));
        Map<String, WebhookVerifier> verifiers = new HashMap<>();
        for (Route route : routes.routes()) {
            route.webhook().ifPresent(spec -> verifiers.put(route.name(),
                    new WebhookVerifier(route.name(), spec, replays, config.clock())));
        }
        this.webhooks = Map.copyOf(verifiers);
        this.identityHeaders = new IdentityHeaders(config.forwardHeaders(), config.hideAuthorization(),
                gateway.map(GatewayTrust::hiddenHeaders).orElse(Set.of()),
                gateway.map(GatewayTrust::hiddenPrefixes).orElse(Set.of()));
        for (IssuerConfig issuer : config.issuers()) {
            LOG.info("Gatecheck accepts tokens of {} ({}; algorithms {})", issuer.issuer(), issuer.keyDescription(),
                    new TreeSet<>(issuer.algorithms()));
        }
        LOG.info("Gatecheck default mode {}, {} route(s)", config.mode().key(), routes.routes().size());
    }

    /**
     * The engine for {@code config}: starts the key sources (a JWKS fetch begins at once, in the background), on
     * threads and an HTTP client of its own, which {@link #close()} releases. Engines built from one configuration
     * share nothing.
     *
     * @throws ConfigException when a key file configured earlier can no longer be read
     */
    public static Gatecheck create(GatecheckConfig config) {
        EngineResources resources = new EngineResources();
        try {
            return new Gatecheck(config, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** The key source of {@code issuer}, started on {@code resources}; a key file broken since is named. */
    private static KeySource startKeys(IssuerConfig issuer, GatecheckConfig config, EngineResources resources) {
        try {
            return KeySources.start(issuer.keys(), issuer.hmacKey(), issuer.algorithms(), config.jwks(),
                    config.clock(), resources);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(issuer.prefix() + "public-key-location", e.getMessage());
        }
    }

    /** The configuration this engine was built from. */
    public GatecheckConfig config() {
        return config;
    }

    /**
     * The view of a request Gatecheck has not authenticated, e.g. a container's error dispatch for a request that
     * never reached the adapter: no identity, and client-sent identity headers (and {@code Authorization} when
     * configured) hidden as on every other request.
     */
    public Decision.Allow unauthenticated() {
        return new Decision.Allow(Optional.empty(), identityHeaders.anonymous(), "(none)");
    }

    /** Decides {@code request}: never throws for bad input; a bad credential is a {@link Decision.Deny}. */
    public Decision authenticate(AuthRequest request) {
        return authenticate(request, Optional.empty());
    }

    /**
     * Decides {@code request} for a resource that declares its own access rule (e.g. JAX-RS annotations):
     * {@code policy} replaces the route table's rule for it as {@link ResourcePolicy#applyTo} describes; without
     * a policy the route table decides, as in {@link #authenticate(AuthRequest)}.
     *
     * <p>A CORS preflight (exactly what a browser sends: no body, no credential) passes anonymously under
     * {@code gatecheck.preflight=skip}, unless its route is {@code deny} or {@code policy} is given: those always
     * apply. Any other {@code OPTIONS} request is authenticated like every request of its route.
     */
    public Decision authenticate(AuthRequest request, Optional<ResourcePolicy> policy) {
        Optional<Route> resolved = route(request, policy);
        if (resolved.isEmpty()) {
            return deny(Rejection.of(ErrorCode.INVALID_REQUEST, "malformed_path"), "(none)");
        }
        Route route = resolved.get();
        if (policy.isEmpty() && route.mode() != AuthMode.DENY && skipsPreflight(request)) {
            return new Decision.Allow(Optional.empty(), identityHeaders.anonymous(), route.name());
        }
        return switch (route.mode()) {
            case DENY -> deny(Rejection.of(ErrorCode.FORBIDDEN, "route_denied"), route.name());
            case PUBLIC -> bearer(request, route, false);
            case TOKEN -> bearer(request, route, true);
            case GATEWAY, GATEWAY_OR_TOKEN -> viaGateway(request, route);
            case WEBHOOK -> webhook(request, route);
        };
    }

    /** The route that decides {@code request}: the route table's, replaced by {@code policy}; empty for a malformed path. */
    private Optional<Route> route(AuthRequest request, Optional<ResourcePolicy> policy) {
        return route(request).map(matched -> policy.map(resource -> resource.applyTo(matched, config.mode()))
                .orElse(matched));
    }

    /**
     * The body an adapter must buffer before {@link #authenticate}: the route's limit on webhook routes (read at
     * most limit + 1 bytes), empty elsewhere (never read the body then). Also empty when the request declares a
     * {@code Content-Length} over the limit and waits for {@code 100 Continue}: {@link #authenticate} refuses it
     * (413) without asking for the body. (A body already on its way is read up to the limit + 1, so that a small
     * excess is consumed and the container can close the connection cleanly.) An {@code OPTIONS} request that
     * looks like a CORS preflight is read too: a browser's has no body, and one that arrives anyway (HTTP/2 needs
     * no {@code Content-Length}) makes it an ordinary request, whose signature is checked.
     */
    public OptionalLong bodyLimit(AuthRequest request) {
        Optional<Route> matched = route(request);
        if (matched.isEmpty()) {
            return OptionalLong.empty();
        }
        Optional<BodyLimit> limit = bodyLimit(matched.get());
        return limit.isEmpty() || (limit.get().declaredOver(request) && waitsForContinue(request))
                ? OptionalLong.empty() : OptionalLong.of(limit.get().maxBytes());
    }

    /** The body {@code route} reads: a webhook's, or a gateway route's when the signature covers its digest. */
    private Optional<BodyLimit> bodyLimit(Route route) {
        return switch (route.mode()) {
            case WEBHOOK -> Optional.of(new BodyLimit(webhooks.get(route.name()).maxBody()));
            case GATEWAY, GATEWAY_OR_TOKEN -> gatewayBodyLimit();
            default -> Optional.empty();
        };
    }

    /** The body gateway routes read: when the {@code hmac} signature must cover {@code content-digest}. */
    private Optional<BodyLimit> gatewayBodyLimit() {
        OptionalLong max = gateway.map(GatewayTrust::maxBody).orElse(OptionalLong.empty());
        return max.isPresent() ? Optional.of(new BodyLimit(max.getAsLong())) : Optional.empty();
    }

    /** A 413 when {@code request} is over {@code limit}, on any path the route takes. */
    private Optional<Decision> tooLarge(AuthRequest request, Optional<BodyLimit> limit, Route route) {
        return limit.filter(l -> l.refuses(request, request.body().orElse(new byte[0])))
                .map(l -> deny(Rejection.of(ErrorCode.PAYLOAD_TOO_LARGE, "body larger than " + l.maxBytes() + " bytes"),
                        route.name()));
    }

    /**
     * The route of the request's path below its context; empty when the path is malformed, outside the context,
     * dispatched elsewhere by the container, or made ambiguous by a trailing {@code /}.
     */
    private Optional<Route> route(AuthRequest request) {
        return RequestPath.within(request.path(), request.contextPath(), request.dispatchedPath())
                .flatMap(path -> routes.match(request.method(), path));
    }

    private static boolean waitsForContinue(AuthRequest request) {
        return request.headers("Expect").stream().anyMatch(value -> value.trim().equalsIgnoreCase("100-continue"));
    }

    private Decision webhook(AuthRequest request, Route route) {
        WebhookVerifier verifier = webhooks.get(route.name());
        Optional<Decision> tooLarge = tooLarge(request, Optional.of(new BodyLimit(verifier.maxBody())), route);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        WebhookVerifier.Verdict verdict = verifier.verify(request, request.body().orElse(new byte[0]));
        if (verdict instanceof WebhookVerifier.Refused refused) {
            return deny(Rejection.of(ErrorCode.INVALID_SIGNATURE, refused.reason()), route.name());
        }
        // Identity headers are never accepted on webhook routes: the sender is the webhook identity.
        return allow(route, ((WebhookVerifier.Verified) verdict).identity(), new Memo());
    }

    /** How many requests carried identity headers that were stripped or rejected (spoof attempts). */
    public long spoofAttempts() {
        return spoofAttempts.get();
    }

    private Decision viaGateway(AuthRequest request, Route route) {
        // The body was read for the digest check: over the limit it is refused whichever way the route continues.
        Optional<Decision> tooLarge = tooLarge(request, gatewayBodyLimit(), route);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        GatewayOutcome outcome = gateway.orElseThrow().evaluate(request);
        if (outcome instanceof GatewayOutcome.Trusted trusted) {
            return allow(route, trusted.identity(), trusted.memo());
        }
        if (outcome instanceof GatewayOutcome.Unavailable unavailable) {
            return deny(unavailable.rejection(), route.name());
        }
        if (outcome instanceof GatewayOutcome.Failed failed) {
            spoof(request, route, failed.headerNames(), failed.reason(), "rejected");
            return deny(Rejection.of(ErrorCode.UNTRUSTED_IDENTITY_HEADERS, failed.reason()), route.name());
        }
        if (outcome instanceof GatewayOutcome.Untrusted untrusted) {
            spoof(request, route, untrusted.headerNames(), "no gateway marker", rejectUntrusted ? "rejected" : "stripped");
            if (rejectUntrusted) {
                return deny(Rejection.of(ErrorCode.UNTRUSTED_IDENTITY_HEADERS, "identity_headers_without_marker"),
                        route.name());
            }
        }
        // No trusted gateway identity: the token fallback, or no credential at all.
        return route.mode() == AuthMode.GATEWAY_OR_TOKEN ? bearer(request, route, true)
                : deny(Rejection.of(ErrorCode.MISSING_AUTHORIZATION_HEADER, "no_gateway_identity"), route.name());
    }

    private void spoof(AuthRequest request, Route route, List<String> headerNames, String reason, String action) {
        spoofAttempts.incrementAndGet();
        LOG.warn("untrusted identity headers {} {} on route {} from {} ({})", headerNames, action, route.name(),
                request.peerAddress().orElse("unknown peer"), reason);
    }

    /**
     * Decides a request that an earlier adapter already authenticated ({@code earlier}, found under
     * {@link #DECISION_ATTRIBUTE}), without looking at its credentials again (the earlier adapter may have hidden
     * them). The request is checked against this adapter's own route view, as {@link #authenticate} would: the
     * route table matched on {@code request}'s path below its context path, replaced by {@code policy}. So an
     * earlier adapter can only add checks, never remove one: a {@code deny} route is a 403; a {@code public} one
     * keeps {@code earlier}; {@code token}, {@code gateway} and {@code gateway-or-token} need an earlier identity
     * established that way (else the 401 {@link #authenticate} gives a request without a credential), a
     * {@code webhook} route a webhook identity of that same route (else 401 {@code invalid_signature}); then the
     * route's roles, scopes and claims (403). A CORS preflight the earlier adapter let through anonymously passes
     * where {@link #authenticate} would let it through (no policy, no {@code deny} route).
     */
    public Decision reuse(AuthRequest request, Decision.Allow earlier, Optional<ResourcePolicy> policy) {
        Optional<Route> resolved = route(request, policy);
        if (resolved.isEmpty()) {
            return deny(Rejection.of(ErrorCode.INVALID_REQUEST, "malformed_path"), "(none)");
        }
        Route route = resolved.get();
        if (earlier.identity().isEmpty() && policy.isEmpty() && route.mode() != AuthMode.DENY
                && skipsPreflight(request)) {
            return earlier;
        }
        Rejection noBearer = Rejection.of(ErrorCode.MISSING_AUTHORIZATION_HEADER, "no_bearer_token");
        return switch (route.mode()) {
            case DENY -> deny(Rejection.of(ErrorCode.FORBIDDEN, "route_denied"), route.name());
            case PUBLIC -> earlier;
            case TOKEN -> reused(earlier, route, noBearer, i -> i.method() == AuthMethod.TOKEN);
            case GATEWAY -> reused(earlier, route, Rejection.of(ErrorCode.MISSING_AUTHORIZATION_HEADER,
                    "no_gateway_identity"), i -> i.method() == AuthMethod.GATEWAY);
            case GATEWAY_OR_TOKEN -> reused(earlier, route, noBearer,
                    i -> i.method() == AuthMethod.GATEWAY || i.method() == AuthMethod.TOKEN);
            case WEBHOOK -> reused(earlier, route, Rejection.of(ErrorCode.INVALID_SIGNATURE, "unverified_webhook"),
                    i -> i.method() == AuthMethod.WEBHOOK && i.claim("route").equals(Optional.of(route.name())));
        };
    }

    /** {@code earlier} when its identity is one {@code route} accepts and meets the route's requirements. */
    private Decision reused(Decision.Allow earlier, Route route, Rejection unauthenticated, Predicate<Identity> accepted) {
        Optional<Identity> identity = earlier.identity().filter(accepted);
        if (identity.isEmpty()) {
            return deny(unauthenticated, route.name());
        }
        Optional<Rejection> unmet = unmet(route.requirements(), identity.get());
        return unmet.isPresent() ? deny(unmet.get(), route.name()) : earlier;
    }

    private Decision bearer(AuthRequest request, Route route, boolean required) {
        Credential credential = credentials.extract(request);
        if (credential instanceof Credential.Bearer bearer) {
            TokenResult result = tokens.verify(bearer.token());
            if (result instanceof TokenResult.Invalid invalid) {
                return deny(invalid.rejection(), route.name());
            }
            TokenResult.Valid valid = (TokenResult.Valid) result;
            return allow(route, valid.identity(), valid.memo());
        }
        if (credential instanceof Credential.Malformed malformed) {
            return deny(Rejection.of(ErrorCode.INVALID_REQUEST, malformed.reason()), route.name());
        }
        if (credential instanceof Credential.TooLong) {
            return deny(Rejection.of(ErrorCode.INVALID_TOKEN, "too_large"), route.name());
        }
        // No bearer credential at all (absent, or another scheme such as Basic).
        return required
                ? deny(Rejection.of(ErrorCode.MISSING_AUTHORIZATION_HEADER, "no_bearer_token"), route.name())
                : new Decision.Allow(Optional.empty(), identityHeaders.anonymous(), route.name());
    }

    private Decision allow(Route route, Identity identity, Memo memo) {
        Optional<HeaderChanges> headers = identityHeaders.of(identity, memo);
        if (headers.isEmpty()) {
            // A value its header cannot show faithfully: refused, never cleaned up (two identities would merge).
            return deny(identity.method() == AuthMethod.GATEWAY
                    ? Rejection.of(ErrorCode.UNTRUSTED_IDENTITY_HEADERS, "malformed_identity_header")
                    : Rejection.of(ErrorCode.INVALID_TOKEN, "claim_invalid"), route.name());
        }
        Optional<Rejection> unmet = unmet(route.requirements(), identity);
        return unmet.isPresent() ? deny(unmet.get(), route.name())
                : new Decision.Allow(Optional.of(identity), headers.get(), route.name());
    }

    private static Optional<Rejection> unmet(Requirements requirements, Identity identity) {
        if (!requirements.roles().isEmpty() && requirements.roles().stream().noneMatch(identity::hasRole)) {
            return Optional.of(Rejection.of(ErrorCode.FORBIDDEN, "missing_role"));
        }
        if (!identity.scopes().containsAll(requirements.scopes())) {
            return Optional.of(Rejection.insufficientScope(String.join(" ", new TreeSet<>(requirements.scopes()))));
        }
        for (var claim : requirements.claims().entrySet()) {
            if (!ClaimMatch.matches(identity.claim(claim.getKey()).orElse(null), claim.getValue())) {
                return Optional.of(Rejection.of(ErrorCode.FORBIDDEN, "claim_mismatch"));
            }
        }
        return Optional.empty();
    }

    /**
     * Releases what this engine started: key-source fetches and file checks, its threads and HTTP client. A key
     * source or replay guard the application built is left to it. Call when the application stops.
     */
    @Override
    public void close() {
        resources.close();
    }

    /** A CORS preflight that {@code gatecheck.preflight=skip} lets through (where no policy or deny route applies). */
    private boolean skipsPreflight(AuthRequest request) {
        return config.preflight() == Preflight.SKIP && CorsPreflight.matches(request, credentials);
    }

    private static Decision deny(Rejection rejection, String route) {
        LOG.debug("denied on route {}: {} {}", route, rejection.code().code(), rejection.detail());
        return new Decision.Deny(rejection, route);
    }
}
