package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** {@link OpaqueTokenScenarios} on RESTEasy 6.2. */
class ResteasyOpaqueTokenTest extends OpaqueTokenScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        return Runtimes.resteasy(application, prefix);
    }
}
