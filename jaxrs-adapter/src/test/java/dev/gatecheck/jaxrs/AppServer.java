package dev.gatecheck.jaxrs;

import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A Jetty 12 (ee10) server on 127.0.0.1 and an ephemeral port, with one servlet context at {@code /app}. */
final class AppServer {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ServletContextHandler context = new ServletContextHandler();

    AppServer() {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context.setContextPath("/app");
        server.setHandler(context);
    }

    /** The context, to add servlets and filters to before {@link #start()}. */
    ServletContextHandler context() {
        return context;
    }

    AppServer start() throws Exception {
        server.start();
        return this;
    }

    void stop() throws Exception {
        server.stop();
    }

    int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>/app} followed by {@code path}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + "/app" + path);
    }
}
