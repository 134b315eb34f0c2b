package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;

/** The scenario suite on RESTEasy 6.2 ({@code resteasy-core}, {@code HttpServlet30Dispatcher}). */
class ResteasyScenariosTest extends JaxrsScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        ServletHolder holder = new ServletHolder("resteasy" + prefix.replace('/', '-'), new HttpServlet30Dispatcher());
        holder.setInitParameter("jakarta.ws.rs.Application", application.getName());
        holder.setInitParameter("resteasy.servlet.mapping.prefix", prefix);
        holder.setInitOrder(1);
        return holder;
    }
}
