package dev.gatecheck.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Jetty;

/**
 * Jetty 12 with one of its servlet environments (ee10 by default; the EE 11 tests bring ee11), by default with its
 * default URI compliance.
 */
public final class JettyContainer implements ServletContainer {
    private final Environment environment;
    private final UriCompliance compliance;

    /** Jetty's servlet environment for Jakarta EE 10 ({@link JettyEe10}). */
    public JettyContainer() {
        this(new JettyEe10(), UriCompliance.DEFAULT);
    }

    /**
     * Jetty with {@code environment}, parsing request targets under {@code compliance}; a mode other than the
     * default also lets the servlet API decode ambiguous paths, as a user choosing such a mode has to.
     */
    public JettyContainer(Environment environment, UriCompliance compliance) {
        this.environment = environment;
        this.compliance = compliance;
    }

    /**
     * One of Jetty's servlet environments: ee10 and ee11 have the same API in packages of their own, so each has
     * a class that builds its servlet context.
     */
    public interface Environment {
        /**
         * The servlet context that runs {@code app} at {@code contextPath} ({@code "/"} for the root), with error
         * pages for 404 and 500 at {@value ServletContainer#ERROR_PAGE}, and ambiguous paths decoded if asked.
         */
        Handler context(ServletContainerInitializer app, String contextPath, boolean decodeAmbiguousUris);
    }

    @Override
    public String toString() {
        String name = "Jetty " + Jetty.VERSION + " " + environment;
        return compliance == UriCompliance.DEFAULT ? name : name + " (URI compliance " + compliance.getName() + ")";
    }

    @Override
    public boolean asksForTheBodyBeforeItIsRead() {
        return false;
    }

    @Override
    public Deployment deploy(ServletContainerInitializer app, String contextPath) throws Exception {
        Server server = server(app, contextPath);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return new Deployment() {
            @Override
            public URI uri(String rawPath) {
                return URI.create("http://127.0.0.1:" + port + contextPath + rawPath);
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("Jetty did not stop", e);
                }
            }
        };
    }

    @Override
    public Throwable failedStartup(ServletContainerInitializer app) throws Exception {
        Server server = server(app, CONTEXT_PATH);
        // The failure is the expected outcome: keep Jetty from logging it as a problem.
        java.util.logging.Logger jettyLog = java.util.logging.Logger.getLogger("org.eclipse.jetty");
        java.util.logging.Level level = jettyLog.getLevel();
        jettyLog.setLevel(java.util.logging.Level.OFF);
        try {
            server.start();
        } catch (Exception expected) {
            return expected;
        } finally {
            server.stop();
            jettyLog.setLevel(level);
        }
        throw new AssertionError("the application started");
    }

    private Server server(ServletContainerInitializer app, String contextPath) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setUriCompliance(compliance);
        server.addConnector(connector);
        server.setHandler(environment.context(app, contextPath.isEmpty() ? "/" : contextPath,
                compliance != UriCompliance.DEFAULT));
        server.setStopTimeout(0);
        return server;
    }
}
