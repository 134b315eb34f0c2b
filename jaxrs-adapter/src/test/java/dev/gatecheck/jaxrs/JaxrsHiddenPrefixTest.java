package dev.gatecheck.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.gateway.GatewayPreset;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.testing.TestKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A preset's unsigned header prefix ({@code pomerium}: {@code X-Pomerium-Claim-*}) is hidden from JAX-RS resources
 * on Jersey and RESTEasy, whatever way they read headers, on a public route without any assertion.
 */
class JaxrsHiddenPrefixTest {
    static final String HOST = "orders.corp.example.com";
    static final Gatecheck POMERIUM = Gatecheck.create(GatecheckConfig.builder()
            .jwt(jwt -> jwt.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE)
                    .publicKeyPem(Fixture.KIT_ISSUER.publicKeyPem()))
            .route(new Route("public", List.of("/*"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
            .gateway(g -> g.markers(GatewayConfig.Marker.ASSERTION).preset(GatewayPreset.POMERIUM).assertion(a -> a.issuer(HOST).audiences(HOST)
                    .jwks(TestKeys.jwks(TestKeys.jwk(TestKeys.ec("secp256r1").getPublic(), "p1", "ES256")))))
            .build());

    static Stream<Arguments> runtimes() {
        BiFunction<Class<? extends Application>, String, ServletHolder> jersey = Runtimes::jersey;
        BiFunction<Class<? extends Application>, String, ServletHolder> resteasy = Runtimes::resteasy;
        return Stream.of(Arguments.of("Jersey", jersey), Arguments.of("RESTEasy", resteasy));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runtimes")
    void unsignedPomeriumClaimHeadersNeverReachAResource(String name,
            BiFunction<Class<? extends Application>, String, ServletHolder> runtime) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/app");
        context.addServlet(runtime.apply(PomeriumApp.class, "/api"), "/api/*");
        Server server = Runtimes.start(context);
        try {
            Http http = new Http(URI.create("http://127.0.0.1:" + Runtimes.port(server) + "/app"));

            Http.Reply reply = http.send("GET", "/api/claims", "X-Pomerium-Claim-Email", "ceo@corp.example.com",
                    "X-Pomerium-Claim-Groups", "admin", "X-Request-Note", "kept");

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.body()).as(name + ": no X-Pomerium-Claim-* by any accessor")
                    .contains("param=null\n", "list=[]\n").doesNotContain("x-pomerium-claim")
                    .contains("x-request-note");
        } finally {
            server.stop();
        }
    }

    /** Answers what it sees of the Pomerium claim headers. */
    @Path("claims")
    @Produces(MediaType.TEXT_PLAIN)
    public static class ClaimsResource {
        @GET
        public String get(@HeaderParam("X-Pomerium-Claim-Email") String email, @Context HttpHeaders headers) {
            Set<String> names = new TreeSet<>();
            headers.getRequestHeaders().keySet().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
            List<String> list = headers.getRequestHeader("X-Pomerium-Claim-Groups");
            return "param=" + email + "\nlist=" + (list == null ? List.of() : list) + "\nnames=" + names + "\n";
        }
    }

    /** The resource behind {@link #POMERIUM}. */
    public static class PomeriumApp extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(ClaimsResource.class);
        }

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(POMERIUM));
        }
    }
}
