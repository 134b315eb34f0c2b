package dev.gatecheck.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.config.ConfigException;
import dev.gatecheck.spring.app.ApiApplication;
import dev.gatecheck.testing.Http;
import dev.gatecheck.testing.JwksServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;

/** Gatecheck's keys from Spring's property sources and the environment, read by core's loader. */
class GatecheckPropertiesTest {
    private static final String JWT = "gatecheck.jwt.";
    private static final String ISSUER = JWT + "issuer=" + TestIssuer.ISSUER;
    private static final String JWKS = JWT + "jwks=" + TestIssuer.JWKS;

    @Test
    void unknownKeyFailsStartupNamingIt() {
        assertThatThrownBy(() -> TestApps.start(ApiApplication.class, ISSUER, JWKS, JWT + "audience=orders-api"))
                .as("a typo must not start the application without its audience check")
                .rootCause().isInstanceOf(ConfigException.class)
                .hasMessage("gatecheck.jwt.audience: is not a Gatecheck configuration key; did you mean"
                        + " gatecheck.jwt.audiences?");
    }

    @Test
    void startupFailureReportNamesTheKey() throws IOException {
        ConfigException cause = new ConfigException("gatecheck.jwt.audience", "is not a Gatecheck configuration key");
        FailureAnalysis analysis = new ConfigFailureAnalyzer()
                .analyze(new IllegalStateException("Unable to start web server", cause));

        assertThat(analysis.getDescription()).isEqualTo("Gatecheck's configuration is invalid: "
                + "gatecheck.jwt.audience: is not a Gatecheck configuration key");
        assertThat(analysis.getAction()).startsWith("Correct gatecheck.jwt.audience ");
        List<String> factories = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            try (InputStream in = url.openStream()) {
                factories.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        String registration = FailureAnalyzer.class.getName() + "=\\\n" + ConfigFailureAnalyzer.class.getName();
        assertThat(factories).as("registered with Spring Boot").anyMatch(f -> f.contains(registration));
    }

    @Test
    void invalidValueFailsStartupWithCoresMessage() {
        assertThatThrownBy(() -> TestApps.start(ApiApplication.class, ISSUER, JWKS, JWT + "algorithms=none"))
                .rootCause().isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("gatecheck.jwt.algorithms: ");
    }

    @Test
    void relaxedNamesAreReadAsTheDocumentedKeys() {
        try (ConfigurableApplicationContext app = TestApps.start(ApiApplication.class, ISSUER, JWKS,
                JWT + "rolesClaim=realm_access.roles", "gatecheck.routes.Admin_Area.paths=/admin/*",
                "gatecheck.routes.Admin_Area.ROLES=admin")) {
            String keycloakAdmin = TestIssuer.token("alice", TestIssuer.AUDIENCE, "\"realm_access\":{\"roles\":[\"admin\"]}");
            String topLevelAdmin = TestIssuer.token("bob", TestIssuer.AUDIENCE, "\"roles\":[\"admin\"]");

            assertThat(TestApps.http(app).get("/admin/panel", Http.bearer(keycloakAdmin)).status())
                    .as("rolesClaim is gatecheck.jwt.roles-claim").isEqualTo(200);
            assertThat(TestApps.http(app).get("/admin/panel", Http.bearer(topLevelAdmin)).status()).isEqualTo(403);
        }
    }

    @Test
    void environmentVariablesUseTheDocumentedNamesAndWinOverProperties() {
        Map<String, String> environment = Map.of("GATECHECK_JWT_AUDIENCES", "orders-api",
                "GATECHECK_ROUTES_ADMIN_PATHS", "/admin/*", "GATECHECK_ROUTES_ADMIN_ROLES", "admin");
        try (ConfigurableApplicationContext app = TestApps.start(ApiApplication.class, environment, ISSUER, JWKS,
                JWT + "audiences=another-api")) {
            Http.Target http = TestApps.http(app);

            assertThat(http.get("/api/me", Http.bearer(TestIssuer.token("alice", "orders-api", ""))).status())
                    .as("GATECHECK_JWT_AUDIENCES over gatecheck.jwt.audiences").isEqualTo(200);
            assertThat(http.get("/admin/panel", Http.bearer(TestIssuer.token("alice", "orders-api", ""))).status())
                    .as("the route of GATECHECK_ROUTES_ADMIN_*").isEqualTo(403);
        }
    }

    @Test
    void unknownEnvironmentVariableFailsStartupNamingIt() {
        assertThatThrownBy(() -> TestApps.start(ApiApplication.class, Map.of("GATECHECK_JWT_AUDIENCE", "orders-api"),
                ISSUER, JWKS))
                .rootCause().isInstanceOf(ConfigException.class)
                .hasMessage("GATECHECK_JWT_AUDIENCE: is not a Gatecheck environment variable; did you mean"
                        + " GATECHECK_JWT_AUDIENCES?");
    }

    @Test
    void unresolvablePlaceholderFailsStartupWithoutItsValue() {
        assertThatThrownBy(() -> TestApps.start(ApiApplication.class, ISSUER, JWKS,
                JWT + "hmac-secret=s3cr3t-${MISSING_SECRET_PART}"))
                .rootCause().isInstanceOf(ConfigException.class)
                .hasMessage("gatecheck.jwt.hmac-secret: holds a ${...} placeholder that cannot be resolved")
                .message().doesNotContain("s3cr3t");
    }

    @Test
    void keySourceWithoutKeysMakesActuatorHealthDown() {
        try (ConfigurableApplicationContext app = TestApps.start(ApiApplication.class, ISSUER,
                JWT + "jwks-uri=http://127.0.0.1:" + JwksServer.freePort() + "/jwks",
                "gatecheck.routes.actuator.paths=/actuator/health", "gatecheck.routes.actuator.auth=public",
                "management.endpoints.web.exposure.include=health")) {
            Http.Reply health = TestApps.http(app).get("/actuator/health");

            assertThat(health.status()).as(health.body()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"");
        }
    }
}
