package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.ResourcePolicy;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How annotations become the core policy of a resource method, resolved once at deployment. */
class AnnotationPolicyTest {

    static class Unannotated {
        public void get() {
        }

        @RolesAllowed({"admin", "**"})
        public void anyone() {
        }
    }

    @RolesAllowed({"staff", "boss"})
    @RequiresScopes("read")
    static class Staff {
        public void inherited() {
        }

        @RequiresScopes({"write", "read"})
        public void writes() {
        }

        @PermitAll
        public void open() {
        }
    }

    @DenyAll
    static class Denied {
        public void inherited() {
        }

        @RequiresScopes("admin:debug")
        public void debug() {
        }
    }

    @RequiresScopes("read")
    static class ScopedClass {
        @DenyAll
        public void closed() {
        }
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

        @RolesAllowed({})
        public void noRole() {
        }

        @RequiresScopes("read write")
        public void spacedScope() {
        }
    }

    @PermitAll
    @RequiresScopes("read")
    static class ContradictoryClass {
        public void get() {
        }
    }

    private static Optional<ResourcePolicy> policy(Class<?> type, String method) throws NoSuchMethodException {
        return AnnotationPolicy.of(type, type.getMethod(method));
    }

    @Test
    void noAnnotationLeavesTheDecisionToTheRouteTable() throws Exception {
        assertThat(policy(Unannotated.class, "get")).isEmpty();
    }

    @Test
    void doubleStarMeansAnyAuthenticatedCaller() throws Exception {
        assertThat(policy(Unannotated.class, "anyone"))
                .contains(ResourcePolicy.authenticated("Unannotated.anyone", Requirements.NONE));
    }

    @Test
    void classAnnotationsCoverUnannotatedMethods() throws Exception {
        assertThat(policy(Staff.class, "inherited")).contains(ResourcePolicy.authenticated("Staff.inherited",
                new Requirements(Set.of("staff", "boss"), Set.of("read"), Map.of())));
        assertThat(policy(Denied.class, "inherited")).contains(ResourcePolicy.denyAll("Denied.inherited"));
    }

    @Test
    void methodScopesReplaceClassScopesAndKeepClassRoles() throws Exception {
        assertThat(policy(Staff.class, "writes")).contains(ResourcePolicy.authenticated("Staff.writes",
                new Requirements(Set.of("staff", "boss"), Set.of("write", "read"), Map.of())));
    }

    @Test
    void methodAccessBeatsClassRolesAndScopes() throws Exception {
        assertThat(policy(Staff.class, "open")).contains(ResourcePolicy.permitAll("Staff.open"));
        assertThat(policy(ScopedClass.class, "closed")).contains(ResourcePolicy.denyAll("ScopedClass.closed"));
    }

    @Test
    void methodScopesBeatAClassDenyAll() throws Exception {
        assertThat(policy(Denied.class, "debug"))
                .contains(ResourcePolicy.authenticated("Denied.debug", Requirements.scopes("admin:debug")));
    }

    @Test
    void contradictionsFailTheDeploymentNamingTheMethod() {
        assertThatThrownBy(() -> policy(Contradictions.class, "permitAndRoles"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Contradictions.permitAndRoles: @PermitAll and @RolesAllowed contradict each other");
        assertThatThrownBy(() -> policy(Contradictions.class, "denyAndScopes"))
                .hasMessage("Contradictions.denyAndScopes: @DenyAll and @RequiresScopes contradict each other");
        assertThatThrownBy(() -> policy(ContradictoryClass.class, "get"))
                .hasMessage("ContradictoryClass.get: @PermitAll and @RequiresScopes contradict each other");
    }

    @Test
    void emptyRolesOrSpacedScopesFailTheDeployment() {
        assertThatThrownBy(() -> policy(Contradictions.class, "noRole")).hasMessageContaining("names no role");
        assertThatThrownBy(() -> policy(Contradictions.class, "spacedScope")).hasMessageContaining("without spaces");
    }
}
