package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** Step-up and resource metadata through the JAX-RS adapter on RESTEasy 6.2. */
class ResteasyStepUpTest extends JaxrsStepUpScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        return Runtimes.resteasy(application, prefix);
    }
}
