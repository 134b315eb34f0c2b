package dev.gatecheck.config;

import dev.gatecheck.config.GatecheckConfig.Preflight;
import dev.gatecheck.gateway.GatewayPreset;
import dev.gatecheck.keys.JwksSettings;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import dev.gatecheck.token.TokenSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the DESIGN configuration keys into a {@link GatecheckConfig.Builder}. */
final class ConfigLoader {
    private static final String JWT = "gatecheck.jwt.";
    private static final String INTROSPECTION = "introspection.";
    private static final String ENGINE_INTROSPECTION = "gatecheck.introspection.";
    private static final Pattern ROUTE_KEY = Pattern.compile("gatecheck\\.routes\\.([A-Za-z0-9_-]+)\\.([a-z-]+)");
    private static final Set<String> ROUTE_SUFFIXES = Set.of("paths", "methods", "auth", "roles", "scopes", "claims",
            "webhook", "secrets", "tolerance", "max-body", "introspect", "issuer", "dpop", "acr", "max-age");
    private static final Set<String> JWT_SUFFIXES = Set.of("issuer", "audiences", "jwks-uri", "discovery",
            "public-key-location", "jwks", "hmac-secret", "hmac-secret-base64", "algorithms", "clock-skew",
            "max-lifetime", "required-claims", "typ", "roles-claim", "scope-claim", "org-claim", INTROSPECTION + "uri",
            INTROSPECTION + "client-id", INTROSPECTION + "auth-method", INTROSPECTION + "client-secret",
            INTROSPECTION + "private-key-location", "dpop");
    /** What an issuer takes besides the token rules a gateway assertion shares: the identity provider's preset. */
    private static final Set<String> ISSUER_SUFFIXES = union(JWT_SUFFIXES, Set.of("preset", "client"));
    private static final Pattern ISSUER_KEY = Pattern.compile("gatecheck\\.issuers\\.([a-z0-9_-]+)\\.([a-z0-9.-]+)");
    private static final String GW = "gatecheck.gateway.";
    private static final String GWA = GW + "assertion.";
    private static final Set<String> GATEWAY_KEYS = Set.of(GW + "identity-headers", GW + "marker", GW + "on-untrusted",
            GW + "hmac.keys", GW + "hmac.tolerance", GW + "hmac.components", GW + "hmac.max-body",
            GW + "shared-secret.header", GW + "shared-secret.values",
            GW + "trusted-proxies", GW + "client-cert.subjects", GW + "client-cert.dns-names", GW + "client-cert.uris",
            GWA + "preset", GWA + "header", GWA + "jwks-uri", GWA + "public-key-location", GWA + "issuer",
            GWA + "audience", GWA + "algorithms", GWA + "key-url", GWA + "signer", GWA + "client",
            GWA + "roles-claim", GWA + "org-claim", GWA + "clock-skew", GWA + "max-lifetime", GWA + "headers",
            GW + "client-cert-header");
    private static final String DPOP = "gatecheck.dpop.";
    private static final String METADATA = "gatecheck.resource-metadata.";
    private static final Set<String> FIXED_KEYS;

    static {
        Set<String> keys = new HashSet<>(List.of("gatecheck.mode", "gatecheck.token.sources",
                "gatecheck.token.max-length", "gatecheck.jwks.ttl", "gatecheck.jwks.refresh-cooldown",
                "gatecheck.jwks.max-stale", "gatecheck.jwks.timeout", "gatecheck.cache.tokens.max-size",
                "gatecheck.cache.tokens.ttl", "gatecheck.forward.headers", "gatecheck.forward.hide-authorization",
                "gatecheck.preflight", ENGINE_INTROSPECTION + "cache-ttl", ENGINE_INTROSPECTION + "negative-ttl",
                ENGINE_INTROSPECTION + "timeout", "gatecheck.public-base-url", DPOP + "algorithms", DPOP + "max-age",
                DPOP + "nonce", DPOP + "nonce-secret", METADATA + "enabled", METADATA + "resource"));
        ISSUER_SUFFIXES.forEach(s -> keys.add(JWT + s));
        keys.addAll(GATEWAY_KEYS);
        keys.addAll(ReplayKeys.KEYS);
        FIXED_KEYS = Set.copyOf(keys);
    }

