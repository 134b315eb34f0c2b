package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** Step-up and resource metadata through the JAX-RS adapter on Jersey 3.1. */
class JerseyStepUpTest extends JaxrsStepUpScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        return Runtimes.jersey(application, prefix);
    }
}
