package dev.gatecheck.jaxrs;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * One resource per placement of the access annotations, for {@link AnnotationPlacementMatrixTest}: on the method,
 * the class, a superclass (method or type), an interface (method or type, with {@code @GET} and {@code @Path} on
 * either side), combined and contradicting. Each answers its own name.
 */
public final class PlacementResources {
    private PlacementResources() {
    }

    // No annotation: the route table decides.

    @Path("none")
    public static class None {
        @GET
        public String get() {
            return "none";
        }
    }

    // On the resource itself.

    @Path("method")
    public static class OnMethod {
        @GET
        @RolesAllowed("admin")
        public String get() {
            return "method";
        }
    }

    @Path("class")
    @RolesAllowed("admin")
    public static class OnClass {
        @GET
        public String get() {
            return "class";
        }
    }

    // On a superclass.

    public abstract static class AdminMethodBase {
        @RolesAllowed("admin")
        public abstract String get();
    }

    @Path("superclass-method")
    public static class SuperclassMethod extends AdminMethodBase {
        @GET
        @Override
        public String get() {
            return "superclass-method";
        }
    }

    public abstract static class AdminResourceBase {
        @GET
        @RolesAllowed("admin")
        public String get() {
            return "superclass-method-inherited";
        }
    }

    /** Does not override: the runtime reports the superclass's method. */
    @Path("superclass-method-inherited")
    public static class SuperclassMethodInherited extends AdminResourceBase {
    }

    public abstract static class AdminGetBase {
        @GET
        @RolesAllowed("admin")
        public abstract String get();
    }

    /** Overrides without any annotation: {@code @GET} is inherited (JAX-RS 3.6), and so is the role. */
    @Path("superclass-method-overridden")
    public static class SuperclassMethodOverridden extends AdminGetBase {
        @Override
        public String get() {
            return "superclass-method-overridden";
        }
    }

    @RolesAllowed("admin")
    public abstract static class AdminTypeBase {
    }

    @Path("superclass-type")
    public static class SuperclassType extends AdminTypeBase {
        @GET
        public String get() {
            return "superclass-type";
        }
    }

    // On an interface.

    @Path("interface-type")
    @RolesAllowed("admin")
    public interface AdminPathApi {
        @GET
        String get();
    }

    public static class InterfaceType implements AdminPathApi {
        @Override
        public String get() {
            return "interface-type";
        }
    }

    @Path("interface-path-class-roles")
    public interface PathApi {
        @GET
        String get();
    }

    /** {@code @Path} only on the interface, the role on the implementation class. */
    @RolesAllowed("admin")
    public static class InterfacePathClassRoles implements PathApi {
        @Override
        public String get() {
            return "interface-path-class-roles";
        }
    }

    public interface AdminApi {
        @RolesAllowed("admin")
        String get();
    }

    /** The role on the interface method, {@code @GET} on the implementation. */
    @Path("interface-method")
    public static class InterfaceMethod implements AdminApi {
        @GET
        @Override
        public String get() {
            return "interface-method";
        }
    }

    public interface GetApi {
        @GET
        String get();
    }

    /** The reverse: {@code @GET} on the interface method, the role on the implementation. */
    @Path("interface-get-implementation-roles")
    public static class InterfaceGetImplementationRoles implements GetApi {
        @RolesAllowed("admin")
        @Override
        public String get() {
            return "interface-get-implementation-roles";
        }
    }

    @Path("interface-path-get-implementation-roles")
    public interface PathGetApi {
        @GET
        String get();
    }

    /** The reverse with {@code @Path} on the interface too. */
    public static class InterfacePathGetImplementationRoles implements PathGetApi {
        @RolesAllowed("admin")
        @Override
        public String get() {
            return "interface-path-get-implementation-roles";
        }
    }

    public interface DenyApi {
        @DenyAll
        String get();
    }

    @Path("interface-method-deny")
    public static class InterfaceMethodDeny implements DenyApi {
        @GET
        @Override
        public String get() {
            return "interface-method-deny";
        }
    }

    /** The interface method's {@code @DenyAll} beats the class's {@code @PermitAll}. */
    @Path("class-permit-interface-method-deny")
    @PermitAll
    public static class ClassPermitInterfaceMethodDeny implements DenyApi {
        @GET
        @Override
        public String get() {
            return "class-permit-interface-method-deny";
        }
    }

    @DenyAll
    public interface DeniedType {
    }

    /** The method's {@code @PermitAll} beats the interface type's {@code @DenyAll}. */
    @Path("interface-type-deny-method-permit")
    public static class InterfaceTypeDenyMethodPermit implements DeniedType {
        @GET
        @PermitAll
        public String get() {
            return "interface-type-deny-method-permit";
        }
    }

    public interface PermitApi {
        @PermitAll
        String get();
    }

    @DenyAll
    public abstract static class DeniedBase {
    }

    /** The interface method's {@code @PermitAll} beats the superclass type's {@code @DenyAll}. */
    @Path("superclass-type-deny-interface-method-permit")
    public static class SuperclassTypeDenyInterfaceMethodPermit extends DeniedBase implements PermitApi {
        @GET
        @Override
        public String get() {
            return "superclass-type-deny-interface-method-permit";
        }
    }

