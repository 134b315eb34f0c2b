package dev.gatecheck.examples.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.events.AuditLog;
import dev.gatecheck.examples.DemoReplayStore;
import dev.gatecheck.examples.DemoWebhook;
import dev.gatecheck.examples.DevelopmentIssuer;
import dev.gatecheck.micrometer.GatecheckMeters;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.servlet.GatecheckFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The servlet demo (DESIGN "The demo contract"): a servlet application on embedded Jetty behind
 * {@link GatecheckFilter}, on 127.0.0.1 and {@code PORT} (8080).
 *
 * <p>Without {@code GATECHECK_CONFIG} it starts a {@link DevelopmentIssuer}, serves its JWKS at
 * {@value DevelopmentIssuer#JWKS_PATH}, trusts it with the built-in routes ({@code /health} public,
 * {@code /api/users} and {@code /api/users/{id}} a token, {@code /admin} role {@code admin},
 * {@code /webhooks/github} GitHub-signed with a secret generated at startup, the rest of {@code /webhooks/*} a
 * token) and prints ready tokens, the webhook secret and {@code curl} lines (one signing a delivery with
 * {@code openssl}). With
 * {@code GATECHECK_CONFIG} naming a properties file, that file (and {@code GATECHECK_*} variables) alone decides;
 * the servlets are the same. Either way {@code /metrics} (Gatecheck's meters as Prometheus text) and {@code /ready}
 * ({@link Gatecheck#health()}, 503 when DOWN) are public routes, added on top of the file's table, and every
 * decision is written to the audit log ({@code dev.gatecheck.audit}).
 * {@code GATECHECK_REPLAY_STORE=redis} and {@code GATECHECK_REPLAY_REDIS_URI} make several demos share one replay
 * store.
 */
public final class ServletDemo implements AutoCloseable {
    private static final int DEFAULT_PORT = 8080;
    private static final EnumSet<DispatcherType> DISPATCHES =
            EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);

    private final Server server;
    private final URI uri;
    private final Optional<Gatecheck> owned;

    private ServletDemo(Server server, URI uri, Optional<Gatecheck> owned) {
        this.server = server;
        this.uri = uri;
        this.owned = owned;
    }

    /** Runs the demo until Ctrl-C. */
    public static void main(String[] args) throws Exception {
        ServletDemo demo;
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
    public static ServletDemo start(Map<String, String> environment, PrintStream out) throws Exception {
        int port = port(environment.get("PORT"));
        Optional<Path> configFile = Optional.ofNullable(environment.get("GATECHECK_CONFIG"))
                .filter(v -> !v.isBlank()).map(v -> Path.of(v.trim()).toAbsolutePath());

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        connector.open();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());

        ServletContextHandler context = new ServletContextHandler("/");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DevelopmentIssuer issuer = null;
        String webhookSecret = null;
        Gatecheck gatecheck;
        try {
            if (configFile.isPresent()) {
                gatecheck = Gatecheck.create(fileConfiguration(environment, registry));
            } else {
                issuer = new DevelopmentIssuer(base.toString());
                webhookSecret = DemoWebhook.newSecret();
                gatecheck = Gatecheck.create(builtInConfiguration(issuer, webhookSecret, environment, registry));
                context.addServlet(new ServletHolder(new JwksServlet(issuer.jwks())), DevelopmentIssuer.JWKS_PATH);
            }
        } catch (ConfigException e) {
            connector.close();
            throw new DemoException(reason(e), e);
        }
        register(context, new FilterHolder(new GatecheckFilter(gatecheck)));
        addServlets(context, gatecheck, registry);
        server.setHandler(context);
        server.setStopAtShutdown(true);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            gatecheck.close();
            throw new DemoException(reason(e), e);
        }
        if (issuer != null) {
            DemoBanner.withDevelopmentIssuer(out, base, issuer, webhookSecret);
        } else {
            DemoBanner.withConfigurationFile(out, base, configFile.get());
        }
        return new ServletDemo(server, base, Optional.of(gatecheck));
    }

    /**
     * The demo's application on 127.0.0.1 and an ephemeral port, behind {@code gatecheck} built and owned by the
     * caller (who closes it): for tests that need an engine the configuration file cannot express, such as one
     * with a clock they move.
     */
    static ServletDemo serving(Gatecheck gatecheck) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        register(context, new FilterHolder(new GatecheckFilter(gatecheck)));
        addServlets(context, gatecheck, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.setHandler(context);
        server.start();
        return new ServletDemo(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()), Optional.empty());
    }

    private static void addServlets(ServletContextHandler context, Gatecheck gatecheck,
                                    PrometheusMeterRegistry registry) {
        context.addServlet(new ServletHolder(new HealthServlet()), "/health");
        context.addServlet(new ServletHolder(new MetricsServlet(registry)), "/metrics");
        context.addServlet(new ServletHolder(new ReadyServlet(gatecheck)), "/ready");
        context.addServlet(new ServletHolder(new UsersServlet()), "/api/users/*");
        context.addServlet(new ServletHolder(new AdminServlet()), "/admin/*");
        context.addServlet(new ServletHolder(new WebhookServlet()), "/webhooks/*");
    }

    /**
     * The built-in configuration: the development issuer's tokens, {@code /health} public, {@code /admin} for
     * role {@code admin}, {@code /webhooks/github} signed by GitHub with {@code webhookSecret} (the route
     * {@code gatecheck.routes.github-webhook.*}), every other path (the users API, the other webhooks) a token;
     * and the {@linkplain #operated operational routes and listeners}; deliveries remembered in memory or in the
     * store the {@code GATECHECK_REPLAY_*} variables of {@code environment} declare ({@link DemoReplayStore}).
     */
    static GatecheckConfig builtInConfiguration(DevelopmentIssuer issuer, String webhookSecret,
                                                Map<String, String> environment, PrometheusMeterRegistry registry) {
        GatecheckConfig.Builder builder = operated(GatecheckConfig.builder(), registry);
        DemoReplayStore.declare(environment, issuer, builder);
        return builder
                .jwt(issuer::trust)
                .route(new Route("health", List.of("/health"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .route(new Route("jwks", List.of(DevelopmentIssuer.JWKS_PATH), Set.of(), AuthMode.PUBLIC,
                        Requirements.NONE))
                .route(new Route("users", List.of("/api/users/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE))
                .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
                .route(new Route("webhooks", List.of("/webhooks/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE))
                .route(DemoWebhook.route(webhookSecret))
                .build();
    }

    /**
     * The configuration of the file named by {@code GATECHECK_CONFIG} and the {@code GATECHECK_*} variables of
     * {@code environment}, with the {@linkplain #operated operational routes and listeners} added.
     */
    static GatecheckConfig fileConfiguration(Map<String, String> environment, PrometheusMeterRegistry registry) {
        return operated(GatecheckConfig.builderFromLayers(Map.of(), environment, ServletDemo.class.getClassLoader()),
                registry).build();
    }

    /**
     * {@code config} with {@code /metrics} and {@code /ready} public (routes {@code metrics} and {@code ready}), the
     * meters on {@code registry} and the audit log.
     */
    private static GatecheckConfig.Builder operated(GatecheckConfig.Builder config, PrometheusMeterRegistry registry) {
        return config
                .route(new Route("metrics", List.of("/metrics"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .route(new Route("ready", List.of("/ready"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .listener(new GatecheckMeters(registry))
                .listener(AuditLog.create());
    }

    /** Registers Gatecheck in front of everything: every request, async and error dispatches keep its view. */
    private static void register(ServletContextHandler context, FilterHolder gatecheck) {
        gatecheck.setName("gatecheck");
        gatecheck.setAsyncSupported(true);
        context.addFilter(gatecheck, "/*", DISPATCHES);
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
            owned.ifPresent(Gatecheck::close);
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

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigException config) {
                return "Gatecheck configuration is invalid, the demo does not start: " + config.getMessage();
            }
        }
        return "the demo did not start: " + failure;
    }

    /** The demo cannot start: a wrong setting or a configuration Gatecheck refuses. */
    public static final class DemoException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DemoException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
