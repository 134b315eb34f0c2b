package dev.gatecheck.route;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One access rule an application declares on a method or a type, as an adapter reads it from one element (the
 * JAX-RS adapter: from {@code @DenyAll}, {@code @PermitAll}, {@code @RolesAllowed}, {@code @RequiresScopes} and
 * {@code @RequiresAcr}).
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

    /**
     * RFC 9470 step-up ({@code @RequiresAcr}): the caller's {@code acr} one of {@code values} (when not empty), its
     * {@code auth_time} at most {@code maxAge} ago (when given). It combines with {@code @RolesAllowed} and
     * {@code @RequiresScopes}.
     */
    record RequiresAcr(Set<String> values, Optional<Duration> maxAge) implements Declaration {
        public RequiresAcr {
            values = Set.copyOf(values);
            java.util.Objects.requireNonNull(maxAge, "maxAge");
        }

        @Override
        public String describe() {
            return Declaration.describe("@RequiresAcr", values)
                    + maxAge.map(age -> "(maxAge " + age.toSeconds() + "s)").orElse("");
        }
    }

    /** How error messages name this declaration, e.g. {@code @RolesAllowed(admin, ops)}. */
    String describe();

    private static String describe(String annotation, Set<String> values) {
        return annotation + "(" + String.join(", ", new TreeSet<>(values)) + ")";
    }
}
