package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/** The scenario suite on Jersey 3.1 ({@code jersey-container-servlet} + {@code jersey-hk2}). */
class JerseyScenariosTest extends JaxrsScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        ServletHolder holder = new ServletHolder("jersey" + prefix.replace('/', '-'), new ServletContainer());
        holder.setInitParameter("jakarta.ws.rs.Application", application.getName());
        holder.setInitParameter(ServerProperties.WADL_FEATURE_DISABLE, "true");
        holder.setInitOrder(1);
        return holder;
    }
}
