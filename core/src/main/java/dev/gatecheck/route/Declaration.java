package dev.gatecheck.route;

import java.util.Set;
import java.util.TreeSet;

/**
 * One access rule an application declares on a method or a type, as an adapter reads it from one element (the
 * JAX-RS adapter: from {@code @DenyAll}, {@code @PermitAll}, {@code @RolesAllowed} and {@code @RequiresScopes}).
 * Which declarations of a resource method's type hierarchy apply, and how they combine, is decided in core by
 * {@link ResourcePolicy#declaredBy}.
 */
public sealed interface Declaration {

    /** Nobody may call ({@code @DenyAll}). */
    record DenyAll() implements Declaration {
        @Override
        public String describe() {
            return "@DenyAll";
        }
    }

    /** Anyone may call ({@code @PermitAll}). */
    record PermitAll() implements Declaration {
        @Override
        public String describe() {
            return "@PermitAll";
        }
    }

    /**
     * An authenticated caller with one of {@code roles} ({@code @RolesAllowed}); {@code "**"} is any
     * authenticated caller.
     */
    record RolesAllowed(Set<String> roles) implements Declaration {
        public RolesAllowed {
            roles = Set.copyOf(roles);
        }

        @Override
        public String describe() {
            return Declaration.describe("@RolesAllowed", roles);
        }
    }

    /** An authenticated caller with every one of {@code scopes} ({@code @RequiresScopes}). */
    record RequiresScopes(Set<String> scopes) implements Declaration {
        public RequiresScopes {
            scopes = Set.copyOf(scopes);
        }

        @Override
        public String describe() {
            return Declaration.describe("@RequiresScopes", scopes);
        }
    }

    /** How error messages name this declaration, e.g. {@code @RolesAllowed(admin, ops)}. */
    String describe();

    private static String describe(String annotation, Set<String> values) {
        return annotation + "(" + String.join(", ", new TreeSet<>(values)) + ")";
    }
}
