package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.auth.Identity;
import dev.gatecheck.servlet.JettyContainer;
import dev.gatecheck.servlet.ServletContainer;
import dev.gatecheck.testing.Http;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Context Identity} as a resource method parameter, on Jersey and RESTEasy: the caller Gatecheck
 * authenticated for this request, the same as {@code GatecheckIdentity.of(securityContext)}; null when anonymous.
 */
class ContextIdentityTest {
    private ServletContainer.Deployment deployment;

    static Stream<Arguments> runtimes() {
        return Stream.of(Arguments.of("Jersey", JaxrsRuntime.JERSEY), Arguments.of("RESTEasy", JaxrsRuntime.RESTEASY));
    }

    private Http.Target start(JaxrsRuntime runtime) throws Exception {
        deployment = new JettyContainer().deploy((classes, context) -> runtime.serve(context, IdentityApp.class,
                "/api"));
        return Http.at(deployment.uri("/api"));
    }

    @AfterEach
    void stop() {
        deployment.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runtimes")
    void aMethodParameterIsTheCallerOfThisRequest(String name,
            JaxrsRuntime runtime) throws Exception {
        Http.Target http = start(runtime);

        Http.Reply alice = http.get("/me", "Authorization", "Bearer " + Fixture.token("alice", "\"roles\":[\"ops\"]"));
        Http.Reply bob = http.get("/me", "Authorization", "Bearer " + Fixture.token("bob", ""));

        assertThat(alice.body()).as(name).isEqualTo("param=alice [ops], same as SecurityContext: true");
        assertThat(bob.body()).as(name + ": the next request's caller, not the previous one's")
                .isEqualTo("param=bob [], same as SecurityContext: true");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runtimes")
    void anAnonymousRequestGetsNull(String name,
            JaxrsRuntime runtime) throws Exception {
        Http.Target http = start(runtime);

        Http.Reply anonymous = http.get("/anyone");
        Http.Reply withToken = http.get("/anyone", "Authorization", "Bearer " + Fixture.token("carol", ""));

        assertThat(anonymous.status()).as(name).isEqualTo(200);
        assertThat(anonymous.body()).as(name + ": @PermitAll without a token").isEqualTo("param=null");
        assertThat(withToken.body()).as(name + ": @PermitAll with a valid token").isEqualTo("param=carol");
    }

    /** Answers what a {@code @Context Identity} parameter holds. */
    @Path("/")
    @Produces(MediaType.TEXT_PLAIN)
    public static class IdentityResource {
        @GET
        @Path("me")
        public String me(@Context Identity caller, @Context SecurityContext security) {
            return "param=" + caller.subject() + " " + new TreeSet<>(caller.roles())
                    + ", same as SecurityContext: " + GatecheckIdentity.of(security).orElseThrow().equals(caller);
        }

        @GET
        @Path("anyone")
        @PermitAll
        public String anyone(@Context Identity caller) {
            return "param=" + (caller == null ? "null" : caller.subject());
        }
    }

    /** The resource behind the scenario suite's engine. */
    public static class IdentityApp extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(IdentityResource.class);
        }

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(Fixture.GATECHECK));
        }
    }
}
