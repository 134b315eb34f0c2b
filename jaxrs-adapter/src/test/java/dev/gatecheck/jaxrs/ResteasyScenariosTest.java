package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The scenario suite on RESTEasy 6.2 ({@code resteasy-core}, {@code HttpServlet30Dispatcher}). */
class ResteasyScenariosTest extends JaxrsScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        return Runtimes.resteasy(application, prefix);
    }
}