    public abstract static class PermitBase {
        @PermitAll
        public abstract String get();
    }

    /** The superclass method's {@code @PermitAll} beats the class's roles. */
    @Path("class-roles-superclass-method-permit")
    @RolesAllowed("admin")
    public static class ClassRolesSuperclassMethodPermit extends PermitBase {
        @GET
        @Override
        public String get() {
            return "class-roles-superclass-method-permit";
        }
    }

    /** The same role on the interface method and on its implementation: one rule. */
    @Path("interface-and-implementation-agree")
    public static class InterfaceAndImplementationAgree implements AdminApi {
        @GET
        @RolesAllowed("admin")
        @Override
        public String get() {
            return "interface-and-implementation-agree";
        }
    }

    public interface AnyApi {
        @RolesAllowed("**")
        String get();
    }

    @Path("interface-method-any")
    public static class InterfaceMethodAny implements AnyApi {
        @GET
        @Override
        public String get() {
            return "interface-method-any";
        }
    }

    public interface Lookup<T> {
        @RolesAllowed("admin")
        String get(T query);
    }

    /** A generic interface method: the implementation's parameter is the bound type, the bridge's is erased. */
    @Path("generic-interface-method")
    public static class GenericInterfaceMethod implements Lookup<String> {
        @GET
        @Override
        public String get(@QueryParam("q") String query) {
            return "generic-interface-method";
        }
    }

    /** Every placement above, with the scenario engine. */
    public static class App extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(None.class, OnMethod.class, OnClass.class, SuperclassMethod.class,
                    SuperclassMethodInherited.class, SuperclassMethodOverridden.class, SuperclassType.class,
                    InterfaceType.class, InterfacePathClassRoles.class, InterfaceMethod.class,
                    InterfaceGetImplementationRoles.class, InterfacePathGetImplementationRoles.class,
                    InterfaceMethodDeny.class, ClassPermitInterfaceMethodDeny.class,
                    InterfaceTypeDenyMethodPermit.class, SuperclassTypeDenyInterfaceMethodPermit.class,
                    ClassRolesSuperclassMethodPermit.class, InterfaceAndImplementationAgree.class,
                    InterfaceMethodAny.class, GenericInterfaceMethod.class);
        }

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(Fixture.GATECHECK));
        }
    }

    // Contradictions: each fails its own deployment.

    /** The interface method says admin, the implementation says anyone. */
    @Path("contradiction")
    public static class PermitOverAdminApi implements AdminApi {
        @GET
        @PermitAll
        @Override
        public String get() {
            return "never";
        }
    }

    /** The interface type denies, the implementation class permits; {@code @Path} on the interface. */
    @Path("contradiction")
    @DenyAll
    public interface DeniedPathApi {
        @GET
        String get();
    }

    @PermitAll
    public static class PermitOverDeniedPathApi implements DeniedPathApi {
        @Override
        public String get() {
            return "never";
        }
    }

    /** The superclass method says admin, the override says user. */
    @Path("contradiction")
    public static class UserOverAdminBase extends AdminMethodBase {
        @GET
        @RolesAllowed("user")
        @Override
        public String get() {
            return "never";
        }
    }

    /** The superclass type says admin, the interface type denies. */
    @Path("contradiction")
    public static class AdminBaseDeniedType extends AdminTypeBase implements DeniedType {
        @GET
        public String get() {
            return "never";
        }
    }

    /** Two access annotations on one method. */
    @Path("contradiction")
    public static class PermitAndRoles {
        @GET
        @PermitAll
        @RolesAllowed("admin")
        public String get() {
            return "never";
        }
    }

    /** The feature alone: resources come from elsewhere (RESTEasy's {@code resteasy.resources}). */
    public static class FeatureOnlyApp extends Application {
        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(Fixture.GATECHECK));
        }
    }

    /** A {@code @Path} interface's implementation registered as a singleton, not a class. */
    public static class SingletonApp extends Application {
        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(Fixture.GATECHECK), new InterfacePathClassRoles());
        }
    }

    /** Serves one contradicting resource. */
    public abstract static class Contradicting extends Application {
        private final Class<?> resource;

        Contradicting(Class<?> resource) {
            this.resource = resource;
        }

        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(resource);
        }

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(Fixture.GATECHECK));
        }
    }

    public static class PermitOverAdminApiApp extends Contradicting {
        public PermitOverAdminApiApp() {
            super(PermitOverAdminApi.class);
        }
    }

    public static class PermitOverDeniedPathApiApp extends Contradicting {
        public PermitOverDeniedPathApiApp() {
            super(PermitOverDeniedPathApi.class);
        }
    }

    public static class UserOverAdminBaseApp extends Contradicting {
        public UserOverAdminBaseApp() {
            super(UserOverAdminBase.class);
        }
    }

    public static class AdminBaseDeniedTypeApp extends Contradicting {
        public AdminBaseDeniedTypeApp() {
            super(AdminBaseDeniedType.class);
        }
    }

    public static class PermitAndRolesApp extends Contradicting {
        public PermitAndRolesApp() {
            super(PermitAndRoles.class);
        }
    }
}
