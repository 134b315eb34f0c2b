package dev.gatecheck.jaxrs;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Gatecheck for a JAX-RS application: register one instance (or the class) and every resource method is
 * authenticated before it runs, at {@code Priorities.AUTHENTICATION}.
 * <pre>{@code
 * resourceConfig.register(new GatecheckFeature(gatecheck));   // Jersey; Application#getSingletons() anywhere
 * }</pre>
 *
 * <ul>
 *   <li>{@code @PermitAll}, {@code @DenyAll}, {@code @RolesAllowed} ({@code "**"}: any authenticated caller),
 *       {@link RequiresScopes} and {@link RequiresAcr} on a method (or a method it overrides or implements), else
 *       on its class (or a superclass or interface), decide; without them the route table
 *       ({@code gatecheck.routes.*}, {@code gatecheck.mode}) does, with paths relative to the application's base
 *       URI. Annotations are read once, at deployment, and resolved by core
 *       ({@link dev.gatecheck.route.ResourcePolicy#declaredBy}); a contradiction fails the deployment.</li>
 *   <li>An allowed request reaches the resource with a {@code SecurityContext} whose principal is the
 *       {@link dev.gatecheck.auth.Identity} (see {@link GatecheckIdentity}), and headers as Gatecheck shows them:
 *       identity headers derived from the identity, client copies removed, {@code Authorization} hidden
 *       unless configured otherwise. A denied one is answered with the rejection's status, JSON body and
 *       {@code WWW-Authenticate}.</li>
 *   <li>Behind the servlet adapter (or anything that leaves a {@code Decision.Allow} under the request
 *       attribute {@link Gatecheck#DECISION_ATTRIBUTE}), the request is not authenticated again: that decision's
 *       identity is checked against this side's own route view (see {@link Gatecheck#reuse}), so both must
 *       allow.</li>
 *   <li>Only requests matched to a resource method are authenticated; others get the runtime's 404 or
 *       405.</li>
 *   <li>With {@code gatecheck.resource-metadata.enabled=true}, {@code GET /.well-known/oauth-protected-resource}
 *       below the base URI is answered with RFC 9728 metadata ({@link Gatecheck#resourceMetadata}).</li>
 * </ul>
 */
public final class GatecheckFeature implements Feature {
    private final Gatecheck gatecheck;
    /** Injected by the runtime: RESTEasy names a {@code @Path} interface as the resource, not its implementation. */
    @Context
    private Application application;

    /** A feature using {@code gatecheck}, built and closed by the caller. */
    public GatecheckFeature(Gatecheck gatecheck) {
        this.gatecheck = Objects.requireNonNull(gatecheck, "gatecheck");
    }

    /**
     * A feature configured now from the properties file named by the {@code GATECHECK_CONFIG} environment
     * variable ({@code file:}, {@code classpath:} or a path) and the {@code GATECHECK_*} variables, which win.
     * The engine lives as long as the process; to close it, build it yourself and use
     * {@link #GatecheckFeature(Gatecheck)}.
     *
     * @throws ConfigException when the configuration is missing or invalid, so the application does not start
     *                         unprotected
     */
    public GatecheckFeature() {
        this(System.getenv());
    }

    /** A feature configured from {@code environment} instead of the process environment. */
    GatecheckFeature(Map<String, String> environment) {
        this(Gatecheck.create(GatecheckConfig.fromLayers(Map.of(), environment, classLoader())));
    }

    /** The application's class loader, for {@code classpath:} files: the thread's, where the runtime sets one. */
    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : GatecheckFeature.class.getClassLoader();
    }

    /** The engine this feature authenticates with. */
    public Gatecheck gatecheck() {
        return gatecheck;
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new ResourcePolicies(gatecheck, Optional.ofNullable(application)));
        IdentityInjection.register(context);
        if (gatecheck.config().resourceMetadata().isPresent()) {
            context.register(new ResourceMetadataFilter(gatecheck), Priorities.AUTHENTICATION);
        }
        return true;
    }
}
