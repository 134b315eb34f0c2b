package dev.gatecheck.examples.jaxrs;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.events.AuditLog;
import dev.gatecheck.examples.DemoReplayStore;
import dev.gatecheck.examples.DemoWebhook;
import dev.gatecheck.examples.DevelopmentIssuer;
import dev.gatecheck.jaxrs.GatecheckFeature;
import dev.gatecheck.micrometer.GatecheckMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The JAX-RS demo (DESIGN "The demo contract"): Jersey on embedded Jetty with {@link GatecheckFeature}, on
 * 127.0.0.1 and {@code PORT} (8080). {@link DemoResource} shows {@code @PermitAll} ({@code /health}),
 * {@code @RolesAllowed("admin")} ({@code /admin}), {@code @RequiresScopes("reports:read")}
 * ({@code /api/reports}) and unannotated methods that need a token ({@code /api/users}, {@code /api/users/{id}})
 * or follow the route table ({@code POST /webhooks/*}).
 *
 * <p>Without {@code GATECHECK_CONFIG} it starts a {@link DevelopmentIssuer}, serves its JWKS at
 * {@value DevelopmentIssuer#JWKS_PATH}, trusts it, makes {@code /webhooks/github} GitHub-signed with a secret
 * generated at startup, and prints ready tokens, the webhook secret and {@code curl} lines. With
 * {@code GATECHECK_CONFIG} naming a properties file, that file and the {@code GATECHECK_*} variables configure
 * Gatecheck; the resources and their annotations are the same. Either way {@code GATECHECK_REPLAY_STORE=redis} and
 * {@code GATECHECK_REPLAY_REDIS_URI} make several demos share one replay store.
 */
public final class JaxrsDemo implements AutoCloseable {
    private static final int DEFAULT_PORT = 8080;

    private final Server server;
    private final URI uri;
    private final Gatecheck gatecheck;

    private JaxrsDemo(Server server, URI uri, Gatecheck gatecheck) {
        this.server = server;
        this.uri = uri;
        this.gatecheck = gatecheck;
    }

    /** Runs the demo until Ctrl-C. */
    public static void main(String[] args) throws Exception {
        JaxrsDemo demo;
        try {
            demo = start(System.getenv(), System.out);
        } catch (DemoException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        demo.server.join();
    }

    /**
     * Starts the demo with {@code PORT} and {@code GATECHECK_CONFIG} from {@code environment}, printing how to call
     * it to {@code out}.
     *
     * @throws DemoException when a setting is wrong or the application does not start
     */
    public static JaxrsDemo start(Map<String, String> environment, PrintStream out) throws Exception {
        Optional<Path> configFile = Optional.ofNullable(environment.get("GATECHECK_CONFIG"))
                .filter(v -> !v.isBlank()).map(v -> Path.of(v.trim()).toAbsolutePath());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port(environment.get("PORT")));
        server.addConnector(connector);
        connector.open();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());

        DevelopmentIssuer issuer = configFile.isPresent() ? null : new DevelopmentIssuer(base.toString());
        String webhookSecret = configFile.isPresent() ? null : DemoWebhook.newSecret();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gatecheck gatecheck;
        try {
            gatecheck = Gatecheck.create(configFile.isPresent() ? fromFile(configFile.get(), environment, registry)
                    : builtInConfiguration(issuer, webhookSecret, environment, registry));
        } catch (ConfigException e) {
            connector.close();
            throw new DemoException("Gatecheck configuration is invalid, the demo does not start: "
                    + e.getMessage(), e);
        }
        ResourceConfig application = application(gatecheck, registry);
        if (issuer != null) {
            application.register(DemoResource.Jwks.class).property(DemoResource.Jwks.JWKS_PROPERTY, issuer.jwks());
        }
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new ServletContainer(application)), "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            gatecheck.close();
            throw new DemoException("the demo did not start: " + e, e);
        }
        if (issuer != null) {
            JaxrsBanner.withDevelopmentIssuer(out, base, issuer, webhookSecret);
        } else {
            JaxrsBanner.withConfigurationFile(out, base, configFile.get());
        }
        return new JaxrsDemo(server, base, gatecheck);
    }

    /**
     * The built-in configuration: the development issuer's tokens (the annotations say who may call) and
     * {@code /webhooks/github} signed by GitHub with {@code webhookSecret}, its deliveries remembered in memory or
     * in the store the {@code GATECHECK_REPLAY_*} variables of {@code environment} declare ({@link DemoReplayStore});
     * the meters on {@code registry} and the audit log.
     */
    static GatecheckConfig builtInConfiguration(DevelopmentIssuer issuer, String webhookSecret,
                                                Map<String, String> environment, PrometheusMeterRegistry registry) {
        GatecheckConfig.Builder builder = observed(GatecheckConfig.builder(), registry);
        DemoReplayStore.declare(environment, issuer, builder);
        return builder.jwt(issuer::trust).route(DemoWebhook.route(webhookSecret)).build();
    }

    /**
     * The JAX-RS application: Gatecheck's feature, the annotated resources, and {@code /ready} and {@code /metrics}
     * ({@code @PermitAll}).
     */
    static ResourceConfig application(Gatecheck gatecheck, PrometheusMeterRegistry registry) {
        return new ResourceConfig()
                .register(new GatecheckFeature(gatecheck))
                .register(DemoResource.class)
                .register(new ReadyResource(gatecheck))
                .register(new MetricsResource(registry))
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }

    /** The properties file, with {@code GATECHECK_*} variables winning; the meters and the audit log added. */
    static GatecheckConfig fromFile(Path file, Map<String, String> environment, PrometheusMeterRegistry registry) {
        return observed(GatecheckConfig.builderFromLayers(Map.of("gatecheck.config", file.toString()), environment,
                JaxrsDemo.class.getClassLoader()), registry).build();
    }

    private static GatecheckConfig.Builder observed(GatecheckConfig.Builder config, PrometheusMeterRegistry registry) {
        return config.listener(new GatecheckMeters(registry)).listener(AuditLog.create());
    }

    /** Where the demo listens, e.g. {@code http://127.0.0.1:8080}. */
    public URI uri() {
        return uri;
    }

    /** Stops the demo. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the demo did not stop cleanly", e);
        } finally {
            gatecheck.close();
        }
    }

    private static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DemoException("PORT must be a port number (0-65535), not '" + value + "'", null);
    }

    /** The demo cannot start: a wrong setting or a configuration Gatecheck refuses. */
    public static final class DemoException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DemoException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
