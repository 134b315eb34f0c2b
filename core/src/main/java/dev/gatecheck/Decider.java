package dev.gatecheck;

import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.HeaderChanges;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatecheckConfig.Preflight;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.internal.Memo;
import dev.gatecheck.internal.RequestPath;
import dev.gatecheck.internal.gateway.GatewayOutcome;
import dev.gatecheck.internal.gateway.GatewayTrust;
import dev.gatecheck.internal.jwt.TokenResult;
import dev.gatecheck.internal.jwt.TokenVerifier;
import dev.gatecheck.internal.token.Credential;
import dev.gatecheck.internal.token.CredentialExtractor;
import dev.gatecheck.internal.webhook.WebhookVerifier;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.ResourcePolicy;
import dev.gatecheck.route.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules that decide one request on its route: public, token, gateway, gateway-or-token, webhook or deny, the
 * route's requirements, and an earlier adapter's decision checked against this one's route view. Built once by
 * {@link Gatecheck}; immutable apart from a counter, thread-safe.
 */
final class Decider {
    private static final Logger LOG = LoggerFactory.getLogger(Gatecheck.class);
    static final String NO_ROUTE = "(none)";

    private final GatecheckConfig config;
    private final CredentialExtractor credentials;
    private final TokenVerifier tokens;
    private final Optional<GatewayTrust> gateway;
    private final Map<String, WebhookVerifier> webhooks;
    private final IdentityHeaders identityHeaders;
    private final TokenBinding binding;
    private final AuthChallenges challenges;
    private final AtomicLong spoofAttempts = new AtomicLong();
    private final Optional<GatecheckListener> events;

    Decider(GatecheckConfig config, CredentialExtractor credentials, TokenVerifier tokens,
            Optional<GatewayTrust> gateway, Map<String, WebhookVerifier> webhooks, IdentityHeaders identityHeaders,
            Optional<GatecheckListener> events, TokenBinding binding, AuthChallenges challenges) {
        this.config = config;
        this.credentials = credentials;
        this.tokens = tokens;
        this.gateway = gateway;
        this.webhooks = Map.copyOf(webhooks);
        this.identityHeaders = identityHeaders;
        this.events = events;
        this.binding = binding;
        this.challenges = challenges;
    }

    /**
     * The route that decides {@code request}: the route table's for its path below its context, replaced by
     * {@code policy}; empty when the path is malformed, outside the context, dispatched elsewhere by the container,
     * or made ambiguous by a trailing {@code /}.
     */
    Optional<Route> route(AuthRequest request, Optional<ResourcePolicy> policy) {
        return RequestPath.within(request.path(), request.contextPath(), request.dispatchedPath())
                .flatMap(path -> config.routes().match(request.method(), path))
                .map(matched -> policy.map(p -> p.applyTo(matched, config.mode())).orElse(matched));
    }

    /** The body {@code route} reads: a webhook's, or a gateway route's when the signature covers its digest. */
    Optional<BodyLimit> bodyLimit(Route route) {
        return switch (route.mode()) {
            case WEBHOOK -> Optional.of(new BodyLimit(webhooks.get(route.name()).maxBody()));
            case GATEWAY, GATEWAY_OR_TOKEN -> gatewayBodyLimit();
            default -> Optional.empty();
        };
    }

    /** Decides {@code request} on {@code route}; {@code policyGiven}: a resource's own rule made the route. */
    Decision decide(AuthRequest request, Route route, boolean policyGiven) {
        return challenges.apply(rule(request, route, policyGiven), request, route);
    }

    private Decision rule(AuthRequest request, Route route, boolean policyGiven) {
        if (!policyGiven && route.mode() != AuthMode.DENY && skipsPreflight(request)) {
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

    /** See {@link Gatecheck#reuse}. */
    Decision reuse(AuthRequest request, Decision.Allow earlier, Route route, boolean policyGiven) {
        return challenges.apply(reuseRule(request, earlier, route, policyGiven), request, route);
    }

    private Decision reuseRule(AuthRequest request, Decision.Allow earlier, Route route, boolean policyGiven) {
        if (earlier.identity().isEmpty() && !policyGiven && route.mode() != AuthMode.DENY && skipsPreflight(request)) {
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

    /** The view of a request the engine never decided: no identity, client identity headers hidden. */
    Decision.Allow unauthenticated() {
        return new Decision.Allow(Optional.empty(), identityHeaders.anonymous(), NO_ROUTE);
    }

    long spoofAttempts() {
        return spoofAttempts.get();
    }

    /** {@code earlier} when its identity is one {@code route} accepts and meets the route's requirements. */
    private Decision reused(Decision.Allow earlier, Route route, Rejection unauthenticated, Predicate<Identity> accepted) {
        Optional<Identity> identity = earlier.identity().filter(accepted);
        if (identity.isEmpty()) {
            return deny(unauthenticated, route.name());
        }
        Optional<Rejection> unmet = RequirementCheck.unmet(route.requirements(), identity.get(), nowSeconds());
        return unmet.isPresent() ? deny(unmet.get(), route.name()) : earlier;
    }

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
        if (verdict instanceof WebhookVerifier.Unavailable unavailable) {
            return deny(unavailable.rejection(), route.name());
        }
        // Identity headers are never accepted on webhook routes: the sender is the webhook identity.
        return allow(route, ((WebhookVerifier.Verified) verdict).identity(), new Memo());
    }

    private Decision viaGateway(AuthRequest request, Route route) {
        // The body was read for the digest check: over the limit it is refused whichever way the route continues.
        Optional<Decision> tooLarge = tooLarge(request, gatewayBodyLimit(), route);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        boolean reject = config.gateway().map(GatewayConfig::rejectUntrusted).orElse(false);
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
            spoof(request, route, untrusted.headerNames(), "no gateway marker", reject ? "rejected" : "stripped");
            if (reject) {
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
        events.ifPresent(listener -> listener.onSpoofAttempt(
                new GatecheckListener.SpoofAttempt(route.name(), action.equals("rejected"), reason)));
        LOG.warn("untrusted identity headers {} {} on route {} from {} ({})", headerNames, action, route.name(),
                request.peerAddress().orElse("unknown peer"), reason);
    }

    private Decision bearer(AuthRequest request, Route route, boolean required) {
        Credential credential = credentials.extract(request);
        if (credential instanceof Credential.Bearer bearer) {
            TokenResult result = tokens.verify(bearer.token(), route.introspection());
            if (result instanceof TokenResult.Invalid invalid) {
                return deny(invalid.rejection(), route.name());
            }
            TokenResult.Valid valid = (TokenResult.Valid) result;
            Optional<Rejection> unbound = binding.check(request, bearer, valid.confirmation());
            return unbound.isPresent() ? deny(unbound.get(), route.name()) : allow(route, valid.identity(), valid.memo());
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
        Optional<Rejection> unmet = RequirementCheck.unmet(route.requirements(), identity, nowSeconds());
        return unmet.isPresent() ? deny(unmet.get(), route.name())
                : new Decision.Allow(Optional.of(identity), headers.get(), route.name());
    }

    private long nowSeconds() {
        return config.clock().millis() / 1000;
    }

    /** A CORS preflight that {@code gatecheck.preflight=skip} lets through (where no policy or deny route applies). */
    private boolean skipsPreflight(AuthRequest request) {
        return config.preflight() == Preflight.SKIP && CorsPreflight.matches(request, credentials);
    }

    static Decision deny(Rejection rejection, String route) {
        LOG.debug("denied on route {}: {} {}", route, rejection.code().code(), rejection.detail());
        return new Decision.Deny(rejection, route);
    }
}
