package dev.gatecheck.jaxrs;

import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.ResourcePolicy;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a resource method's annotations into a core {@link ResourcePolicy}, once, at deployment.
 *
 * <ul>
 *   <li>The access annotation ({@code @DenyAll}, {@code @PermitAll} or {@code @RolesAllowed}) of the method
 *       beats the class's; so does the method's {@link RequiresScopes}.</li>
 *   <li>{@code @DenyAll}: 403. {@code @PermitAll}: anyone (a presented token is still verified).
 *       {@code @RolesAllowed}: an authenticated caller with one of the roles, {@code "**"} meaning any
 *       authenticated caller. {@code @RequiresScopes}: an authenticated caller with all of the scopes; with
 *       {@code @RolesAllowed}, both apply.</li>
 *   <li>{@code @PermitAll} or {@code @DenyAll} and {@code @RequiresScopes} at different levels: the method's
 *       wins. On the same element they contradict each other, as do two access annotations, or an empty
 *       {@code @RolesAllowed}: the deployment fails naming the method.</li>
 *   <li>No annotation on the method or its class: empty, the route table decides.</li>
 * </ul>
 */
final class AnnotationPolicy {
    /** {@code @RolesAllowed("**")}: any authenticated caller (as in Jakarta Security). */
    static final String ANY_AUTHENTICATED = "**";

    private AnnotationPolicy() {
    }

    private enum Kind {
        DENY_ALL("@DenyAll"), PERMIT_ALL("@PermitAll"), ROLES("@RolesAllowed");

        private final String annotation;

        Kind(String annotation) {
            this.annotation = annotation;
        }
    }

    /** The access annotation found on one element. */
    private record Access(Kind kind, Set<String> roles) {
    }

    static Optional<ResourcePolicy> of(Class<?> resourceClass, Method method) {
        String name = resourceClass.getSimpleName() + "." + method.getName();
        Optional<Access> methodAccess = access(method, name);
        Optional<Set<String>> methodScopes = scopes(method, name);
        Optional<Access> access = methodAccess.or(() -> access(resourceClass, name));
        Optional<Set<String>> scopes = methodScopes.or(() -> scopes(resourceClass, name));
        if (access.isEmpty() && scopes.isEmpty()) {
            return Optional.empty();
        }
        Kind kind = access.map(Access::kind).orElse(Kind.ROLES);
        if (scopes.isPresent() && kind != Kind.ROLES) {
            if (methodAccess.isPresent() == methodScopes.isPresent()) {
                throw new IllegalStateException(name + ": " + kind.annotation
                        + " and @RequiresScopes contradict each other");
            }
            if (methodScopes.isPresent()) {
                // The method's scopes beat the class's @PermitAll / @DenyAll.
                kind = Kind.ROLES;
                access = Optional.empty();
            } else {
                // The method's @PermitAll / @DenyAll beats the class's scopes.
                scopes = Optional.empty();
            }
        }
        return Optional.of(switch (kind) {
            case DENY_ALL -> ResourcePolicy.denyAll(name);
            case PERMIT_ALL -> ResourcePolicy.permitAll(name);
            case ROLES -> ResourcePolicy.authenticated(name, new Requirements(
                    access.map(Access::roles).orElse(Set.of()), scopes.orElse(Set.of()), Map.of()));
        });
    }

    private static Optional<Access> access(AnnotatedElement element, String name) {
        List<Access> found = new ArrayList<>(1);
        if (element.isAnnotationPresent(DenyAll.class)) {
            found.add(new Access(Kind.DENY_ALL, Set.of()));
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            found.add(new Access(Kind.PERMIT_ALL, Set.of()));
        }
        RolesAllowed rolesAllowed = element.getAnnotation(RolesAllowed.class);
        if (rolesAllowed != null) {
            found.add(new Access(Kind.ROLES, roles(rolesAllowed, name)));
        }
        if (found.size() > 1) {
            throw new IllegalStateException(name + ": " + String.join(" and ",
                    found.stream().map(a -> a.kind().annotation).toList()) + " contradict each other");
        }
        return found.stream().findFirst();
    }

    private static Set<String> roles(RolesAllowed rolesAllowed, String name) {
        Set<String> roles = new LinkedHashSet<>(List.of(rolesAllowed.value()));
        if (roles.isEmpty() || roles.stream().anyMatch(String::isBlank)) {
            throw new IllegalStateException(name + ": @RolesAllowed names no role (use @DenyAll to deny everyone,"
                    + " \"**\" for any authenticated caller)");
        }
        return roles.contains(ANY_AUTHENTICATED) ? Set.of() : roles;
    }

    private static Optional<Set<String>> scopes(AnnotatedElement element, String name) {
        RequiresScopes requires = element.getAnnotation(RequiresScopes.class);
        if (requires == null) {
            return Optional.empty();
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(requires.value()));
        if (scopes.isEmpty() || scopes.stream().anyMatch(s -> s.isBlank() || s.contains(" "))) {
            throw new IllegalStateException(name + ": @RequiresScopes needs one or more scopes, without spaces");
        }
        return Optional.of(scopes);
    }
}
