package dev.gatecheck;

import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.ErrorCode;
import dev.gatecheck.auth.Rejection;
import dev.gatecheck.auth.RevocationList;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.events.Health;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.internal.gateway.GatewayTrust;
import dev.gatecheck.internal.jwt.DpopVerifier;
import dev.gatecheck.internal.jwt.TokenVerifier;
import dev.gatecheck.internal.token.CredentialExtractor;
import dev.gatecheck.internal.webhook.ReplayCheck;
import dev.gatecheck.internal.webhook.ReplayStores;
import dev.gatecheck.internal.webhook.WebhookVerifier;
import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.KeySources;
import dev.gatecheck.route.ResourcePolicy;
import dev.gatecheck.route.Route;
import dev.gatecheck.webhook.ReplayGuard;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: built once from a {@link GatecheckConfig}, immutable and thread-safe, it answers for every request who
 * is calling and whether the request may go on. Adapters start an {@link #exchange} per request, read the body it
 * asks for (webhook routes, digest-covered gateway routes), and apply the {@link Decision}; every rule lives here.
 * The engine owns what it starts (key-source fetches, threads, an HTTP client, the connections of a declared replay
 * store): {@link #close()} it when the application stops. {@link #health()} tells how its key sources are doing;
 * the configuration's listeners hear every decision and key-source event.
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
    private final Decider decider;
    private final TokenVerifier tokens;
    private final Optional<GatewayTrust> gateway;
    /** The key source of each issuer (and gateway assertion) by its name, in configuration order. */
    private final Map<String, KeySource> keySources = new LinkedHashMap<>();
    /** Told of every decision; null without listeners, so that no decision is timed or described. */
    private final DecisionEvents decisionEvents;
    private final Optional<ResourceMetadata> metadata;

    private Gatecheck(GatecheckConfig config, EngineResources resources) {
        this.config = config;
        this.resources = resources;
        Optional<GatecheckListener> events = Listeners.of(config.listeners(), config.clock());
        CredentialExtractor credentials = new CredentialExtractor(config.tokenSources(), config.tokenMaxLength());
        Function<IssuerConfig, KeySource> keys = issuer -> {
            KeySource source = startKeys(issuer, config, resources, events);
            keySources.put(issuer.name(), source);
            return source;
        };
        this.tokens = TokenVerifier.bearer(config, keys, resources, events);
        this.gateway = config.gateway().map(g -> GatewayTrust.create(g, keys, config.clock(),
                config.tokenCacheMaxSize(), config.tokenCacheTtl(), events));
        ReplayCheck replays = new ReplayCheck(replayGuard(config, resources),
                config.replayOnError() == ReplayGuard.OnError.ALLOW, config.clock());
        Map<String, WebhookVerifier> webhooks = new HashMap<>();
        for (Route route : config.routes().routes()) {
            route.webhook().ifPresent(spec -> webhooks.put(route.name(),
                    new WebhookVerifier(route.name(), spec, replays, config.clock())));
        }
        IdentityHeaders identityHeaders = new IdentityHeaders(config.forwardHeaders(), config.hideAuthorization(),
                gateway.map(GatewayTrust::hiddenHeaders).orElse(Set.of()),
                gateway.map(GatewayTrust::hiddenPrefixes).orElse(Set.of()));
        DpopVerifier dpop = new DpopVerifier(config.dpop(), replays, config.clock(), config.publicBaseUrl());
        this.metadata = ResourceMetadata.of(config, dpop.algorithms());
        this.decider = new Decider(config, credentials, tokens, gateway, webhooks, identityHeaders, events,
                new TokenBinding(dpop, gateway),
                new AuthChallenges(config.issuers(), dpop.algorithms(), metadata.map(ResourceMetadata::url)));
        this.decisionEvents = events.map(listeners -> new DecisionEvents(listeners, config)).orElse(null);
        for (IssuerConfig issuer : config.issuers()) {
            LOG.info("Gatecheck accepts tokens of {} ({}; algorithms {})", issuer.issuer(), issuer.keyDescription(),
                    new TreeSet<>(issuer.algorithms()));
        }
        LOG.info("Gatecheck default mode {}, {} route(s)", config.mode().key(), config.routes().routes().size());
        events.ifPresent(listeners -> listeners.onStart(new GatecheckListener.Engine() {
            @Override
            public Health health() {
                return Gatecheck.this.health();
            }

            @Override
            public long cachedTokens() {
                return Gatecheck.this.cachedTokens();
            }
        }));
    }

    /**
     * The engine for {@code config}: starts the key sources (a JWKS fetch begins at once, in the background), on
     * threads and an HTTP client of its own, and opens a declared replay store (it connects in the background: a
     * store that is down does not stop the engine), which {@link #close()} releases. Engines built from one
     * configuration share nothing.
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

    /** The application's guard, else the store the configuration declares (opened here), else memory. */
    private static ReplayGuard replayGuard(GatecheckConfig config, EngineResources resources) {
        if (config.replayGuard().isPresent()) {
            return config.replayGuard().get();
        }
        return config.replayStore().<ReplayGuard>map(store -> resources.own(ReplayStores.open(store)))
                .orElseGet(() -> ReplayGuard.inMemory(config.clock(), 100_000));
    }

    /** The key source of {@code issuer}, started on {@code resources}; a key file broken since is named. */
    private static KeySource startKeys(IssuerConfig issuer, GatecheckConfig config, EngineResources resources,
                                       Optional<GatecheckListener> events) {
        try {
            return KeySources.start(issuer.name(), events, issuer.keys(), issuer.hmacKey(), issuer.algorithms(),
                    config.jwks(), config.clock(), resources);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(issuer.prefix() + "public-key-location", e.getMessage());
        }
    }

    /** The configuration this engine was built from. */
    public GatecheckConfig config() {
        return config;
    }

    /**
     * RFC 9728: the protected-resource metadata document, when {@code request} asks for it and
     * {@code gatecheck.resource-metadata.enabled=true}: a {@code GET} (or {@code HEAD}) of
     * {@code /.well-known/oauth-protected-resource}, or its path-inserted form for a resource with a path
     * ({@code /.well-known/oauth-protected-resource/orders}), below the application's context path. Adapters ask
     * first and write the document as it is, before deciding anything.
     */
    public Optional<Document> resourceMetadata(AuthRequest request) {
        return metadata.flatMap(m -> m.answer(request));
    }

    /**
     * Starts deciding {@code request}: its route is matched once; read the body the exchange asks for, then
     * {@link Exchange#decide} it.
     */
    public Exchange exchange(AuthRequest request) {
        return exchange(request, Optional.empty());
    }

    /**
     * Starts deciding {@code request} for a resource that declares its own access rule (e.g. JAX-RS annotations):
     * {@code policy} replaces the route table's rule for it as {@link ResourcePolicy#applyTo} describes.
     *
     * <p>A CORS preflight (exactly what a browser sends: no body, no credential) passes anonymously under
     * {@code gatecheck.preflight=skip}, unless its route is {@code deny} or {@code policy} is given: those always
     * apply. Any other {@code OPTIONS} request is authenticated like every request of its route.
     */
    public Exchange exchange(AuthRequest request, Optional<ResourcePolicy> policy) {
        return new Exchange(request, decider.route(request, policy), policy.isPresent());
    }

    /**
     * Decides {@code request}, whose body (if the route reads one) is {@link AuthRequest#body()}: for callers that
     * hold the whole request, such as tests. Never throws for bad input; a bad credential is a {@link Decision.Deny}.
     */
    public Decision authenticate(AuthRequest request) {
        return authenticate(request, Optional.empty());
    }

    /** {@link #authenticate(AuthRequest)} for a resource with its own {@code policy}. */
    public Decision authenticate(AuthRequest request, Optional<ResourcePolicy> policy) {
        Exchange exchange = exchange(request, policy);
        return request.body().map(exchange::decide).orElseGet(exchange::decide);
    }

    /**
     * Decides a request that an earlier adapter already authenticated ({@code earlier}, found under
     * {@link #DECISION_ATTRIBUTE}), without looking at its credentials again (the earlier adapter may have hidden
     * them). The request is checked against this adapter's own route view, as {@link #exchange} would: the route
     * table matched on {@code request}'s path below its context path, replaced by {@code policy}. So an earlier
     * adapter can only add checks, never remove one: a {@code deny} route is a 403; a {@code public} one keeps
     * {@code earlier}; {@code token}, {@code gateway} and {@code gateway-or-token} need an earlier identity
     * established that way (else the 401 a request without a credential gets), a {@code webhook} route a webhook
     * identity of that same route (else 401 {@code invalid_signature}); then the route's roles, scopes and claims
     * (403). A CORS preflight the earlier adapter let through anonymously passes where {@link #exchange} would let
     * it through (no policy, no {@code deny} route).
     */
    public Decision reuse(AuthRequest request, Decision.Allow earlier, Optional<ResourcePolicy> policy) {
        long start = decisionEvents == null ? 0 : System.nanoTime();
        Optional<Route> route = decider.route(request, policy);
        Decision decision = route.isEmpty() ? malformedPath()
                : decider.reuse(request, earlier, route.get(), policy.isPresent());
        // The earlier adapter told of the request already: only a refusal here is news.
        if (decisionEvents != null && decision instanceof Decision.Deny) {
            decisionEvents.decided(request, decision, System.nanoTime() - start);
        }
        return decision;
    }

    /**
     * The view of a request Gatecheck has not authenticated, e.g. a container's error dispatch for a request that
     * never reached the adapter: no identity, and client-sent identity headers (and {@code Authorization} when
     * configured) hidden as on every other request.
     */
    public Decision.Allow unauthenticated() {
        return decider.unauthenticated();
    }

    /**
     * Revokes the credentials {@code revocation} names, at once: it is recorded in the revocation list (the
     * application's, {@link GatecheckConfig#revocations()}, else this engine's in memory), and every cached
     * verification or introspection answer it covers is dropped. From then on a bearer token it covers is a 401
     * {@code invalid_token}, reason {@code revoked}. Feed it from the issuer's back-channel logout or Shared Signals
     * (CAEP) events.
     */
    public void revoke(RevocationList.Revocation revocation) {
        tokens.revoke(Objects.requireNonNull(revocation, "revocation"));
    }

    /** How many requests carried identity headers that were stripped or rejected (spoof attempts). */
    public long spoofAttempts() {
        return decider.spoofAttempts();
    }

    /**
     * How the key sources are doing now: per issuer ({@code jwt}, each {@code gatecheck.issuers.<name>}) and per
     * gateway assertion ({@code gateway}), {@code UP} (fresh keys), {@code DEGRADED} (stale keys serving) or
     * {@code DOWN} (no usable keys: its tokens get 503); the overall state is the worst. For readiness probes:
     * {@link Health#ready()}, {@link Health#json()}.
     */
    public Health health() {
        Map<String, Health.Source> sources = new LinkedHashMap<>();
        keySources.forEach((name, source) -> sources.put(name, source.health().orElse(
                new Health.Source(Health.State.UP, 0, Optional.empty(), Optional.empty(), Optional.empty()))));
        return Health.of(config.clock().instant(), sources);
    }

    /** How many verified tokens (and gateway assertions) are cached now (approximate). */
    long cachedTokens() {
        return tokens.cachedTokens() + gateway.map(GatewayTrust::cachedTokens).orElse(0L);
    }

    /**
     * Releases what this engine started: key-source fetches and file checks, its threads and HTTP client, the
     * connections of a declared replay store. A key source or replay guard the application built is left to it.
     * Call when the application stops.
     */
    @Override
    public void close() {
        resources.close();
    }

    private static Decision malformedPath() {
        return Decider.deny(Rejection.of(ErrorCode.INVALID_REQUEST, "malformed_path"), Decider.NO_ROUTE);
    }

    /**
     * A document the engine answers itself (RFC 9728 metadata), written by the adapter as it is.
     *
     * @param status the HTTP status
     * @param body the JSON body
     * @param headers the headers to send ({@code Content-Type}, {@code Cache-Control})
     */
    public record Document(int status, String body, Map<String, String> headers) {
        public Document {
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }
    }

    /**
     * One request on its way through the engine, its route matched once. Read the body {@link #bodyLimit()} asks
     * for (at most that many bytes + 1: one more than allowed tells it is too large), then {@link #decide} once.
     */
    public final class Exchange {
        private final AuthRequest request;
        private final Optional<Route> route;
        private final boolean policyGiven;

        private Exchange(AuthRequest request, Optional<Route> route, boolean policyGiven) {
            this.request = request;
            this.route = route;
            this.policyGiven = policyGiven;
        }

        /**
         * How much body to read before deciding: the route's limit on webhook routes and on gateway routes whose
         * signature covers {@code content-digest}; empty elsewhere (never read the body then). Also empty when the
         * request declares a {@code Content-Length} over the limit and waits for {@code 100 Continue}: the decision
         * refuses it (413) without asking for the body. A body already on its way is read up to the limit + 1, so
         * that a small excess is consumed and the container can close the connection cleanly. An {@code OPTIONS}
         * request that looks like a CORS preflight is read too: a browser's has no body, and one that arrives
         * anyway (HTTP/2 needs no {@code Content-Length}) makes it an ordinary request, whose signature is checked.
         */
        public OptionalLong bodyLimit() {
            Optional<BodyLimit> limit = route.flatMap(decider::bodyLimit);
            return limit.isEmpty() || (limit.get().declaredOver(request) && waitsForContinue(request))
                    ? OptionalLong.empty() : OptionalLong.of(limit.get().maxBytes());
        }

        /** The decision for a request whose body was not read ({@link #bodyLimit()} was empty). */
        public Decision decide() {
            return observed(request);
        }

        /** The decision for a request whose body, as read, is {@code body}. */
        public Decision decide(byte[] body) {
            Objects.requireNonNull(body, "body");
            return observed(new BodiedRequest(request, body));
        }

        /** The decision, timed and told to the listeners when there are any. */
        private Decision observed(AuthRequest decided) {
            if (decisionEvents == null) {
                return decideNow(decided);
            }
            long start = System.nanoTime();
            Decision decision = decideNow(decided);
            decisionEvents.decided(request, decision, System.nanoTime() - start);
            return decision;
        }

        private Decision decideNow(AuthRequest decided) {
            return route.isEmpty() ? malformedPath() : decider.decide(decided, route.get(), policyGiven);
        }

        private static boolean waitsForContinue(AuthRequest request) {
            return request.headers("Expect").stream()
                    .anyMatch(value -> value.trim().equalsIgnoreCase("100-continue"));
        }
    }
}
