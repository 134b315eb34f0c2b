package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.route.Declaration;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.ResourcePolicy;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How the JAX-RS annotations are read into core's declarations (core resolves them: {@code DeclaredPolicyTest};
 * the placement matrix runs them on Jersey and RESTEasy).
 */
class AnnotationPolicyTest {

    @RolesAllowed({"staff", "boss"})
    @RequiresScopes("read")
    static class Staff {
        @DenyAll
        public void closed() {
        }

        @PermitAll
        public void open() {
        }

        @RolesAllowed({"admin", "**", "admin"})
        public void anyone() {
        }
    }

    static class Inherits extends Staff {
    }

    static class Contradictions {
        @PermitAll
        @RolesAllowed("admin")
        public void permitAndRoles() {
        }

        @DenyAll
        @RequiresScopes("read")
        public void denyAndScopes() {
        }
    }

    private static Optional<ResourcePolicy> policy(Class<?> type, String method) throws NoSuchMethodException {
        return AnnotationPolicy.of(type, type.getMethod(method));
    }

    @Test
    void eachAnnotationIsReadIntoItsDeclaration() throws Exception {
        assertThat(AnnotationPolicy.declarations(Staff.class)).containsExactly(
                new Declaration.RolesAllowed(Set.of("staff", "boss")), new Declaration.RequiresScopes(Set.of("read")));
        assertThat(AnnotationPolicy.declarations(Staff.class.getMethod("closed")))
                .containsExactly(new Declaration.DenyAll());
        assertThat(AnnotationPolicy.declarations(Staff.class.getMethod("open")))
                .containsExactly(new Declaration.PermitAll());
    }

    @Test
    void aRepeatedRoleIsReadOnce() throws Exception {
        assertThat(AnnotationPolicy.declarations(Staff.class.getMethod("anyone")))
                .containsExactly(new Declaration.RolesAllowed(Set.of("admin", "**")));
    }

    @Test
    void onlyTheElementsOwnAnnotationsAreRead() {
        assertThat(AnnotationPolicy.declarations(Inherits.class)).as("core walks the hierarchy, not the reader")
                .isEmpty();
    }

    @Test
    void aSubclassGetsItsSuperclassesPolicyThroughCore() throws Exception {
        assertThat(policy(Inherits.class, "open")).contains(ResourcePolicy.permitAll("Inherits.open"));
        assertThat(policy(Inherits.class, "anyone")).contains(ResourcePolicy.authenticated("Inherits.anyone",
                new Requirements(Set.of("admin", "**"), Set.of("read"), java.util.Map.of())));
    }

    @Test
    void contradictionsOnOneMethodFailNamingIt() {
        assertThatThrownBy(() -> policy(Contradictions.class, "permitAndRoles"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Contradictions.permitAndRoles: @PermitAll and @RolesAllowed(admin) on"
                        + " Contradictions.permitAndRoles contradict each other");
        assertThatThrownBy(() -> policy(Contradictions.class, "denyAndScopes"))
                .hasMessage("Contradictions.denyAndScopes: @DenyAll and @RequiresScopes(read) on"
                        + " Contradictions.denyAndScopes contradict each other");
    }
}
