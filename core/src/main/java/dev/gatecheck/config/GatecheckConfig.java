package dev.gatecheck.config;

import dev.gatecheck.auth.RevocationList;
import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.keys.JwksSettings;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.RouteTable;
import dev.gatecheck.token.TokenSource;
import dev.gatecheck.webhook.ReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Gatecheck's immutable configuration. Build it with {@link #builder()}, or load the DESIGN keys from a map,
 * properties or the environment with {@link #fromMap}, {@link #fromProperties}, {@link #fromEnvironment}.
 * Every setting is validated once, in {@link Builder#build()}: an invalid or contradictory configuration
 * throws {@link ConfigException} naming the key. An empty value (a blank string, an empty list or an empty element
 * in one) is refused as soon as it is given, by every source: a setting is removed by leaving it out, never by
 * emptying it, so an unset variable cannot silently drop a rule.
 */
public final class GatecheckConfig {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GatecheckConfig.class);
    private final AuthMode mode;
    private final List<IssuerConfig> issuers;
    private final List<TokenSource> tokenSources;
    private final int tokenMaxLength;
    private final List<HeaderMapping> forwardHeaders;
    private final boolean hideAuthorization;
    private final Preflight preflight;
    private final RouteTable routes;
    private final JwksSettings jwks;
    private final int tokenCacheMaxSize;
    private final Duration tokenCacheTtl;
    private final Clock clock;
    private final Optional<GatewayConfig> gateway;
    private final Optional<ReplayGuard> replayGuard;
    private final Duration introspectionCacheTtl;
    private final Duration introspectionNegativeTtl;
    private final Duration introspectionTimeout;
    private final Optional<RevocationList> revocations;
    private final List<GatecheckListener> listeners;
    private final Optional<ReplayGuard.StoreSpec> replayStore;
    private final ReplayGuard.OnError replayOnError;
    private final DpopConfig dpop;
    private final Optional<String> publicBaseUrl;
    private final Optional<String> resourceMetadata;

    /** The default identity headers, for forwarding and for the gateway. */
    static final List<HeaderMapping> DEFAULT_IDENTITY_HEADERS = List.of(new HeaderMapping("X-User-ID", "sub"),
            new HeaderMapping("X-User-Org", "org"), new HeaderMapping("X-User-Roles", "roles"));

    private GatecheckConfig(Builder b, List<IssuerConfig> issuers, RouteTable routes, Optional<GatewayConfig> gateway,
                            DpopConfig dpop, Optional<String> resourceMetadata) {
        this.mode = b.mode.get();
        this.issuers = List.copyOf(issuers);
        this.tokenSources = List.copyOf(b.tokenSources.get());
        this.tokenMaxLength = b.tokenMaxLength.get();
        this.forwardHeaders = List.copyOf(b.forwardHeaders.get());
        this.hideAuthorization = b.hideAuthorization.get();
        this.preflight = b.preflight.get();
        this.routes = routes;
        this.jwks = b.jwks.get();
        this.tokenCacheMaxSize = b.tokenCacheMaxSize.get();
        this.tokenCacheTtl = b.tokenCacheTtl.get();
        this.clock = b.clock.get();
        this.gateway = gateway;
        this.replayGuard = Optional.ofNullable(b.replayGuard.get());
        this.introspectionCacheTtl = b.introspectionCacheTtl.get();
        this.introspectionNegativeTtl = b.introspectionNegativeTtl.get();
        this.introspectionTimeout = b.introspectionTimeout.get();
        this.revocations = Optional.ofNullable(b.revocations.get());
        this.listeners = List.copyOf(b.listeners);
        this.replayStore = Optional.ofNullable(b.replayStore.get());
        this.replayOnError = b.replayOnError.get();
        this.dpop = dpop;
        this.publicBaseUrl = Optional.ofNullable(b.publicBaseUrl.get());
        this.resourceMetadata = resourceMetadata;
    }

    /** A new builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A configuration from DESIGN keys ({@code gatecheck.jwt.issuer=...}); unknown {@code gatecheck.*} keys fail. */
    public static GatecheckConfig fromMap(Map<String, String> keys) {
        return ConfigLoader.load(keys, Clock.systemUTC());
    }

    /** Like {@link #fromMap} with the clock that drives every time check. */
    public static GatecheckConfig fromMap(Map<String, String> keys, Clock clock) {
        return ConfigLoader.load(keys, clock);
    }

    /** A configuration from properties holding DESIGN keys. */
    public static GatecheckConfig fromProperties(Properties properties) {
        return fromMap(ConfigLoader.toMap(properties));
    }

    /** A configuration from environment variables ({@code GATECHECK_JWT_ISSUER} for {@code gatecheck.jwt.issuer}). */
    public static GatecheckConfig fromEnvironment(Map<String, String> environment) {
        return fromMap(environmentKeys(environment));
    }

    /**
     * The DESIGN keys named by the {@code GATECHECK_*} variables of {@code environment} (upper case, {@code .}
     * and {@code -} as {@code _}), for layering over other sources. {@code GATECHECK_CONFIG} (a file name) is
     * not a key and is left out; another unknown {@code GATECHECK_*} variable fails.
     */
    public static Map<String, String> environmentKeys(Map<String, String> environment) {
        return ConfigLoader.environmentKeys(environment);
    }

    /**
     * The declarative configuration of an adapter, in one documented order, later layers winning: {@code packaged}
     * keys (a servlet filter's init-params), the properties file named by the {@code GATECHECK_CONFIG} variable of
     * {@code environment} (else by the packaged {@code gatecheck.config} key: a path, {@code file:} path or
     * {@code classpath:} resource of {@code classLoader}), then the {@code GATECHECK_*} variables.
     *
     * @throws ConfigException for an unknown key or variable, an unreadable file or an invalid setting
     */
    public static GatecheckConfig fromLayers(Map<String, String> packaged, Map<String, String> environment,
                                             ClassLoader classLoader) {
        return fromMap(ConfigLayers.merge(packaged, environment, classLoader));
    }

    /**
     * The builder {@link #fromLayers} builds, holding the layers' settings, for adding what keys cannot say:
     * listeners, or routes of the application's own (a route name the layers already define fails as defined
     * twice). Each setting the layers gave is given: giving it again fails, naming the key.
     *
     * @throws ConfigException for an unknown key or variable, an unreadable file or an invalid setting
     */
    public static Builder builderFromLayers(Map<String, String> packaged, Map<String, String> environment,
                                            ClassLoader classLoader) {
        return ConfigLoader.builder(ConfigLayers.merge(packaged, environment, classLoader), Clock.systemUTC());
    }

    /** The authentication of routes that name none. */
    public AuthMode mode() {
        return mode;
    }

    /** The issuers whose tokens are accepted. */
    public List<IssuerConfig> issuers() {
        return issuers;
    }

    /** Where tokens may come from. */
    public List<TokenSource> tokenSources() {
        return tokenSources;
    }

    /** The longest accepted credential, in characters. */
    public int tokenMaxLength() {
        return tokenMaxLength;
    }

    /** The identity headers the application sees. */
    public List<HeaderMapping> forwardHeaders() {
        return forwardHeaders;
    }

    /** Whether the application is kept from seeing the raw {@code Authorization} header. */
    public boolean hideAuthorization() {
        return hideAuthorization;
    }

    /** What happens to CORS preflights. */
    public Preflight preflight() {
        return preflight;
    }

    /** The route table. */
    public RouteTable routes() {
        return routes;
    }

    /** Remote key set settings ({@code gatecheck.jwks.*}). */
    public JwksSettings jwks() {
        return jwks;
    }

    /** Verified-token cache size ({@code gatecheck.cache.tokens.max-size}); 0 disables it. */
    public int tokenCacheMaxSize() {
        return tokenCacheMaxSize;
    }

    /** Verified-token cache lifetime bound ({@code gatecheck.cache.tokens.ttl}). */
    public Duration tokenCacheTtl() {
        return tokenCacheTtl;
    }

    /** The clock that drives every time check. */
    public Clock clock() {
        return clock;
    }

    /**
     * A shared store for webhook delivery ids that the application built and owns (several instances); empty: the
     * engine keeps them in memory, per instance.
     */
    public Optional<ReplayGuard> replayGuard() {
        return replayGuard;
    }

    /**
     * How long an active introspection result is cached, never past its {@code exp}
     * ({@code gatecheck.introspection.cache-ttl}); zero: not cached.
     */
    public Duration introspectionCacheTtl() {
        return introspectionCacheTtl;
    }

    /** How long an inactive introspection result is cached ({@code gatecheck.introspection.negative-ttl}). */
    public Duration introspectionNegativeTtl() {
        return introspectionNegativeTtl;
    }

    /** Connect and overall timeout of one introspection call ({@code gatecheck.introspection.timeout}). */
    public Duration introspectionTimeout() {
        return introspectionTimeout;
    }

    /**
     * Revoked credentials the application keeps (shared by several instances) and closes; empty: the engine keeps
     * them in memory, per instance.
     */
    public Optional<RevocationList> revocations() {
        return revocations;
    }

    /**
     * The shared replay store the engine opens and closes ({@code gatecheck.replay.store} other than {@code memory},
     * {@code gatecheck.replay.<store>.*}); empty: the application's {@link #replayGuard()}, else memory.
     */
    public Optional<ReplayGuard.StoreSpec> replayStore() {
        return replayStore;
    }

    /** What happens when the replay store cannot answer ({@code gatecheck.replay.on-error}, {@code reject}). */
    public ReplayGuard.OnError replayOnError() {
        return replayOnError;
    }

    /** The gateway settings, when a route or the default mode trusts a gateway. */
    public Optional<GatewayConfig> gateway() {
        return gateway;
    }

    /** What hears the engine's decisions and key-source events, in the order registered; often none. */
    public List<GatecheckListener> listeners() {
        return listeners;
    }

    /** The rules for DPoP proofs ({@code gatecheck.dpop.*}). */
    public DpopConfig dpop() {
        return dpop;
    }

    /**
     * The URL clients reach the server's root at, without a trailing {@code /} ({@code gatecheck.public-base-url}):
     * behind a proxy, a DPoP proof's {@code htu} is checked against it followed by the request path, never against
     * forwarded headers. Empty: the scheme and authority the container saw.
     */
    public Optional<String> publicBaseUrl() {
        return publicBaseUrl;
    }

    /**
     * The resource identifier of the RFC 9728 protected-resource metadata the adapters publish, when
     * {@code gatecheck.resource-metadata.enabled=true}; empty when it is off (the default).
     */
    public Optional<String> resourceMetadata() {
        return resourceMetadata;
    }

    /** What happens to CORS preflights ({@code gatecheck.preflight}). */
    public enum Preflight {
        /** A browser's preflight passes anonymously, unless a deny route or a resource's own rule applies. */
        SKIP,
        /** A preflight is authenticated like every request of its route. */
        AUTHENTICATE
    }

    /**
     * Builds a {@link GatecheckConfig}: each setting once (a second call or {@code null} fails at once, naming the
     * key), defaults as documented; {@link #build()} validates everything and freezes it.
     */
    public static final class Builder {
        private final Setting<AuthMode> mode = new Setting<>("gatecheck.mode", AuthMode.TOKEN);
        private final JwtSettings jwt = new JwtSettings("gatecheck.jwt.");
        private boolean jwtConfigured;
        private final Map<String, JwtSettings> namedIssuers = new LinkedHashMap<>();
        private final Setting<List<TokenSource>> tokenSources = new Setting<>("gatecheck.token.sources",
                List.of(TokenSource.HEADER));
        private final Setting<Integer> tokenMaxLength = new Setting<>("gatecheck.token.max-length", 8192);
        private final Setting<List<HeaderMapping>> forwardHeaders = new Setting<>("gatecheck.forward.headers",
                DEFAULT_IDENTITY_HEADERS);
        private final GatewaySettings gateway = new GatewaySettings();
        private final Setting<Boolean> hideAuthorization = new Setting<>("gatecheck.forward.hide-authorization", true);
        private final Setting<Preflight> preflight = new Setting<>("gatecheck.preflight", Preflight.SKIP);
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private final Setting<JwksSettings> jwks = new Setting<>("gatecheck.jwks", JwksSettings.DEFAULTS);
        private final Setting<Integer> tokenCacheMaxSize = new Setting<>("gatecheck.cache.tokens.max-size", 10_000);
        private final Setting<Duration> tokenCacheTtl = new Setting<>("gatecheck.cache.tokens.ttl",
                Duration.ofSeconds(60));
        private final Setting<Clock> clock = new Setting<>("clock", Clock.systemUTC());
        private final Setting<ReplayGuard> replayGuard = Setting.required("replay guard");
        private final Setting<Duration> introspectionCacheTtl = new Setting<>("gatecheck.introspection.cache-ttl",
                Duration.ofSeconds(60));
        private final Setting<Duration> introspectionNegativeTtl = new Setting<>(
                "gatecheck.introspection.negative-ttl", Duration.ofSeconds(5));
        private final Setting<Duration> introspectionTimeout = new Setting<>("gatecheck.introspection.timeout",
                Duration.ofSeconds(3));
        private final Setting<RevocationList> revocations = Setting.required("revocation list");
        private final List<GatecheckListener> listeners = new ArrayList<>();
        private final Setting<ReplayGuard.StoreSpec> replayStore = Setting.required(ReplayKeys.STORE);
        private final Setting<ReplayGuard.OnError> replayOnError = new Setting<>(ReplayKeys.ON_ERROR,
                ReplayGuard.OnError.REJECT);
        private final DpopSettings dpop = new DpopSettings();
        private final Setting<String> publicBaseUrl = Setting.required("gatecheck.public-base-url");
        private final Setting<Boolean> resourceMetadata = new Setting<>("gatecheck.resource-metadata.enabled", false);
        private final Setting<String> resource = Setting.required("gatecheck.resource-metadata.resource");

        private Builder() {
        }

        /** Default authentication for routes that name none ({@code gatecheck.mode}, {@code token}). */
        public Builder mode(AuthMode mode) {
            this.mode.set(mode);
            return this;
        }

        /** Token verification settings ({@code gatecheck.jwt.*}). */
        public Builder jwt(Consumer<JwtSettings> settings) {
            settings.accept(jwt);
            jwtConfigured = true;
            return this;
        }

        /**
         * One more issuer ({@code gatecheck.issuers.<name>.*}, the same settings as {@code gatecheck.jwt.*}); the
         * token's {@code iss} picks the issuer, and only that issuer's keys verify it.
         */
        public Builder issuer(String name, Consumer<JwtSettings> settings) {
            if (!name.matches("[a-z0-9_-]+")) {
                throw new ConfigException("gatecheck.issuers." + name, "issuer names are lower case a-z, 0-9, _ and -");
            }
            if (name.equals(IssuerConfig.JWT_NAME) || name.equals(IssuerConfig.GATEWAY_NAME)) {
                throw new ConfigException("gatecheck.issuers." + name, "'jwt' and 'gateway' are reserved: health and"
                        + " metrics name the gatecheck.jwt.* issuer and the gateway assertion so");
            }
            settings.accept(namedIssuers.computeIfAbsent(name, n -> new JwtSettings("gatecheck.issuers." + n + ".")));
            return this;
        }

        /** Gateway trust settings ({@code gatecheck.gateway.*}). */
        public Builder gateway(Consumer<GatewaySettings> settings) {
            settings.accept(gateway);
            return this;
        }

        /** Where tokens may come from ({@code gatecheck.token.sources}, {@code header}). */
        public Builder tokenSources(TokenSource... sources) {
            this.tokenSources.set(sources, ConfigValues.nonEmpty(tokenSources.key()));
            return this;
        }

        /** Longest credential accepted ({@code gatecheck.token.max-length}, 8192). */
        public Builder tokenMaxLength(int maxLength) {
            this.tokenMaxLength.set(maxLength);
            return this;
        }

        /**
         * Identity headers the application sees ({@code gatecheck.forward.headers}); at least one, since client
         * copies of the listed headers are what is hidden.
         */
        public Builder forwardHeaders(HeaderMapping... mappings) {
            this.forwardHeaders.set(mappings, ConfigValues.nonEmpty(forwardHeaders.key()));
            return this;
        }

        /** Hide the raw {@code Authorization} header ({@code gatecheck.forward.hide-authorization}, true). */
        public Builder hideAuthorization(boolean hide) {
            this.hideAuthorization.set(hide);
            return this;
        }

        /** CORS preflight handling ({@code gatecheck.preflight}, {@code skip}). */
        public Builder preflight(Preflight preflight) {
            this.preflight.set(preflight);
            return this;
        }

        /** Adds a route ({@code gatecheck.routes.<name>.*}); names are unique. */
        public Builder route(Route route) {
            if (routes.putIfAbsent(route.name(), route) != null) {
                throw new ConfigException("gatecheck.routes." + route.name(), "is defined twice");
            }
            return this;
        }

        /** Remote key set settings ({@code gatecheck.jwks.*}; {@link JwksSettings#DEFAULTS} with changes). */
        public Builder jwks(JwksSettings jwks) {
            this.jwks.set(jwks);
            return this;
        }

        /** Verified-token cache entries ({@code gatecheck.cache.tokens.max-size}, 10000); 0 disables the cache. */
        public Builder tokenCacheMaxSize(int maxSize) {
            this.tokenCacheMaxSize.set(maxSize);
            return this;
        }

        /** Upper bound of one cached verification ({@code gatecheck.cache.tokens.ttl}, 60s). */
        public Builder tokenCacheTtl(Duration ttl) {
            this.tokenCacheTtl.set(ttl);
            return this;
        }

        /** The clock for every time check (tests move it instead of sleeping). */
        public Builder clock(Clock clock) {
            this.clock.set(clock);
            return this;
        }

        /**
         * A shared store for webhook delivery ids that the application builds and closes, for several instances
         * (default: in memory, per instance).
         */
        public Builder replayGuard(ReplayGuard guard) {
            this.replayGuard.set(guard);
            return this;
        }

        /** DPoP proof rules ({@code gatecheck.dpop.*}). */
        public Builder dpop(Consumer<DpopSettings> settings) {
            settings.accept(dpop);
            return this;
        }

        /**
         * The URL clients reach the server's root at, behind a proxy ({@code gatecheck.public-base-url}): scheme,
         * host, port, and the path prefix the proxy removes, if any. DPoP {@code htu} and the RFC 9728 resource use
         * it; forwarded headers never count.
         */
        public Builder publicBaseUrl(String url) {
            publicBaseUrl.set(url, v -> PublicUrls.baseUrl(publicBaseUrl.key(),
                    ConfigValues.nonBlank(publicBaseUrl.key(), v)));
            return this;
        }

        /**
         * Publish RFC 9728 protected-resource metadata ({@code gatecheck.resource-metadata.enabled}, false): off by
         * default, because it tells strangers about the deployment.
         */
        public Builder resourceMetadata(boolean enabled) {
            resourceMetadata.set(enabled);
            return this;
        }

        /** The RFC 9728 resource identifier ({@code gatecheck.resource-metadata.resource}, the public base URL). */
        public Builder resourceMetadataResource(String identifier) {
            resource.set(identifier, v -> PublicUrls.resource(resource.key(), ConfigValues.nonBlank(resource.key(), v)));
            return this;
        }

        /**
         * How long an active introspection result is cached ({@code gatecheck.introspection.cache-ttl}, 60s), never
         * past the token's {@code exp}; {@link Duration#ZERO}: every request introspects.
         */
        public Builder introspectionCacheTtl(Duration ttl) {
            this.introspectionCacheTtl.set(ttl);
            return this;
        }

        /**
         * How long an inactive introspection result is cached ({@code gatecheck.introspection.negative-ttl}, 5s),
         * apart from active ones, so garbage tokens never evict them; {@link Duration#ZERO}: not cached.
         */
        public Builder introspectionNegativeTtl(Duration ttl) {
            this.introspectionNegativeTtl.set(ttl);
            return this;
        }

        /** Connect and overall timeout of one introspection call ({@code gatecheck.introspection.timeout}, 3s). */
        public Builder introspectionTimeout(Duration timeout) {
            this.introspectionTimeout.set(timeout);
            return this;
        }

        /**
         * Revoked credentials kept by the application (e.g. shared by several instances), which builds and closes
         * them (default: in memory, per instance).
         */
        public Builder revocations(RevocationList revocations) {
            this.revocations.set(revocations);
            return this;
        }

        /**
         * Adds a listener of the engine's decisions, key-source events, spoof attempts and verifications (metrics,
         * an audit log); call once per listener. The application keeps what the listener holds (a meter registry);
         * with none, the engine times and builds nothing for them.
         */
        public Builder listener(GatecheckListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * A shared replay store the engine opens at {@link dev.gatecheck.Gatecheck#create} and closes with itself
         * ({@code gatecheck.replay.store}, {@code gatecheck.replay.redis.*}; default: in memory, per instance). Its
         * provider module ({@code gatecheck-redis}) must be on the class path.
         */
        public Builder replayStore(ReplayGuard.StoreSpec store) {
            this.replayStore.set(store);
            return this;
        }

        /** What happens when the replay store cannot answer ({@code gatecheck.replay.on-error}, {@code reject}). */
        public Builder replayOnError(ReplayGuard.OnError onError) {
            this.replayOnError.set(onError);
            return this;
        }

        /**
         * Validates every setting and freezes the configuration.
         *
         * @throws ConfigException naming the first key at fault
         */
        public GatecheckConfig build() {
            checkModes();
            if (tokenMaxLength.get() < 256 || tokenMaxLength.get() > 1 << 20) {
                throw new ConfigException(tokenMaxLength.key(), "must be between 256 and 1048576");
            }
            if (tokenCacheMaxSize.get() < 0) {
                throw new ConfigException(tokenCacheMaxSize.key(), "must be 0 or more");
            }
            positive(tokenCacheTtl.key(), tokenCacheTtl.get());
            checkJwks();
            ReplayKeys.check(Optional.ofNullable(replayStore.get()), replayGuard.given());
            RouteTable table;
            try {
                table = RouteTable.of(List.copyOf(routes.values()), mode.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("gatecheck.routes", e.getMessage());
            }
            // Every table verifies tokens (even public routes check a presented one), so one issuer is required.
            List<IssuerConfig> issuers = new ArrayList<>();
            if (jwtConfigured || namedIssuers.isEmpty()) {
                issuers.add(jwt.build());
            }
            Map<String, String> keyByIssuer = new java.util.HashMap<>();
            issuers.forEach(i -> keyByIssuer.put(i.issuer(), "gatecheck.jwt.issuer"));
            for (Map.Entry<String, JwtSettings> named : namedIssuers.entrySet()) {
                IssuerConfig issuer = named.getValue().build();
                String key = "gatecheck.issuers." + named.getKey() + ".issuer";
                String other = keyByIssuer.putIfAbsent(issuer.issuer(), key);
                if (other != null) {
                    throw new ConfigException(key, "names the same issuer as " + other);
                }
                issuers.add(issuer);
            }
            checkIntrospection(issuers);
            for (Route route : routes.values()) {
                if (route.requirements().dpop() && issuers.stream().allMatch(i -> i.dpop() == IssuerConfig.Dpop.DISABLED)) {
                    throw new ConfigException("gatecheck.routes." + route.name() + ".dpop", "is required but every"
                            + " issuer sets dpop=disabled");
                }
            }
            boolean gatewayUsed = usesGateway();
            Optional<GatewayConfig> gatewayConfig = gatewayUsed || gateway.configured() || gateway.anySet()
                    ? Optional.of(gateway.build()) : Optional.empty();
            if (!gatewayUsed && gateway.configured()) {
                LOG.warn("gatecheck.gateway.marker is set but no route uses gateway or gateway-or-token: identity"
                        + " headers are only stripped");
            }
            return new GatecheckConfig(this, issuers, table, gatewayConfig, dpop.build(), resourceMetadata());
        }

        private Optional<String> resourceMetadata() {
            if (!resourceMetadata.get()) {
                if (resource.given()) {
                    throw new ConfigException(resource.key(), "is set but " + resourceMetadata.key() + " is not true");
                }
                return Optional.empty();
            }
            if (resource.given()) {
                return Optional.of(resource.get());
            }
            if (publicBaseUrl.get() == null) {
                throw new ConfigException(resource.key(), "is required when " + resourceMetadata.key() + "=true"
                        + " (or set gatecheck.public-base-url, its default)");
            }
            try {
                return Optional.of(PublicUrls.resource(resource.key(), publicBaseUrl.get()));
            } catch (ConfigException e) {
                throw new ConfigException(resource.key(), "is not set, and its default gatecheck.public-base-url '"
                        + publicBaseUrl.get() + "' is not an https URL (RFC 9728)");
            }
        }

        private void checkModes() {
            if (mode.get() == AuthMode.PUBLIC || mode.get() == AuthMode.WEBHOOK || mode.get() == AuthMode.DENY) {
                throw new ConfigException("gatecheck.mode", "must be token, gateway or gateway-or-token;"
                        + " make paths public or deny them with gatecheck.routes.<name>.auth");
            }
        }

        /** The engine-wide durations, and every route's introspection against the issuers that introspect. */
        private void checkIntrospection(List<IssuerConfig> issuers) {
            notNegative(introspectionCacheTtl.key(), introspectionCacheTtl.get());
            notNegative(introspectionNegativeTtl.key(), introspectionNegativeTtl.get());
            positive(introspectionTimeout.key(), introspectionTimeout.get());
            List<IssuerConfig> introspecting = issuers.stream().filter(i -> i.introspection().isPresent()).toList();
            for (Route route : routes.values()) {
                String prefix = "gatecheck.routes." + route.name() + ".";
                Optional<String> named = route.introspection().issuer();
                if (named.isPresent()) {
                    IssuerConfig issuer = issuers.stream().filter(i -> i.isNamed(named.get())).findFirst()
                            .orElseThrow(() -> new ConfigException(prefix + "issuer", "'" + named.get()
                                    + "' is not a configured issuer (a gatecheck.issuers.<name> name or an iss)"));
                    if (issuer.introspection().isEmpty()) {
                        throw new ConfigException(prefix + "issuer", "names issuer " + issuer.issuer()
                                + ", which has no introspection configured");
                    }
                }
                if (route.introspection().always() && introspecting.isEmpty()) {
                    throw new ConfigException(prefix + "introspect", "is always but no issuer has introspection"
                            + " configured (gatecheck.jwt.introspection.uri or gatecheck.issuers.<name>.introspection.*)");
                }
            }
            if (introspecting.size() > 1) {
                LOG.warn("several issuers introspect tokens: a token that is not a JWT is accepted only on routes"
                        + " that name one with gatecheck.routes.<name>.issuer");
            }
        }

        private void checkJwks() {
            positive("gatecheck.jwks.ttl", jwks.get().ttl());
            positive("gatecheck.jwks.refresh-cooldown", jwks.get().refreshCooldown());
            positive("gatecheck.jwks.max-stale", jwks.get().maxStale());
            positive("gatecheck.jwks.timeout", jwks.get().timeout());
        }

        private boolean usesGateway() {
            return isGateway(mode.get()) || routes.values().stream().anyMatch(r -> isGateway(r.mode()));
        }

        private static boolean isGateway(AuthMode m) {
            return m == AuthMode.GATEWAY || m == AuthMode.GATEWAY_OR_TOKEN;
        }

        private static void notNegative(String key, Duration d) {
            if (d.isNegative()) {
                throw new ConfigException(key, "must not be negative");
            }
        }

        private static void positive(String key, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException(key, "must be a positive duration");
            }
        }
    }
}
