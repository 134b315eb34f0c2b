package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;

/** The JAX-RS implementations the suites run on, each as the servlet serving an application under a prefix. */
final class Runtimes {
    private Runtimes() {
    }

    /** Jersey 3.1 ({@code jersey-container-servlet} + {@code jersey-hk2}) serving {@code application}. */
    static ServletHolder jersey(Class<? extends Application> application, String prefix) {
        ServletHolder holder = new ServletHolder("jersey" + prefix.replace('/', '-'), new ServletContainer());
        holder.setInitParameter("jakarta.ws.rs.Application", application.getName());
        holder.setInitParameter(ServerProperties.WADL_FEATURE_DISABLE, "true");
        holder.setInitOrder(1);
        return holder;
    }

    /** A started Jetty on 127.0.0.1 and a free port ({@link #port}) serving {@code context}. */
    static Server start(ServletContextHandler context) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return server;
    }

    /** The port a server from {@link #start} listens on. */
    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** RESTEasy 6.2 ({@code resteasy-core}, {@code HttpServlet30Dispatcher}) serving {@code application}. */
    static ServletHolder resteasy(Class<? extends Application> application, String prefix) {
        ServletHolder holder = new ServletHolder("resteasy" + prefix.replace('/', '-'), new HttpServlet30Dispatcher());
        holder.setInitParameter("jakarta.ws.rs.Application", application.getName());
        holder.setInitParameter("resteasy.servlet.mapping.prefix", prefix);
        holder.setInitOrder(1);
        return holder;
    }
}
