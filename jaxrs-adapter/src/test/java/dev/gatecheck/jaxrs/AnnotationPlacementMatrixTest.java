package dev.gatecheck.jaxrs;

import static dev.gatecheck.testing.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.jaxrs.PlacementResources.AdminBaseDeniedTypeApp;
import dev.gatecheck.jaxrs.PlacementResources.PermitAndRolesApp;
import dev.gatecheck.jaxrs.PlacementResources.PermitOverAdminApiApp;
import dev.gatecheck.jaxrs.PlacementResources.PermitOverDeniedPathApiApp;
import dev.gatecheck.jaxrs.PlacementResources.UserOverAdminBaseApp;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.ResourcePolicy;
import dev.gatecheck.servlet.JettyContainer;
import dev.gatecheck.servlet.ServletContainer;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The placement matrix: every placement of the access annotations in {@link PlacementResources} is served by
 * Jersey and RESTEasy side by side (real HTTP in {@link #container()}), and both must answer as ONE table says. The
 * same table is checked against core's resolver directly, whichever method of the hierarchy a runtime names.
 * A contradiction fails the deployment on both runtimes, naming the method and both places.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnotationPlacementMatrixTest {

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

    private ServletContainer.Deployment deployment;

    /** Where the runtimes run: Jetty 12 (ee10) here; the EE 11 tests run the matrix in Jetty ee11. */
    ServletContainer container() {
        return new JettyContainer();
    }

    private Http.Target http;

    @BeforeAll
    void startServer() throws Exception {
        deployment = container().deploy((classes, context) -> {
            for (JaxrsRuntime runtime : JaxrsRuntime.values()) {
                runtime.serve(context, PlacementResources.App.class, runtime.prefix());
            }
        });
        http = Http.at(deployment.uri(""));
    }

    @AfterAll
    void stopServer() {
        deployment.close();
    }

    static Stream<Placement> placements() {
        return TABLE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placements")
    void jerseyAndResteasyAnswerAsTheTableSays(Placement placement) {
        Map<JaxrsRuntime, List<Integer>> answers = new LinkedHashMap<>();
        for (JaxrsRuntime runtime : JaxrsRuntime.values()) {
            String path = runtime.prefix() + "/" + placement.path() + "?q=x";
            answers.put(runtime, List.of(http.get(path).status(), http.get(path, bearer(USER)).status(),
                    http.get(path, bearer(ADMIN)).status()));
        }
        assertThat(answers).as("%s: statuses for an anonymous caller, a user and an admin", placement)
                .isEqualTo(Map.of(JaxrsRuntime.JERSEY, placement.expect().statuses,
                        JaxrsRuntime.RESTEASY, placement.expect().statuses));
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
        return CONTRADICTIONS.stream().flatMap(c -> Stream.of(JaxrsRuntime.values()).map(r -> Arguments.of(r, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("contradictions")
    void aContradictionFailsTheDeploymentNamingTheMethodAndBothPlaces(JaxrsRuntime runtime,
            Contradiction contradiction) throws Exception {
        // Both runtimes build their resource model when the servlet starts (load on startup): Jetty refuses to
        // start, with the runtime's ServletException around Gatecheck's IllegalStateException.
        assertThat(container().failedStartup(
                (classes, context) -> runtime.serve(context, contradiction.application(), "/api")))
                .isInstanceOf(ServletException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessage(contradiction.message());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JaxrsRuntime.class)
    void aPathInterfacesImplementationRegisteredAsASingletonKeepsItsAnnotations(JaxrsRuntime runtime)
            throws Exception {
        try (ServletContainer.Deployment singleton = container().deploy(
                (classes, context) -> runtime.serve(context, PlacementResources.SingletonApp.class, "/api"))) {
            Http.Target client = Http.at(singleton.uri("/api/interface-path-class-roles"));
            assertThat(List.of(client.get("").status(), client.get("", bearer(USER)).status(),
                    client.get("", bearer(ADMIN)).status()))
                    .as("the implementation's @RolesAllowed(\"admin\")").isEqualTo(Expect.ADMIN.statuses);
        }
    }

    @Test
    void resteasyWithAPathInterfaceWhoseImplementationIsNotInTheApplicationFailsTheDeployment() throws Exception {
        // RESTEasy names the interface; the implementation's annotations apply too, but only the Application
        // tells Gatecheck which class that is. Rather than miss them, the deployment fails.
        assertThat(container().failedStartup((classes, context) -> JaxrsRuntime.RESTEASY
                .serve(context, PlacementResources.FeatureOnlyApp.class, "/api")
                .setInitParameter("resteasy.resources", PlacementResources.InterfacePathClassRoles.class.getName())))
                .isInstanceOf(ServletException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("PathApi.get: the runtime names the abstract type")
                .hasMessageEndingWith("is not among the Application's classes or singletons: register it there");
    }
}
