package dev.gatecheck.jaxrs;

import static dev.gatecheck.testing.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.jaxrs.PlacementResources.AdminBaseDeniedTypeApp;
import dev.gatecheck.jaxrs.PlacementResources.PermitAndRolesApp;
import dev.gatecheck.jaxrs.PlacementResources.PermitOverAdminApiApp;
import dev.gatecheck.jaxrs.PlacementResources.PermitOverDeniedPathApiApp;
import dev.gatecheck.jaxrs.PlacementResources.UserOverAdminBaseApp;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.ResourcePolicy;
import dev.gatecheck.testing.Http;
import jakarta.servlet.ServletException;
import jakarta.ws.rs.core.Application;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The placement matrix: every placement of the access annotations in {@link PlacementResources} is served by
 * Jersey 3.1 and RESTEasy 6.2 side by side (real HTTP on Jetty 12), and both must answer as ONE table says. The
 * same table is checked against core's resolver directly, whichever method of the hierarchy a runtime names.
 * A contradiction fails the deployment on both runtimes, naming the method and both places.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnotationPlacementMatrixTest {
    private static final Map<String, BiFunction<Class<? extends Application>, String, ServletHolder>> RUNTIMES =
            Map.of("jersey", Runtimes::jersey, "resteasy", Runtimes::resteasy);

    /** What a placement comes to: the policy, and the statuses for an anonymous caller, a user and an admin. */
    enum Expect {
        ADMIN(Optional.of(ResourcePolicy.authenticated("", Requirements.roles("admin"))), 401, 403, 200),
        ANY_AUTHENTICATED(Optional.of(ResourcePolicy.authenticated("", Requirements.roles("**"))), 401, 200, 200),
        DENIED(Optional.of(ResourcePolicy.denyAll("")), 403, 403, 403),
        PUBLIC(Optional.of(ResourcePolicy.permitAll("")), 200, 200, 200),
        /** Nothing declared: the route table's default mode (a token) decides. */
        ROUTE_TABLE(Optional.empty(), 401, 200, 200);

        final Optional<ResourcePolicy> policy;
        final List<Integer> statuses;

        Expect(Optional<ResourcePolicy> policy, Integer... statuses) {
            this.policy = policy;
            this.statuses = List.of(statuses);
        }
    }

    /** One row of the table: the resource's path (its name), its class, and what it comes to. */
    record Placement(String path, Class<?> resource, Expect expect) {
        @Override
        public String toString() {
            return path;
        }
    }

    static final List<Placement> TABLE = List.of(
            new Placement("none", PlacementResources.None.class, Expect.ROUTE_TABLE),
            new Placement("method", PlacementResources.OnMethod.class, Expect.ADMIN),
            new Placement("class", PlacementResources.OnClass.class, Expect.ADMIN),
            new Placement("superclass-method", PlacementResources.SuperclassMethod.class, Expect.ADMIN),
            new Placement("superclass-method-inherited", PlacementResources.SuperclassMethodInherited.class,
                    Expect.ADMIN),
            new Placement("superclass-method-overridden", PlacementResources.SuperclassMethodOverridden.class,
                    Expect.ADMIN),
            new Placement("superclass-type", PlacementResources.SuperclassType.class, Expect.ADMIN),
            new Placement("interface-type", PlacementResources.InterfaceType.class, Expect.ADMIN),
            new Placement("interface-path-class-roles", PlacementResources.InterfacePathClassRoles.class,
                    Expect.ADMIN),
            new Placement("interface-method", PlacementResources.InterfaceMethod.class, Expect.ADMIN),
            new Placement("interface-get-implementation-roles",
                    PlacementResources.InterfaceGetImplementationRoles.class, Expect.ADMIN),
            new Placement("interface-path-get-implementation-roles",
                    PlacementResources.InterfacePathGetImplementationRoles.class, Expect.ADMIN),
            new Placement("interface-method-deny", PlacementResources.InterfaceMethodDeny.class, Expect.DENIED),
            new Placement("class-permit-interface-method-deny",
                    PlacementResources.ClassPermitInterfaceMethodDeny.class, Expect.DENIED),
            new Placement("interface-type-deny-method-permit",
                    PlacementResources.InterfaceTypeDenyMethodPermit.class, Expect.PUBLIC),
            new Placement("superclass-type-deny-interface-method-permit",
                    PlacementResources.SuperclassTypeDenyInterfaceMethodPermit.class, Expect.PUBLIC),
            new Placement("class-roles-superclass-method-permit",
                    PlacementResources.ClassRolesSuperclassMethodPermit.class, Expect.PUBLIC),
            new Placement("interface-and-implementation-agree",
                    PlacementResources.InterfaceAndImplementationAgree.class, Expect.ADMIN),
            new Placement("interface-method-any", PlacementResources.InterfaceMethodAny.class,
                    Expect.ANY_AUTHENTICATED),
            new Placement("generic-interface-method", PlacementResources.GenericInterfaceMethod.class,
                    Expect.ADMIN));

    /** A deployment that must fail, and the message naming the method and both places. */
    record Contradiction(Class<? extends Application> application, String message) {
        @Override
        public String toString() {
            return application.getSimpleName();
        }
    }

    static final List<Contradiction> CONTRADICTIONS = List.of(
            new Contradiction(PermitOverAdminApiApp.class, "PermitOverAdminApi.get: @PermitAll on"
                    + " PermitOverAdminApi.get and @RolesAllowed(admin) on AdminApi.get contradict each other"),
            new Contradiction(PermitOverDeniedPathApiApp.class, "PermitOverDeniedPathApi.get: @PermitAll on"
                    + " PermitOverDeniedPathApi and @DenyAll on DeniedPathApi contradict each other"),
            new Contradiction(UserOverAdminBaseApp.class, "UserOverAdminBase.get: @RolesAllowed(user) on"
                    + " UserOverAdminBase.get and @RolesAllowed(admin) on AdminMethodBase.get contradict each other"),
            new Contradiction(AdminBaseDeniedTypeApp.class, "AdminBaseDeniedType.get: @RolesAllowed(admin) on"
                    + " AdminTypeBase and @DenyAll on DeniedType contradict each other"),
            new Contradiction(PermitAndRolesApp.class, "PermitAndRoles.get: @PermitAll and @RolesAllowed(admin) on"
                    + " PermitAndRoles.get contradict each other"));

    private static final String USER = Fixture.token("alice", "\"roles\":[\"user\"]");
    private static final String ADMIN = Fixture.token("ada", "\"roles\":[\"admin\"]");

    private AppServer server;
    private Http.Target http;

    @BeforeAll
    void startServer() throws Exception {
        server = new AppServer();
        RUNTIMES.forEach((name, runtime) -> server.context()
                .addServlet(runtime.apply(PlacementResources.App.class, "/" + name), "/" + name + "/*"));
        http = Http.at(server.start().uri(""));
    }

    @AfterAll
    void stopServer() throws Exception {
        server.stop();
    }

    static Stream<Placement> placements() {
        return TABLE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placements")
    void jerseyAndResteasyAnswerAsTheTableSays(Placement placement) {
        Map<String, List<Integer>> answers = new LinkedHashMap<>();
        for (String runtime : List.of("jersey", "resteasy")) {
            String path = "/" + runtime + "/" + placement.path() + "?q=x";
            answers.put(runtime, List.of(http.get(path).status(), http.get(path, bearer(USER)).status(),
                    http.get(path, bearer(ADMIN)).status()));
        }
        assertThat(answers).as("%s: statuses for an anonymous caller, a user and an admin", placement)
                .isEqualTo(Map.of("jersey", placement.expect().statuses, "resteasy", placement.expect().statuses));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placements")
    void coresResolverGivesTheTablesPolicyWhicheverMethodARuntimeNames(Placement placement) {
        for (Method named : namedMethods(placement.resource())) {
            Optional<ResourcePolicy> policy = AnnotationPolicy.of(placement.resource(), named);
            assertThat(policy.map(AnnotationPlacementMatrixTest::rule))
                    .as("%s resolved from %s", placement, named)
                    .isEqualTo(placement.expect().policy.map(AnnotationPlacementMatrixTest::rule));
        }
    }

    /** Every {@code get} of the resource's hierarchy: the implementation, and what it overrides or implements. */
    private static List<Method> namedMethods(Class<?> resource) {
        List<Method> methods = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>(List.of(resource));
        for (int i = 0; i < types.size(); i++) {
            Class<?> type = types.get(i);
            Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals("get")).forEach(methods::add);
            if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
                types.add(type.getSuperclass());
            }
            types.addAll(List.of(type.getInterfaces()));
        }
        return methods;
    }

    private static List<Object> rule(ResourcePolicy policy) {
        return List.of(policy.access(), policy.requirements());
    }

    static Stream<Arguments> contradictions() {
        return CONTRADICTIONS.stream().flatMap(c -> Stream.of(Arguments.of("jersey", c), Arguments.of("resteasy", c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("contradictions")
    void aContradictionFailsTheDeploymentNamingTheMethodAndBothPlaces(String runtime, Contradiction contradiction)
            throws Exception {
        AppServer failing = new AppServer();
        failing.context().addServlet(RUNTIMES.get(runtime).apply(contradiction.application(), "/api"), "/api/*");
        try {
            // Both runtimes build their resource model when the servlet starts (init order 1): Jetty refuses to
            // start, with the runtime's ServletException around Gatecheck's IllegalStateException.
            assertThatThrownBy(failing::start)
                    .isInstanceOf(ServletException.class)
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessage(contradiction.message());
        } finally {
            failing.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jersey", "resteasy"})
    void aPathInterfacesImplementationRegisteredAsASingletonKeepsItsAnnotations(String runtime) throws Exception {
        AppServer singleton = new AppServer();
        singleton.context().addServlet(RUNTIMES.get(runtime).apply(PlacementResources.SingletonApp.class, "/api"),
                "/api/*");
        try {
            Http.Target client = Http.at(singleton.start().uri("/api/interface-path-class-roles"));
            assertThat(List.of(client.get("").status(), client.get("", bearer(USER)).status(),
                    client.get("", bearer(ADMIN)).status()))
                    .as("the implementation's @RolesAllowed(\"admin\")").isEqualTo(Expect.ADMIN.statuses);
        } finally {
            singleton.stop();
        }
    }

    @Test
    void resteasyWithAPathInterfaceWhoseImplementationIsNotInTheApplicationFailsTheDeployment() throws Exception {
        // RESTEasy names the interface; the implementation's annotations apply too, but only the Application
        // tells Gatecheck which class that is. Rather than miss them, the deployment fails.
        AppServer failing = new AppServer();
        ServletHolder resteasy = Runtimes.resteasy(PlacementResources.FeatureOnlyApp.class, "/api");
        resteasy.setInitParameter("resteasy.resources", PlacementResources.InterfacePathClassRoles.class.getName());
        failing.context().addServlet(resteasy, "/api/*");
        try {
            assertThatThrownBy(failing::start)
                    .isInstanceOf(ServletException.class)
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("PathApi.get: the runtime names the abstract type")
                    .hasMessageEndingWith("is not among the Application's classes or singletons: register it there");
        } finally {
            failing.stop();
        }
    }
}
