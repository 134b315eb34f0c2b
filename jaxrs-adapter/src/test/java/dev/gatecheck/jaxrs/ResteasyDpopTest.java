package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** DPoP through the JAX-RS adapter on RESTEasy 6.2. */
class ResteasyDpopTest extends JaxrsDpopScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        return Runtimes.resteasy(application, prefix);
    }
}
