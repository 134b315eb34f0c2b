package dev.gatecheck.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.servlet.GatecheckFilter;
import dev.gatecheck.test.Bearer;
import dev.gatecheck.test.Hostile;
import dev.gatecheck.test.TestIssuerExtension;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServletAppTest {
    @RegisterExtension
    static final TestIssuerExtension ISSUER = new TestIssuerExtension();

    static Gatecheck gatecheck;
    static Server jetty;
    final HttpClient http = HttpClient.newHttpClient();

    /** The application under test: greets the caller; /admin/* needs role admin. */
    public static class HelloServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print("hello " + request.getRemoteUser());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        gatecheck = Gatecheck.create(ISSUER.issuer().config()
                .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
                .build());
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new GatecheckFilter(gatecheck)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HelloServlet()), "/*");
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jetty.getURI() + path.substring(1)));
        if (bearer != null) {
            bearer.addTo(request);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void greetsTheCaller() throws Exception {
        HttpResponse<String> response = get("/orders", ISSUER.issuer().token().subject("alice").bearer());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello alice");
    }

    @Test
    void refusesARequestWithoutAToken() throws Exception {
        assertThat(get("/orders", null).statusCode()).isEqualTo(401);
    }

    @Test
    void letsOnlyAdminsIntoAdmin() throws Exception {
        assertThat(get("/admin/users", ISSUER.issuer().token().roles("user").bearer()).statusCode()).isEqualTo(403);
        assertThat(get("/admin/users", ISSUER.issuer().token().roles("admin").bearer()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void refusesHostileTokens(Hostile variant) throws Exception {
        HttpResponse<String> response = get("/orders", new Bearer(ISSUER.issuer().hostile(variant)));

        assertThat(response.statusCode()).isEqualTo(variant.status());
        assertThat(response.body()).contains("\"error\":\"" + variant.error() + "\"");
    }
}
