package dev.gatecheck.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10), by default with its default URI compliance. */
final class JettyContainer implements ServletContainer {
    private final UriCompliance compliance;

    JettyContainer() {
        this(UriCompliance.DEFAULT);
    }

    /**
     * Jetty parsing request targets under {@code compliance}; a mode other than the default also lets the servlet
     * API decode ambiguous paths, as a user choosing such a mode has to.
     */
    JettyContainer(UriCompliance compliance) {
        this.compliance = compliance;
    }

    @Override
    public String toString() {
        return compliance == UriCompliance.DEFAULT ? "Jetty" : "Jetty (URI compliance " + compliance.getName() + ")";
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
        ServletContextHandler context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
        context.addServletContainerInitializer(app);
        context.getServletHandler().setDecodeAmbiguousURIs(compliance != UriCompliance.DEFAULT);
        ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
        errorPages.addErrorPage(404, ERROR_PAGE);
        errorPages.addErrorPage(500, ERROR_PAGE);
        context.setErrorHandler(errorPages);
        server.setHandler(context);
        server.setStopTimeout(0);
        return server;
    }
}
