package dev.gatecheck;

import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.gateway.GatewayOutcome;
import dev.gatecheck.gateway.GatewayTrust;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.config.Preflight;
import dev.gatecheck.jwt.TokenProfile;
import dev.gatecheck.jwt.TokenResult;
import dev.gatecheck.jwt.TokenVerifier;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.RequestPath;
import dev.gatecheck.route.ResourcePolicy;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.RouteTable;
import dev.gatecheck.token.Credential;
import dev.gatecheck.token.CredentialExtractor;
import dev.gatecheck.webhook.WebhookVerifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.TreeSet;
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
     * leaves the {@link Decision.Allow} it applied. An adapter that finds one reuses it through
     * {@link #reuse} instead of authenticating the request a second time; the JAX-RS adapter inside a servlet
     * filtered by the servlet adapter does so.
     */
    public static final String DECISION_ATTRIBUTE = "dev.gatecheck.Decision";

    private static final Logger LOG = LoggerFactory.getLogger(Gatecheck.class);

    private final GatecheckConfig config;
    private final RouteTable routes;
    private final CredentialExtractor credentials;
    private final TokenVerifier tokens;
    private final IdentityHeaders identityHeaders;
    private final Optional<GatewayTrust> gateway;
    private final boolean rejectUntrusted;
    private final AtomicLong spoofAttempts = new AtomicLong();
    private final Map<String, WebhookVerifier> webhooks;

    private Gatecheck(GatecheckConfig config) {
        this.config = config;
        this.routes = config.routes();
        this.credentials = new CredentialExtractor(config.tokenSources(), config.tokenMaxLength());
        this.tokens = new TokenVerifier(config.issuers(), config.clock(), TokenProfile.BEARER,
                config.tokenCacheMaxSize(), config.tokenCacheTtl());
        this.gateway = config.gateway().map(g -> GatewayTrust.create(g, config.clock(),
                config.tokenCacheMaxSize(), config.tokenCacheTtl()));
        this.rejectUntrusted = config.gateway().map(GatewayConfig::rejectUntrusted).orElse(false);
        Map<String, WebhookVerifier> verifiers = new HashMap<>();
        for (Route route : routes.routes()) {
            route.webhook().ifPresent(spec -> verifiers.put(route.name(),
                    new WebhookVerifier(route.name(), spec, config.replayGuard(), config.clock())));
        }
        this.webhooks = Map.copyOf(verifiers);
        this.identityHeaders = new IdentityHeaders(config.forwardHeaders(), config.hideAuthorization(),
                gateway.map(GatewayTrust::hiddenHeaders).orElse(Set.of()));
        for (IssuerConfig issuer : config.issuers()) {
            LOG.info("Gatecheck accepts tokens of {} ({}; algorithms {})", issuer.issuer(), issuer.keyDescription(),
                    new TreeSet<>(issuer.algorithms()));
        }
        LOG.info("Gatecheck default mode {}, {} route(s)", config.mode().key(), routes.routes().size());
    }

    /** The engine for {@code config}. */
    public static Gatecheck create(GatecheckConfig config) {
        return new Gatecheck(config);
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
     */
    public Decision authenticate(AuthRequest request, Optional<ResourcePolicy> policy) {
        Optional<Route> matched = route(request);
        if (matched.isEmpty()) {
            return deny(Rejection.of(ErrorCode.INVALID_REQUEST, "malformed_path"), "(none)");
        }
        Route route = policy.map(p -> p.applyTo(matched.get(), config.mode())).orElse(matched.get());
        if (config.preflight() == Preflight.SKIP && isPreflight(request)) {
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

    /**
     * The body an adapter must buffer before {@link #authenticate}: the route's limit on webhook routes (read at
     * most limit + 1 bytes), empty elsewhere (never read the body then). Also empty when the request declares a
     * {@code Content-Length} over the limit and waits for {@code 100 Continue}: {@link #authenticate} refuses it
     * (413) without asking for the body. (A body already on its way is read up to the limit + 1, so that a small
     * excess is consumed and the container can close the connection cleanly.)
     */
    public OptionalLong bodyLimit(AuthRequest request) {
        Optional<Route> matched = route(request);
        if (matched.isEmpty()) {
            return OptionalLong.empty();
        }
        WebhookVerifier verifier = webhooks.get(matched.get().name());
        return verifier == null || (verifier.declaresTooLargeABody(request) && waitsForContinue(request))
                ? OptionalLong.empty() : OptionalLong.of(verifier.maxBody());
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
        byte[] body = request.body().orElse(new byte[0]);
        if (verifier.declaresTooLargeABody(request) || body.length > verifier.maxBody()) {
            return deny(Rejection.of(ErrorCode.PAYLOAD_TOO_LARGE, "body larger than " + verifier.maxBody() + " bytes"),
                    route.name());
        }
        WebhookVerifier.Verdict verdict = verifier.verify(request, body);
        if (verdict instanceof WebhookVerifier.Refused refused) {
            return deny(Rejection.of(ErrorCode.INVALID_SIGNATURE, refused.reason()), route.name());
        }
        // Identity headers are never accepted on webhook routes: the sender is the webhook identity.
        Identity identity = ((WebhookVerifier.Verified) verdict).identity();
        return new Decision.Allow(Optional.of(identity), identityHeaders.of(identity), route.name());
    }

    /** How many requests carried identity headers that were stripped or rejected (spoof attempts). */
    public long spoofAttempts() {
        return spoofAttempts.get();
    }

    private Decision viaGateway(AuthRequest request, Route route) {
        GatewayOutcome outcome = gateway.orElseThrow().evaluate(request);
        if (outcome instanceof GatewayOutcome.Trusted trusted) {
            return allow(route, trusted.identity());
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
     * {@link #DECISION_ATTRIBUTE}), for a resource with {@code policy}, without looking at its credentials again
     * (the earlier adapter may have hidden them): {@link ResourcePolicy.Access#DENY} is a 403, an
     * {@link ResourcePolicy.Access#AUTHENTICATED} policy needs the earlier identity (401 without one) and its
     * requirements (403), anything else keeps {@code earlier}. A skipped CORS preflight keeps {@code earlier}.
     */
    public Decision reuse(AuthRequest request, Decision.Allow earlier, Optional<ResourcePolicy> policy) {
        if (policy.isEmpty() || (config.preflight() == Preflight.SKIP && isPreflight(request))) {
            return earlier;
        }
        ResourcePolicy resource = policy.get();
        return switch (resource.access()) {
            case PUBLIC -> earlier;
            case DENY -> deny(Rejection.of(ErrorCode.FORBIDDEN, "route_denied"), resource.name());
            case AUTHENTICATED -> {
                if (earlier.identity().isEmpty()) {
                    yield deny(Rejection.of(ErrorCode.MISSING_AUTHORIZATION_HEADER, "no_bearer_token"), resource.name());
                }
                Optional<Rejection> unmet = unmet(resource.requirements(), earlier.identity().get());
                yield unmet.isPresent() ? deny(unmet.get(), resource.name()) : earlier;
            }
        };
    }

    private Decision bearer(AuthRequest request, Route route, boolean required) {
        Credential credential = credentials.extract(request);
        if (credential instanceof Credential.Bearer bearer) {
            TokenResult result = tokens.verify(bearer.token());
            if (result instanceof TokenResult.Invalid invalid) {
                return deny(invalid.rejection(), route.name());
            }
            return allow(route, ((TokenResult.Valid) result).identity());
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

    private Decision allow(Route route, Identity identity) {
        Optional<Rejection> unmet = unmet(route.requirements(), identity);
        return unmet.isPresent() ? deny(unmet.get(), route.name())
                : new Decision.Allow(Optional.of(identity), identityHeaders.of(identity), route.name());
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

    /** Releases what the key sources hold (file watchers); call when the application stops. */
    @Override
    public void close() {
        for (IssuerConfig issuer : config.issuers()) {
            if (issuer.keySource() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing the key source of {} failed: {}", issuer.issuer(), e.getClass().getSimpleName());
                }
            }
        }
    }

    private static boolean isPreflight(AuthRequest request) {
        return request.method().equals("OPTIONS") && !request.headers("Origin").isEmpty()
                && !request.headers("Access-Control-Request-Method").isEmpty();
    }

    private static Decision deny(Rejection rejection, String route) {
        LOG.debug("denied on route {}: {} {}", route, rejection.code().code(), rejection.detail());
        return new Decision.Deny(rejection, route);
    }
}
