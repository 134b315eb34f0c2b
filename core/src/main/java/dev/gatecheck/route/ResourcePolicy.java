package dev.gatecheck.route;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What an application declares for one resource (a JAX-RS resource method's {@code @PermitAll},
 * {@code @DenyAll}, {@code @RolesAllowed}, {@code @RequiresScopes}, {@code @RequiresAcr}). Given to
 * {@code Gatecheck.authenticate(request, policy)}, it replaces the access rule the route table would apply to
 * that request; how a caller authenticates still follows the route table (see {@link #applyTo}).
 * Adapters build a policy once per resource, at deployment.
 *
 * @param name what the policy belongs to, for logs (e.g. {@code UserResource.list})
 * @param access who may call
 * @param requirements roles (any of) and scopes (all of) an {@link Access#AUTHENTICATED} caller must have;
 *                     empty for the other kinds
 */
public record ResourcePolicy(String name, Access access, Requirements requirements) {

    /** Who may call a resource. */
    public enum Access {
        /** Anyone; a presented token is still verified, and a broken one is a 401 ({@code @PermitAll}). */
        PUBLIC,
        /** An authenticated caller meeting {@link #requirements()} ({@code @RolesAllowed}, {@code @RequiresScopes}). */
        AUTHENTICATED,
        /** Nobody: 403 ({@code @DenyAll}). */
        DENY
    }

    public ResourcePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(requirements, "requirements");
        if (access != Access.AUTHENTICATED && !requirements.isEmpty()) {
            throw new IllegalArgumentException(name + ": roles, scopes and claims need an authenticated caller, not "
                    + access);
        }
    }

    /** Anyone may call ({@code @PermitAll}). */
    public static ResourcePolicy permitAll(String name) {
        return new ResourcePolicy(name, Access.PUBLIC, Requirements.NONE);
    }

    /** Nobody may call ({@code @DenyAll}). */
    public static ResourcePolicy denyAll(String name) {
        return new ResourcePolicy(name, Access.DENY, Requirements.NONE);
    }

    /** An authenticated caller with {@code requirements} ({@link Requirements#NONE}: any authenticated caller). */
    public static ResourcePolicy authenticated(String name, Requirements requirements) {
        return new ResourcePolicy(name, Access.AUTHENTICATED, requirements);
    }

    /**
     * The policy a resource method declares, resolved the JSR-250 way, the same on every runtime; empty when
     * nothing is declared (the route table decides). {@code reader} reads the {@link Declaration}s of one element,
     * a method or a type, and nothing inherited; core walks the hierarchy:
     * <ul>
     *   <li>{@code method} may be where a runtime found the JAX-RS annotations (an interface's or superclass's
     *       method): the method {@code resourceClass} runs for it is taken.</li>
     *   <li>Method level before class level. The method level is that method and every method it overrides or
     *       implements, in superclasses and interfaces; the class level is {@code resourceClass}, its
     *       superclasses and its interfaces.</li>
     *   <li>An access rule ({@link Declaration.DenyAll}, {@link Declaration.PermitAll},
     *       {@link Declaration.RolesAllowed}) and the scopes are taken each from the method level, else the class
     *       level. Roles and scopes combine (one of the roles and all of the scopes); {@code @PermitAll} or
     *       {@code @DenyAll} and scopes at different levels: the method level's wins.</li>
     *   <li>A step-up ({@link Declaration.RequiresAcr}) is taken from the method level, else the class level, and
     *       combines with roles and scopes like scopes do.</li>
     * </ul>
     *
     * @throws IllegalStateException naming the method and both places, when one level holds different access
     *                               rules or scopes (or {@code @PermitAll} / {@code @DenyAll} and scopes), and
     *                               for a {@code @RolesAllowed} without a role or a scope with a space, and for
     *                               a {@code @RequiresAcr} with neither values nor a valid {@code maxAge}
     */
    public static Optional<ResourcePolicy> declaredBy(Class<?> resourceClass, Method method,
                                                      Function<AnnotatedElement, List<Declaration>> reader) {
        return DeclarationResolver.resolve(resourceClass, method, reader);
    }

    /**
     * The route to apply instead of {@code matched}, the route-table entry of the request:
     * <ul>
     *   <li>{@link Access#DENY}: a {@code deny} route;</li>
     *   <li>{@link Access#PUBLIC}: a {@code public} route;</li>
     *   <li>{@link Access#AUTHENTICATED}: this policy's requirements (instead of the route's), authenticated
     *       the way {@code matched} authenticates ({@code token}, {@code gateway}, {@code gateway-or-token}),
     *       or with {@code defaultMode} ({@code gatecheck.mode}) where {@code matched} is public or deny. The route's
     *       {@code dpop=required} is kept, and so are its {@code acr} and {@code max-age} unless the policy names
     *       its own ({@link Requirements#within}).</li>
     * </ul>
     * A {@code webhook} route keeps its signature check whatever the policy says; only {@link Access#DENY}
     * changes it. Every other route keeps its {@link Route.Introspection}: a resource's rule never skips
     * the introspection its route asks for.
     */
    public Route applyTo(Route matched, AuthMode defaultMode) {
        if (access == Access.DENY) {
            return route(AuthMode.DENY, requirements, matched);
        }
        if (matched.mode() == AuthMode.WEBHOOK) {
            return matched;
        }
        if (access == Access.PUBLIC) {
            return route(AuthMode.PUBLIC, requirements, matched);
        }
        boolean authenticates = matched.mode() != AuthMode.PUBLIC && matched.mode() != AuthMode.DENY;
        return route(authenticates ? matched.mode() : defaultMode, requirements.within(matched.requirements()), matched);
    }

    /** The route this policy gives, built once: a mode that verifies tokens keeps {@code matched}'s introspection. */
    private Route route(AuthMode mode, Requirements requirements, Route matched) {
        return new Route(name, List.of("/*"), Set.of(), mode, requirements, Optional.empty(),
                mode.verifiesTokens() ? matched.introspection() : Route.Introspection.OPAQUE);
    }
}
