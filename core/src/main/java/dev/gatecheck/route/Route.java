package dev.gatecheck.route;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the route table: which paths and methods it covers, how callers authenticate, and what they
 * must have.
 *
 * @param name the configuration name ({@code gatecheck.routes.<name>})
 * @param paths patterns: {@code /x} exact, {@code /x/*} prefix (also matching {@code /x}), {@code /*} everything
 * @param methods upper-case methods this route covers; empty means all
 * @param mode how callers authenticate
 * @param requirements roles, scopes and claims a caller must have
 * @param webhook the signature settings of a {@code webhook} route
 * @param introspection which tokens are introspected on this route, and by which issuer
 */
public record Route(String name, List<String> paths, Set<String> methods, AuthMode mode, Requirements requirements,
                    Optional<WebhookSpec> webhook, Introspection introspection) {

    /** A route that is not a webhook route, with the default {@link Introspection#OPAQUE}. */
    public Route(String name, List<String> paths, Set<String> methods, AuthMode mode, Requirements requirements) {
        this(name, paths, methods, mode, requirements, Optional.empty(), Introspection.OPAQUE);
    }

    /** A route with the default {@link Introspection#OPAQUE}. */
    public Route(String name, List<String> paths, Set<String> methods, AuthMode mode, Requirements requirements,
                 Optional<WebhookSpec> webhook) {
        this(name, paths, methods, mode, requirements, webhook, Introspection.OPAQUE);
    }

    /** A {@code webhook} route for {@code paths}, verified by {@code webhook}. */
    public static Route webhook(String name, List<String> paths, WebhookSpec webhook) {
        return new Route(name, paths, Set.of(), AuthMode.WEBHOOK, Requirements.NONE, Optional.of(webhook));
    }

    /** This route with {@code introspection} instead of its own. */
    public Route withIntrospection(Introspection introspection) {
        return new Route(name, paths, methods, mode, requirements, webhook, introspection);
    }

    /**
     * Which bearer tokens a route introspects (RFC 7662), and where ({@code gatecheck.routes.<name>.introspect},
     * {@code .issuer}).
     *
     * @param always introspect every token, JWTs that verified included ({@code introspect=always}); else only
     *               tokens that are not JWTs ({@code introspect=opaque})
     * @param issuer the issuer that introspects tokens that are not JWTs here: a {@code gatecheck.issuers.<name>}
     *               name or an exact {@code iss}; empty: the one issuer with introspection
     */
    public record Introspection(boolean always, Optional<String> issuer) {
        /** Only tokens that are not JWTs are introspected, by the one issuer with introspection. */
        public static final Introspection OPAQUE = new Introspection(false, Optional.empty());

        public Introspection {
            Objects.requireNonNull(issuer, "issuer");
            if (issuer.isPresent() && issuer.get().isBlank()) {
                throw new InvalidSetting("issuer", "must not be blank");
            }
        }

        /** The configuration value of {@link #always()}: {@code always} or {@code opaque}. */
        public String key() {
            return always ? "always" : "opaque";
        }
    }

    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(requirements, "requirements");
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new InvalidSetting("paths", "a route needs at least one path");
        }
        for (String path : paths) {
            PathPattern.parse(path);
        }
        if (!requirements.isEmpty() && (mode == AuthMode.PUBLIC || mode == AuthMode.DENY)) {
            throw new InvalidSetting("auth", "roles, scopes, claims, acr, max-age and dpop need an authenticating"
                    + " mode, not " + mode.key());
        }
        if (!requirements.isEmpty() && mode == AuthMode.WEBHOOK) {
            // Never checked on a webhook route (the sender has none of them), so refuse rather than silently skip.
            throw new InvalidSetting("roles", "roles, scopes, claims, acr, max-age and dpop do not apply to a webhook"
                    + " route: the sender is authenticated by its signature and has none");
        }
        if (requirements.dpop() && mode == AuthMode.GATEWAY) {
            throw new InvalidSetting("dpop", "dpop=required needs a route that accepts tokens (token or"
                    + " gateway-or-token): a gateway identity is never DPoP-bound");
        }
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(introspection, "introspection");
        if (!introspection.equals(Introspection.OPAQUE) && !mode.verifiesTokens()) {
            throw new InvalidSetting(introspection.issuer().isPresent() ? "issuer" : "introspect",
                    "applies only to routes that verify bearer tokens (public, token, gateway-or-token), not "
                            + mode.key());
        }
        if ((mode == AuthMode.WEBHOOK) != webhook.isPresent()) {
            throw new InvalidSetting("webhook", mode == AuthMode.WEBHOOK ? "a webhook route needs webhook settings"
                    : "webhook settings need auth=webhook");
        }
        for (String method : methods) {
            // A bogus name ("GET POST") would make the route match nothing and silently drop its requirements.
            if (!method.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new InvalidSetting("methods", "method '" + method + "' is not an HTTP method name");
            }
        }
        methods = Set.copyOf(methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
    }

    /** True when this route covers {@code method}. */
    public boolean coversMethod(String method) {
        return methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT));
    }

    /**
     * A route setting that cannot hold, naming which one: {@code paths}, {@code methods}, {@code auth},
     * {@code roles}, {@code acr}, {@code max-age}, {@code dpop}, {@code webhook}, {@code secrets}, {@code tolerance},
     * {@code max-body}, {@code introspect} or {@code issuer} (the suffix of
     * {@code gatecheck.routes.<name>.*}), so the configuration names the key at fault.
     */
    public static final class InvalidSetting extends IllegalArgumentException {
        private final String setting;

        public InvalidSetting(String setting, String message) {
            super(message);
            this.setting = setting;
        }

        /** The setting at fault, e.g. {@code paths}. */
        public String setting() {
            return setting;
        }
    }
}
