package dev.gatecheck.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.jaxrs.GatecheckFeature;
import dev.gatecheck.test.Bearer;
import dev.gatecheck.test.Hostile;
import dev.gatecheck.test.TestIssuer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JaxrsAppTest {
    static final TestIssuer ISSUER = TestIssuer.builder().ec().build();   // ES256; served() for a JWKS URL

    static Gatecheck gatecheck;
    static Server jetty;
    final HttpClient http = HttpClient.newHttpClient();

    /** The application under test. */
    @Path("orders")
    public static class OrdersResource {
        @GET
        @RolesAllowed("clerk")
        public String orders(@Context Identity caller) {
            return "orders of " + caller.subject();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        gatecheck = Gatecheck.create(ISSUER.config().build());
        ResourceConfig application = new ResourceConfig()
                .register(new GatecheckFeature(gatecheck))
                .register(OrdersResource.class);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new ServletContainer(application)), "/*");
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        jetty.setHandler(context);
        jetty.start();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        gatecheck.close();
    }

    HttpResponse<String> get(String path, Bearer bearer) throws Exception {
        return http.send(bearer.addTo(HttpRequest.newBuilder(URI.create(jetty.getURI() + path.substring(1))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void showsAClerkTheirOrders() throws Exception {
        HttpResponse<String> response = get("/orders", ISSUER.token().subject("carol").roles("clerk").bearer());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders of carol");
    }

    @Test
    void refusesACallerWithoutTheRole() throws Exception {
        assertThat(get("/orders", ISSUER.token().roles("guest").bearer()).statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void refusesHostileTokens(Hostile variant) throws Exception {
        Bearer hostile = new Bearer(ISSUER.token().roles("clerk").hostile(variant));

        assertThat(get("/orders", hostile).statusCode()).isEqualTo(variant.status());
    }
}
