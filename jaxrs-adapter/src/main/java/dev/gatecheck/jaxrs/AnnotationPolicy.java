package dev.gatecheck.jaxrs;

import dev.gatecheck.route.Declaration;
import dev.gatecheck.route.ResourcePolicy;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code @DenyAll}, {@code @PermitAll}, {@code @RolesAllowed}, {@link RequiresScopes} and {@link RequiresAcr}
 * into core's {@link Declaration}s; core resolves them over the resource method's hierarchy into its
 * {@link ResourcePolicy} (see {@link ResourcePolicy#declaredBy}), once, at deployment.
 */
final class AnnotationPolicy {
    private AnnotationPolicy() {
    }

    /**
     * The policy of {@code method} as {@code resourceClass} runs it; empty when nothing is declared.
     *
     * @throws IllegalStateException for contradictory annotations, naming the method and both places
     */
    static Optional<ResourcePolicy> of(Class<?> resourceClass, Method method) {
        return ResourcePolicy.declaredBy(resourceClass, method, AnnotationPolicy::declarations);
    }

    /** What {@code element} itself declares: its own annotations, none inherited (core walks the hierarchy). */
    static List<Declaration> declarations(AnnotatedElement element) {
        List<Declaration> declared = new ArrayList<>(1);
        if (element.getDeclaredAnnotation(DenyAll.class) != null) {
            declared.add(new Declaration.DenyAll());
        }
        if (element.getDeclaredAnnotation(PermitAll.class) != null) {
            declared.add(new Declaration.PermitAll());
        }
        RolesAllowed roles = element.getDeclaredAnnotation(RolesAllowed.class);
        if (roles != null) {
            declared.add(new Declaration.RolesAllowed(Set.copyOf(Arrays.asList(roles.value()))));
        }
        RequiresScopes scopes = element.getDeclaredAnnotation(RequiresScopes.class);
        if (scopes != null) {
            declared.add(new Declaration.RequiresScopes(Set.copyOf(Arrays.asList(scopes.value()))));
        }
        RequiresAcr acr = element.getDeclaredAnnotation(RequiresAcr.class);
        if (acr != null) {
            // A negative maxAge other than the default reaches core, which refuses it naming the method.
            declared.add(new Declaration.RequiresAcr(Set.copyOf(Arrays.asList(acr.values())),
                    acr.maxAge() == -1 ? Optional.empty() : Optional.of(Duration.ofSeconds(acr.maxAge()))));
        }
        return declared;
    }
}
