package dev.gatecheck.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ResourcePolicy#declaredBy}: where the declarations of a resource method's hierarchy apply, with core's own
 * stand-ins for the JSR-250 annotations (core knows none; an adapter's reader translates them). The JAX-RS
 * adapter's placement matrix checks the same rules with the real annotations on Jersey and RESTEasy.
 */
class DeclaredPolicyTest {
    @Retention(RetentionPolicy.RUNTIME)
    @interface Deny {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Permit {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Roles {
        String[] value();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Scopes {
        String[] value();
    }

    /** The adapter's part: what one element declares, nothing inherited. */
    private static List<Declaration> read(AnnotatedElement element) {
        List<Declaration> found = new ArrayList<>();
        if (element.getDeclaredAnnotation(Deny.class) != null) {
            found.add(new Declaration.DenyAll());
        }
        if (element.getDeclaredAnnotation(Permit.class) != null) {
            found.add(new Declaration.PermitAll());
        }
        Roles roles = element.getDeclaredAnnotation(Roles.class);
        if (roles != null) {
            found.add(new Declaration.RolesAllowed(Set.copyOf(List.of(roles.value()))));
        }
        Scopes scopes = element.getDeclaredAnnotation(Scopes.class);
        if (scopes != null) {
            found.add(new Declaration.RequiresScopes(Set.copyOf(List.of(scopes.value()))));
        }
        return found;
    }

    /** The policy of {@code type}'s method as a runtime reports it: found on {@code declaring}. */
    private static Optional<ResourcePolicy> reported(Class<?> type, Class<?> declaring, String method,
                                                     Class<?>... parameters) {
        try {
            Method reported = declaring.getMethod(method, parameters);
            return ResourcePolicy.declaredBy(type, reported, DeclaredPolicyTest::read);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<ResourcePolicy> policy(Class<?> type, String method, Class<?>... parameters) {
        return reported(type, type, method, parameters);
    }

    private static Optional<ResourcePolicy> admin(String name) {
        return Optional.of(ResourcePolicy.authenticated(name, Requirements.roles("admin")));
    }

    public static class Plain {
        public void get() {
        }
    }

    @Test
    void nothingDeclaredLeavesTheDecisionToTheRouteTable() {
        assertThat(policy(Plain.class, "get")).isEmpty();
    }

    public abstract static class AdminBase {
        @Roles("admin")
        public abstract void get();
    }

    public static class FromAdminBase extends AdminBase {
        @Override
        public void get() {
        }
    }

    @Test
    void aSuperclassMethodsDeclarationCoversItsOverride() {
        assertThat(policy(FromAdminBase.class, "get")).isEqualTo(admin("FromAdminBase.get"));
    }

    public static class InheritedBase {
        @Deny
        public void get() {
        }
    }

    public static class Inheriting extends InheritedBase {
    }

    @Test
    void anInheritedMethodKeepsItsDeclaration() {
        assertThat(reported(Inheriting.class, InheritedBase.class, "get"))
                .contains(ResourcePolicy.denyAll("Inheriting.get"));
    }

    public interface AdminApi {
        @Roles("admin")
        void get();
    }

    public static class AdminImpl implements AdminApi {
        @Override
        public void get() {
        }
    }

    @Test
    void anInterfaceMethodsDeclarationCoversItsImplementation() {
        assertThat(policy(AdminImpl.class, "get")).isEqualTo(admin("AdminImpl.get"));
    }

    public interface Api {
        void get();
    }

    public static class ImplDenies implements Api {
        @Deny
        @Override
        public void get() {
        }
    }

    @Test
    void theInterfaceMethodARuntimeReportsIsResolvedOnTheImplementation() {
        assertThat(reported(ImplDenies.class, Api.class, "get")).contains(ResourcePolicy.denyAll("ImplDenies.get"));
    }

    @Roles("admin")
    public interface AdminType {
        void get();
    }

    public static class OfAdminType implements AdminType {
        @Override
        public void get() {
        }
    }

    @Roles("admin")
    public abstract static class AdminTypeBase {
    }

    public static class OfAdminTypeBase extends AdminTypeBase {
        public void get() {
        }
    }

    @Test
    void superclassesAndInterfacesDeclareAtClassLevel() {
        assertThat(policy(OfAdminType.class, "get")).isEqualTo(admin("OfAdminType.get"));
        assertThat(policy(OfAdminTypeBase.class, "get")).isEqualTo(admin("OfAdminTypeBase.get"));
    }

    @Deny
    public interface DeniedType {
        void get();
    }

    public static class PermittedMethod implements DeniedType {
        @Permit
        @Override
        public void get() {
        }
    }

    public static class PermittedByInterfaceMethod implements PermitApi, DeniedTypeMarker {
        @Override
        public void get() {
        }
    }

    public interface PermitApi {
        @Permit
        void get();
    }

    @Deny
    public interface DeniedTypeMarker {
    }

    @Test
    void theMethodLevelBeatsTheClassLevelWhereverEachIsDeclared() {
        assertThat(policy(PermittedMethod.class, "get")).contains(ResourcePolicy.permitAll("PermittedMethod.get"));
        assertThat(policy(PermittedByInterfaceMethod.class, "get"))
                .contains(ResourcePolicy.permitAll("PermittedByInterfaceMethod.get"));
    }

    public static class AgreeingImpl implements AdminApi {
        @Roles("admin")
        @Override
        public void get() {
        }
    }

    @Test
    void declarationsThatAgreeAtOneLevelAreOne() {
        assertThat(policy(AgreeingImpl.class, "get")).isEqualTo(admin("AgreeingImpl.get"));
    }

    public static class PermittingImpl implements AdminApi {
        @Permit
        @Override
        public void get() {
        }
    }

    @Test
    void disagreeingMethodLevelDeclarationsFailNamingBothPlaces() {
        assertThatThrownBy(() -> policy(PermittingImpl.class, "get"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("PermittingImpl.get: @PermitAll on PermittingImpl.get and @RolesAllowed(admin) on"
                        + " AdminApi.get contradict each other");
    }

    @Roles("user")
    public static class UserTypeOfAdminType implements AdminType {
        @Override
        public void get() {
        }
    }

    @Test
    void disagreeingClassLevelDeclarationsFailNamingBothPlaces() {
        assertThatThrownBy(() -> policy(UserTypeOfAdminType.class, "get"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("UserTypeOfAdminType.get: @RolesAllowed(user) on UserTypeOfAdminType and"
                        + " @RolesAllowed(admin) on AdminType contradict each other");
    }

    public interface ScopedApi {
        @Scopes("read")
        void get();
    }

    public static class PermitOverScopes implements ScopedApi {
        @Permit
        @Override
        public void get() {
        }
    }

    @Test
    void permitAllAndScopesAtTheMethodLevelContradictWhereverEachSits() {
        assertThatThrownBy(() -> policy(PermitOverScopes.class, "get"))
                .hasMessage("PermitOverScopes.get: @PermitAll on PermitOverScopes.get and @RequiresScopes(read) on"
                        + " ScopedApi.get contradict each other");
    }

    @Roles({"staff", "boss"})
    @Scopes("read")
    public static class Staff {
        public void inherited() {
        }

        @Scopes({"write", "read"})
        public void writes() {
        }

        @Permit
        public void open() {
        }
    }

    @Deny
    public static class Denied {
        @Scopes("admin:debug")
        public void debug() {
        }
    }

    @Test
    void rolesAndScopesCombineEachFromItsNearestLevel() {
        assertThat(policy(Staff.class, "inherited")).contains(ResourcePolicy.authenticated("Staff.inherited",
                new Requirements(Set.of("staff", "boss"), Set.of("read"), Map.of())));
        assertThat(policy(Staff.class, "writes")).contains(ResourcePolicy.authenticated("Staff.writes",
                new Requirements(Set.of("staff", "boss"), Set.of("write", "read"), Map.of())));
    }

    @Test
    void aMethodsPermitAllOrScopesBeatTheClassesOtherKind() {
        assertThat(policy(Staff.class, "open")).contains(ResourcePolicy.permitAll("Staff.open"));
        assertThat(policy(Denied.class, "debug"))
                .contains(ResourcePolicy.authenticated("Denied.debug", Requirements.scopes("admin:debug")));
    }

    public interface Generic<T> {
        @Roles("admin")
        void post(T body);
    }

    public static class StringPoster implements Generic<String> {
        @Override
        public void post(String body) {
        }
    }

    @Test
    void aGenericInterfaceMethodCoversItsImplementation() {
        assertThat(policy(StringPoster.class, "post", String.class)).isEqualTo(admin("StringPoster.post"));
        assertThat(reported(StringPoster.class, Generic.class, "post", Object.class))
                .as("reported by its erasure").isEqualTo(admin("StringPoster.post"));
    }

    public static class OverloadBase {
        @Deny
        public void get(Object any) {
        }
    }

    public static class Overloading extends OverloadBase {
        public void get(String text) {
        }
    }

    @Test
    void anOverloadIsNotAnOverride() {
        assertThat(policy(Overloading.class, "get", String.class)).isEmpty();
    }

    public static class Empty {
        @Roles({})
        public void noRole() {
        }

        @Scopes("read write")
        public void spacedScope() {
        }
    }

    @Test
    void anEmptyRoleListOrASpacedScopeFails() {
        assertThatThrownBy(() -> policy(Empty.class, "noRole")).hasMessageContaining("Empty.noRole: @RolesAllowed"
                + " names no role");
        assertThatThrownBy(() -> policy(Empty.class, "spacedScope")).hasMessageContaining("without spaces");
    }
}
