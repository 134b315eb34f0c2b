package dev.gatecheck.jaxrs;

import static dev.gatecheck.testing.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.servlet.GatecheckFilter;
import dev.gatecheck.servlet.JettyContainer;
import dev.gatecheck.servlet.ServletContainer;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.Http.Reply;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Putting the servlet adapter's {@link GatecheckFilter} in front of JAX-RS can only add checks, never remove one.
 * Each runtime serves {@link TestResources} twice in one Jetty context, with one configuration
 * ({@link Fixture#GATECHECK}): alone under {@code /<runtime>/*}, and behind the real filter under
 * {@code /<runtime>-fronted/*}. The filter matches routes on the path below the servlet context
 * ({@code /jersey-fronted/admin}), JAX-RS below the application ({@code /admin}); every request of the scenario
 * table must be refused with the filter in front wherever it is refused without.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterInFrontTest {
    /** Every resource method of {@link TestResources}, and spellings of some, and a path nothing serves. */
    private static final List<String> PATHS = List.of("/plain", "/plain/headers", "/plain/in-role?role=**",
            "/open", "/open;v=1", "/closed/plain", "/closed;x=1/plain", "/closed/annotated", "/admin",
            "/admin/reports", "/admin;x=1", "/annotated/permit", "/annotated/deny", "/annotated/admin",
            "/annotated/any", "/annotated/reports", "/annotated/admin-reports", "/staff", "/staff/notice",
            "/staff/boss", "/staff/reports", "/staff/closed", "/public-class", "/public-class/scoped", "/nowhere");

    /** The callers of the scenario table: the headers each sends. */
    private static final Map<String, String[]> CALLERS = callers();

    private ServletContainer.Deployment deployment;
    private Http.Target http;

    private static Map<String, String[]> callers() {
        Map<String, String[]> callers = new LinkedHashMap<>();
        callers.put("anonymous", new String[0]);
        callers.put("expired token", bearer(Fixture.expiredToken("alice")));
        callers.put("stranger's token", bearer(Fixture.strangersToken("alice")));
        callers.put("user", bearer(roles("\"user\"")));
        callers.put("admin", bearer(roles("\"admin\"")));
        callers.put("staff", bearer(roles("\"staff\"")));
        callers.put("boss", bearer(roles("\"boss\"")));
        callers.put("staff with reports:read", bearer(Fixture.token("alice",
                "\"roles\":[\"staff\"],\"scope\":\"reports:read\"")));
        callers.put("reports:read reports:list", bearer(Fixture.token("alice",
                "\"scope\":\"reports:read reports:list\"")));
        callers.put("two Authorization headers", new String[] {"Authorization", "Bearer " + roles(""),
                "Authorization", "Bearer " + roles("")});
        callers.put("spoofed identity headers", new String[] {"X-User-ID", "admin", "X-User-Roles", "admin"});
        callers.put("user spoofing the admin role", bearer(roles("\"user\""), "X-User-Roles", "admin"));
        return callers;
    }

    private static String roles(String roles) {
        return Fixture.token("alice", roles.isEmpty() ? "" : "\"roles\":[" + roles + "]");
    }

    @BeforeAll
    void startServer() throws Exception {
        deployment = new JettyContainer().deploy((classes, context) -> {
            for (JaxrsRuntime runtime : JaxrsRuntime.values()) {
                String alone = runtime.prefix();
                String fronted = runtime.prefix() + "-fronted";
                runtime.serve(context, TestResources.App.class, alone);
                runtime.serve(context, TestResources.App.class, fronted);
                context.addFilter("gatecheck" + fronted, new GatecheckFilter(Fixture.GATECHECK))
                        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, fronted + "/*");
            }
        });
        http = Http.at(deployment.uri(""));
    }

    @AfterAll
    void stopServer() {
        deployment.close();
    }

    private static boolean allowed(Reply reply) {
        return reply.status() >= 200 && reply.status() < 300;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JaxrsRuntime.class)
    void aRouteRoleHoldsWithTheFilterInFront(JaxrsRuntime runtime) {
        String user = roles("\"user\"");
        assertThat(http.get(runtime.prefix() + "/admin", bearer(user)).status()).as("the feature alone").isEqualTo(403);
        assertThat(http.get(runtime.prefix() + "-fronted/admin", bearer(user)).status())
                .as("with the filter in front: it found no route for %s-fronted/admin, JAX-RS found the admin route",
                        runtime.prefix())
                .isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JaxrsRuntime.class)
    void theFilterInFrontIsNeverWeakerThanTheFeatureAlone(JaxrsRuntime runtime) {
        List<String> weaker = new ArrayList<>();
        List<String> differentView = new ArrayList<>();
        int scenarios = 0;
        for (String path : PATHS) {
            for (Map.Entry<String, String[]> caller : CALLERS.entrySet()) {
                scenarios++;
                Reply alone = http.get(runtime.prefix() + path, caller.getValue());
                Reply fronted = http.get(runtime.prefix() + "-fronted" + path, caller.getValue());
                String scenario = "GET " + path + " by " + caller.getKey() + ": alone " + alone.status()
                        + ", fronted " + fronted.status();
                if (allowed(fronted) && !allowed(alone)) {
                    weaker.add(scenario);
                } else if (allowed(fronted) && !fronted.body().equals(alone.body())) {
                    differentView.add(scenario + "\n" + alone.body() + "---\n" + fronted.body());
                }
            }
        }
        assertThat(scenarios).isEqualTo(PATHS.size() * CALLERS.size());
        assertThat(weaker).as("requests the filter in front let through where the feature alone refuses them")
                .isEmpty();
        assertThat(differentView).as("allowed requests whose resource sees something else with the filter in front")
                .isEmpty();
    }
}