    private ConfigLoader() {
    }

    static GatecheckConfig load(Map<String, String> raw, Clock clock) {
        return builder(raw, clock).build();
    }

    /** A builder holding the settings of the keys of {@code raw}, each checked and given once. */
    static GatecheckConfig.Builder builder(Map<String, String> raw, Clock clock) {
        Map<String, String> keys = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith("gatecheck.")) {
                keys.put(k, v == null ? "" : v.trim());
            }
        });
        GatecheckConfig.Builder builder = GatecheckConfig.builder().clock(clock);
        Map<String, Map<String, String>> routes = new LinkedHashMap<>();
        Map<String, Map<String, String>> issuers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getKey();
            Matcher route = ROUTE_KEY.matcher(key);
            if (route.matches() && ROUTE_SUFFIXES.contains(route.group(2))) {
                routes.computeIfAbsent(route.group(1), n -> new HashMap<>()).put(route.group(2), e.getValue());
            } else if (ISSUER_KEY.matcher(key).matches() && ISSUER_SUFFIXES.contains(issuerSuffix(key))) {
                Matcher issuer = ISSUER_KEY.matcher(key);
                issuer.matches();
                issuers.computeIfAbsent(issuer.group(1), n -> new TreeMap<>())
                        .put(JWT + issuer.group(2), e.getValue());
            } else if (!FIXED_KEYS.contains(key)) {
                throw new ConfigException(key, "is not a Gatecheck configuration key"
                        + KeySuggestion.didYouMean(key, knownKeysLike(key)));
            }
            if (e.getValue().isEmpty()) {
                throw new ConfigException(key, ConfigValues.EMPTY);
            }
        }
        applyGeneral(keys, builder);
        ReplayKeys.apply(keys, builder);
        if (keys.keySet().stream().anyMatch(k -> k.startsWith(JWT)) || issuers.isEmpty()) {
            builder.jwt(jwt -> applyIssuer(keys, jwt, JWT));
        }
        issuers.forEach((name, settings) -> builder.issuer(name,
                jwt -> applyIssuer(settings, jwt, "gatecheck.issuers." + name + ".")));
        AuthMode defaultMode = keys.containsKey("gatecheck.mode")
                ? mode("gatecheck.mode", keys.get("gatecheck.mode")) : AuthMode.TOKEN;
        routes.forEach((name, settings) -> builder.route(route(name, settings, defaultMode)));
        if (keys.keySet().stream().anyMatch(k -> k.startsWith(GW))) {
            builder.gateway(gateway -> applyGateway(keys, gateway));
        }
        return builder;
    }

    private static void applyGeneral(Map<String, String> keys, GatecheckConfig.Builder b) {
        with(keys, "gatecheck.mode", v -> b.mode(mode("gatecheck.mode", v)));
        with(keys, "gatecheck.token.sources", v -> {
            try {
                b.tokenSources(ConfigValues.list("gatecheck.token.sources", v).stream().map(TokenSource::parse)
                        .toArray(TokenSource[]::new));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("gatecheck.token.sources", e.getMessage());
            }
        });
        with(keys, "gatecheck.token.max-length",
                v -> b.tokenMaxLength(ConfigValues.integer("gatecheck.token.max-length", v)));
        with(keys, "gatecheck.forward.headers", v -> b.forwardHeaders(headerMappings("gatecheck.forward.headers", v)));
        with(keys, "gatecheck.forward.hide-authorization",
                v -> b.hideAuthorization(ConfigValues.bool("gatecheck.forward.hide-authorization", v)));
        with(keys, "gatecheck.preflight", v -> b.preflight(switch (v) {
            case "skip" -> Preflight.SKIP;
            case "authenticate" -> Preflight.AUTHENTICATE;
            default -> throw new ConfigException("gatecheck.preflight", "'" + v + "' is not skip or authenticate");
        }));
        if (keys.keySet().stream().anyMatch(k -> k.startsWith("gatecheck.jwks."))) {
            JwksSettings jwks = JwksSettings.DEFAULTS; // the defaults, once: each key changes its own part
            jwks = jwks.withTtl(duration(keys, "gatecheck.jwks.ttl", jwks.ttl()));
            jwks = jwks.withRefreshCooldown(duration(keys, "gatecheck.jwks.refresh-cooldown", jwks.refreshCooldown()));
            jwks = jwks.withMaxStale(duration(keys, "gatecheck.jwks.max-stale", jwks.maxStale()));
            b.jwks(jwks.withTimeout(duration(keys, "gatecheck.jwks.timeout", jwks.timeout())));
        }
        with(keys, "gatecheck.cache.tokens.max-size",
                v -> b.tokenCacheMaxSize(ConfigValues.integer("gatecheck.cache.tokens.max-size", v)));
        with(keys, "gatecheck.cache.tokens.ttl",
                v -> b.tokenCacheTtl(ConfigValues.duration("gatecheck.cache.tokens.ttl", v)));
        String cacheTtl = ENGINE_INTROSPECTION + "cache-ttl";
        String negativeTtl = ENGINE_INTROSPECTION + "negative-ttl";
        String timeout = ENGINE_INTROSPECTION + "timeout";
        with(keys, cacheTtl, v -> b.introspectionCacheTtl(ConfigValues.duration(cacheTtl, v)));
        with(keys, negativeTtl, v -> b.introspectionNegativeTtl(ConfigValues.duration(negativeTtl, v)));
        with(keys, timeout, v -> b.introspectionTimeout(ConfigValues.duration(timeout, v)));
        with(keys, "gatecheck.public-base-url", b::publicBaseUrl);
        with(keys, METADATA + "enabled", v -> b.resourceMetadata(ConfigValues.bool(METADATA + "enabled", v)));
        with(keys, METADATA + "resource", b::resourceMetadataResource);
        b.dpop(dpop -> {
            withList(keys, DPOP + "algorithms", DPOP + "algorithms", dpop::algorithms);
            with(keys, DPOP + "max-age", v -> dpop.maxAge(ConfigValues.duration(DPOP + "max-age", v)));
            with(keys, DPOP + "nonce", v -> dpop.nonce(ConfigValues.bool(DPOP + "nonce", v)));
            with(keys, DPOP + "nonce-secret", v -> dpop.nonceSecret(ConfigValues.secret(DPOP + "nonce-secret", v)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        });
    }

    private static String issuerSuffix(String key) {
        Matcher m = ISSUER_KEY.matcher(key);
        return m.matches() ? m.group(2) : "";
    }

    /** Applies an issuer's keys: its preset, then the token rules. */
    private static void applyIssuer(Map<String, String> keys, JwtSettings jwt, String prefix) {
        with(keys, JWT + "preset", v -> jwt.preset(JwtSettings.Preset.fromKey(v).orElseThrow(
                () -> new ConfigException(prefix + "preset", "'" + v + "' is not keycloak"))));
        with(keys, JWT + "client", jwt::client);
        applyJwt(keys, jwt, prefix);
    }

    /** Applies {@code gatecheck.jwt.*} keys of {@code keys}; errors name them under {@code prefix}. */
    private static void applyJwt(Map<String, String> keys, JwtSettings jwt, String prefix) {
        with(keys, JWT + "issuer", jwt::issuer);
        withList(keys, JWT + "audiences", jwt.audiencesKey(), jwt::audiences);
        withList(keys, JWT + "algorithms", prefix + "algorithms", jwt::algorithms);
        with(keys, JWT + "clock-skew", v -> jwt.clockSkew(ConfigValues.duration(prefix + "clock-skew", v)));
        with(keys, JWT + "max-lifetime", v -> jwt.maxLifetime(ConfigValues.duration(prefix + "max-lifetime", v)));
        withList(keys, JWT + "required-claims", prefix + "required-claims", jwt::requiredClaims);
        with(keys, JWT + "typ", jwt::typ);
        withList(keys, JWT + "roles-claim", prefix + "roles-claim", jwt::rolesClaim);
        with(keys, JWT + "scope-claim", jwt::scopeClaim);
        with(keys, JWT + "org-claim", jwt::orgClaim);
        with(keys, JWT + "jwks-uri", jwt::jwksUri);
        with(keys, JWT + "discovery", v -> jwt.discovery(ConfigValues.bool(prefix + "discovery", v)));
        with(keys, JWT + "public-key-location", jwt::publicKeyLocation);
        with(keys, JWT + "jwks", jwt::jwks);
        with(keys, JWT + "dpop", v -> jwt.dpop(IssuerConfig.Dpop.fromKey(v).orElseThrow(() -> new ConfigException(
                prefix + "dpop", "'" + v + "' is not allowed, required or disabled"))));
        boolean base64 = keys.containsKey(JWT + "hmac-secret-base64")
                && ConfigValues.bool(prefix + "hmac-secret-base64", keys.get(JWT + "hmac-secret-base64"));
        with(keys, JWT + "hmac-secret", v -> jwt.hmacSecret(JwtSettings.decodeSecret(prefix + "hmac-secret",
                ConfigValues.secret(prefix + "hmac-secret", v), base64)));
        if (keys.keySet().stream().anyMatch(k -> k.startsWith(JWT + INTROSPECTION))) {
            jwt.introspection(i -> applyIntrospection(keys, i, prefix + INTROSPECTION));
        }
    }

    private static void applyIntrospection(Map<String, String> keys, IntrospectionSettings settings, String prefix) {
        String from = JWT + INTROSPECTION;
        with(keys, from + "uri", settings::uri);
        with(keys, from + "client-id", settings::clientId);
        with(keys, from + "auth-method", v -> settings.authMethod(IssuerConfig.Introspection.ClientAuth.fromKey(v)
                .orElseThrow(() -> new ConfigException(prefix + "auth-method",
                        "'" + v + "' is not client_secret_basic or private_key_jwt"))));
        with(keys, from + "client-secret", v -> settings.clientSecret(
                ConfigValues.secret(prefix + "client-secret", v)));
        with(keys, from + "private-key-location", settings::privateKeyLocation);
    }

    private static void applyGateway(Map<String, String> keys, GatewaySettings g) {
        with(keys, GW + "identity-headers", v -> g.identityHeaders(headerMappings(GW + "identity-headers", v)));
        with(keys, GW + "marker", v -> g.markers(ConfigValues.list(GW + "marker", v).stream()
                .map(kind -> GatewayConfig.Marker.fromKey(kind).orElseThrow(() -> new ConfigException(GW + "marker",
                        "'" + kind + "' is not hmac, assertion, shared-secret, trusted-proxy or client-cert")))
                .toArray(GatewayConfig.Marker[]::new)));
        with(keys, GW + "on-untrusted", v -> g.onUntrusted(switch (v) {
            case "strip" -> GatewayConfig.OnUntrusted.STRIP;
            case "reject" -> GatewayConfig.OnUntrusted.REJECT;
            default -> throw new ConfigException(GW + "on-untrusted", "'" + v + "' is not strip or reject");
        }));
        with(keys, GW + "hmac.keys", v -> GatewaySettings.parseHmacKeys(GW + "hmac.keys",
                ConfigValues.list(GW + "hmac.keys", ConfigValues.secret(GW + "hmac.keys", v))).forEach(g::hmacKey));
        with(keys, GW + "hmac.tolerance", v -> g.hmacTolerance(ConfigValues.duration(GW + "hmac.tolerance", v)));
        withList(keys, GW + "hmac.components", GW + "hmac.components", g::hmacComponents);
        with(keys, GW + "hmac.max-body", v -> g.hmacMaxBody(ConfigValues.size(GW + "hmac.max-body", v)));
        if (keys.containsKey(GW + "shared-secret.header") || keys.containsKey(GW + "shared-secret.values")) {
            String values = GW + "shared-secret.values";
            g.sharedSecret(keys.get(GW + "shared-secret.header"), ConfigValues.list(values,
                    ConfigValues.secret(values, keys.getOrDefault(values, ""))).toArray(String[]::new));
        }
        withList(keys, GW + "trusted-proxies", GW + "trusted-proxies", g::trustedProxies);
        // Subject DNs contain commas, so that list is separated by semicolons.
        String subjects = GW + "client-cert.subjects";
        String dnsNames = GW + "client-cert.dns-names";
        String uris = GW + "client-cert.uris";
        if (keys.containsKey(subjects) || keys.containsKey(dnsNames) || keys.containsKey(uris)) {
            g.clientCert(keys.containsKey(subjects) ? Set.copyOf(ConfigValues.split(subjects, keys.get(subjects), ";"))
                            : Set.of(),
                    keys.containsKey(dnsNames) ? Set.copyOf(ConfigValues.list(dnsNames, keys.get(dnsNames))) : Set.of(),
                    keys.containsKey(uris) ? Set.copyOf(ConfigValues.list(uris, keys.get(uris))) : Set.of());
        }
        with(keys, GW + "client-cert-header", g::clientCertHeader);
        with(keys, GWA + "preset", v -> g.preset(GatewayPreset.fromKey(v).orElseThrow(() -> new ConfigException(
                GWA + "preset", "'" + v + "' is not google-iap, aws-alb, cloudflare-access or pomerium"))));
        with(keys, GWA + "header", g::assertionHeader);
        withList(keys, GWA + "signer", GWA + "signer", g::signers);
        with(keys, GWA + "client", g::client);
        with(keys, GWA + "key-url", g::keyUrl);
        with(keys, GWA + "headers", v -> g.assertionHeaders(switch (v) {
            case "ignore" -> GatewayConfig.SiblingHeaders.IGNORE;
            case "agree" -> GatewayConfig.SiblingHeaders.AGREE;
            default -> throw new ConfigException(GWA + "headers", "'" + v + "' is not ignore or agree");
        }));
        Map<String, String> jwt = new HashMap<>();
        keys.forEach((k, v) -> {
            if (k.startsWith(GWA)) {
                String suffix = k.substring(GWA.length());
                jwt.put(JWT + (suffix.equals("audience") ? "audiences" : suffix), v);
            }
        });
        if (jwt.keySet().stream().anyMatch(k -> JWT_SUFFIXES.contains(k.substring(JWT.length())))) {
            g.assertion(a -> applyJwt(jwt, a, GWA));
        }
    }

    private static Route route(String name, Map<String, String> s, AuthMode defaultMode) {
        String prefix = "gatecheck.routes." + name + ".";
        String paths = s.get("paths");
        if (paths == null) {
            throw new ConfigException(prefix + "paths", "is required");
        }
        AuthMode mode = s.containsKey("auth") ? mode(prefix + "auth", s.get("auth"))
                : s.containsKey("webhook") ? AuthMode.WEBHOOK : defaultMode;
        Optional<WebhookSpec> webhook = webhook(prefix, s, mode);
        Set<String> roles = Set.copyOf(ConfigValues.list(prefix + "roles", s.getOrDefault("roles", "")));
        Set<String> scopes = Set.copyOf(ConfigValues.list(prefix + "scopes", s.getOrDefault("scopes", "")));
        Map<String, Set<String>> claims = new HashMap<>();
        for (String pair : ConfigValues.list(prefix + "claims", s.getOrDefault("claims", ""))) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.substring(0, eq).isBlank() || pair.substring(eq + 1).isBlank()) {
                throw new ConfigException(prefix + "claims", "'" + pair + "' is not path=value");
            }
            claims.computeIfAbsent(pair.substring(0, eq).trim(), k -> new LinkedHashSet<>())
                    .add(pair.substring(eq + 1).trim());
        }
        Set<String> methods = Set.copyOf(ConfigValues.list(prefix + "methods", s.getOrDefault("methods", "")));
        try {
            Requirements requirements = new Requirements(roles, scopes, claims).withStepUp(new Requirements.StepUp(
                    Set.copyOf(ConfigValues.list(prefix + "acr", s.getOrDefault("acr", ""))),
                    s.containsKey("max-age") ? Optional.of(ConfigValues.duration(prefix + "max-age", s.get("max-age")))
                            : Optional.empty()));
            if (s.containsKey("dpop")) {
                if (!s.get("dpop").equals("required")) {
                    throw new ConfigException(prefix + "dpop", "'" + s.get("dpop") + "' is not required (leave the key"
                            + " out to follow the issuer's gatecheck.jwt.dpop)");
                }
                requirements = requirements.withDpop();
            }
            return new Route(name, ConfigValues.list(prefix + "paths", paths), methods, mode, requirements, webhook,
                    introspection(prefix, s));
        } catch (Route.InvalidSetting e) {
            throw new ConfigException(prefix + e.setting(), e.getMessage());
        }
    }

    private static Route.Introspection introspection(String prefix, Map<String, String> s) {
        boolean always = switch (s.getOrDefault("introspect", "opaque")) {
            case "always" -> true;
            case "opaque" -> false;
            default -> throw new ConfigException(prefix + "introspect", "'" + s.get("introspect")
                    + "' is not always or opaque");
        };
        return new Route.Introspection(always, Optional.ofNullable(s.get("issuer")));
    }

    private static Optional<WebhookSpec> webhook(String prefix, Map<String, String> s, AuthMode mode) {
        if (mode != AuthMode.WEBHOOK) {
            for (String suffix : List.of("webhook", "secrets", "tolerance", "max-body")) {
                if (s.containsKey(suffix)) {
                    throw new ConfigException(prefix + suffix, "applies only to routes with auth=webhook");
                }
            }
            return Optional.empty();
        }
        for (String suffix : List.of("roles", "scopes", "claims", "acr", "max-age", "dpop")) {
            if (s.containsKey(suffix)) {
                throw new ConfigException(prefix + suffix, "does not apply to a webhook route: the sender is"
                        + " authenticated by its signature and has no roles, scopes, claims or token");
            }
        }
        if (!s.containsKey("webhook")) {
            throw new ConfigException(prefix + "webhook", "a webhook route needs a scheme: github, standard-webhooks,"
                    + " stripe or slack");
        }
        List<String> secrets = ConfigValues.secrets(prefix + "secrets", s.getOrDefault("secrets", ""));
        java.time.Duration tolerance = s.containsKey("tolerance")
                ? ConfigValues.duration(prefix + "tolerance", s.get("tolerance")) : WebhookSpec.DEFAULT_TOLERANCE;
        long maxBody = s.containsKey("max-body") ? ConfigValues.size(prefix + "max-body", s.get("max-body"))
                : WebhookSpec.DEFAULT_MAX_BODY;
        try {
            return Optional.of(new WebhookSpec(s.get("webhook"), secrets, tolerance, maxBody));
        } catch (Route.InvalidSetting e) {
            throw new ConfigException(prefix + e.setting(), e.getMessage());
        }
    }

    private static AuthMode mode(String key, String value) {
        return AuthMode.fromKey(value).orElseThrow(() -> new ConfigException(key,
                "'" + value + "' is not public, token, gateway, gateway-or-token, webhook or deny"));
    }

    private static HeaderMapping[] headerMappings(String key, String value) {
        return ConfigValues.list(key, value).stream().map(pair -> {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(key, "'" + pair + "' is not Header:claim");
            }
            try {
                return new HeaderMapping(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
        }).toArray(HeaderMapping[]::new);
    }

    private static java.time.Duration duration(Map<String, String> keys, String key, java.time.Duration fallback) {
        String v = keys.get(key);
        return v == null ? fallback : ConfigValues.duration(key, v);
    }

    private static void with(Map<String, String> keys, String key, java.util.function.Consumer<String> apply) {
        String v = keys.get(key);
        if (v != null) {
            apply.accept(v);
        }
    }

    /** Applies the comma-separated list of {@code key} when it is set; errors name {@code errorKey}. */
    private static void withList(Map<String, String> keys, String key, String errorKey,
                                 java.util.function.Consumer<String[]> apply) {
        with(keys, key, v -> apply.accept(ConfigValues.list(errorKey, v).toArray(String[]::new)));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(n -> map.put(n, properties.getProperty(n)));
        return map;
    }

    static Map<String, String> environmentKeys(Map<String, String> environment) {
        Map<String, String> byEnvName = new HashMap<>();
        FIXED_KEYS.forEach(k -> byEnvName.put(envName(k), k));
        Map<String, String> keys = new LinkedHashMap<>();
        Pattern routeVar = Pattern.compile("GATECHECK_ROUTES_([A-Z0-9_]+?)_("
                + String.join("|", ROUTE_SUFFIXES.stream().map(ConfigLoader::envName).toList()) + ")");
        Pattern issuerVar = Pattern.compile("GATECHECK_ISSUERS_([A-Z0-9_]+?)_("
                + String.join("|", ISSUER_SUFFIXES.stream().map(ConfigLoader::envName).toList()) + ")");
        environment.forEach((name, value) -> {
            if (!name.startsWith("GATECHECK_") || name.equals("GATECHECK_CONFIG")) {
                return;
            }
            String key = byEnvName.get(name);
            Matcher route = routeVar.matcher(name);
            Matcher issuer = issuerVar.matcher(name);
            if (key == null && issuer.matches()) {
                String suffix = ISSUER_SUFFIXES.stream().filter(s -> envName(s).equals(issuer.group(2)))
                        .findFirst().orElseThrow();
                key = "gatecheck.issuers." + issuer.group(1).toLowerCase(Locale.ROOT) + "." + suffix;
            } else if (key == null && route.matches()) {
                String suffix = ROUTE_SUFFIXES.stream().filter(s -> envName(s).equals(route.group(2)))
                        .findFirst().orElseThrow();
                key = "gatecheck.routes." + route.group(1).toLowerCase(Locale.ROOT) + "." + suffix;
            } else if (key == null) {
                throw new ConfigException(name, "is not a Gatecheck environment variable"
                        + KeySuggestion.didYouMean(name, knownVariablesLike(name)));
            }
            if (value.isBlank()) {
                // An unset ${VAR} in a compose file: read as "not set" it would drop a rule another layer sets.
                throw new ConfigException(name, ConfigValues.EMPTY + " (unset the variable to keep what other"
                        + " sources set for " + key + ")");
            }
            keys.put(key, value);
        });
        return keys;
    }

    /** The fixed keys, and the route and issuer keys for the name {@code key} has in their place. */
    private static Set<String> knownKeysLike(String key) {
        Set<String> known = new HashSet<>(FIXED_KEYS);
        String[] parts = key.split("\\.", 4);
        if (parts.length == 4) {
            String name = parts[2];
            ROUTE_SUFFIXES.forEach(s -> known.add("gatecheck.routes." + name + "." + s));
            ISSUER_SUFFIXES.forEach(s -> known.add("gatecheck.issuers." + name + "." + s));
        }
        return known;
    }

    /** The same for a variable, whose route or issuer name may hold {@code _}: every split is a candidate. */
    private static Set<String> knownVariablesLike(String name) {
        Set<String> known = new HashSet<>();
        FIXED_KEYS.forEach(k -> known.add(envName(k)));
        String rest = name.substring("GATECHECK_".length());
        int group = rest.indexOf('_');
        for (int end = rest.indexOf('_', group + 1); group > 0 && end > 0; end = rest.indexOf('_', end + 1)) {
            String routeOrIssuer = rest.substring(group + 1, end);
            ROUTE_SUFFIXES.forEach(s -> known.add("GATECHECK_ROUTES_" + routeOrIssuer + "_" + envName(s)));
            ISSUER_SUFFIXES.forEach(s -> known.add("GATECHECK_ISSUERS_" + routeOrIssuer + "_" + envName(s)));
        }
        return known;
    }

    private static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
