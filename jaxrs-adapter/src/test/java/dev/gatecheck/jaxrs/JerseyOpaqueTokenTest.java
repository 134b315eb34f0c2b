package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** {@link OpaqueTokenScenarios} on Jersey 3.1. */
class JerseyOpaqueTokenTest extends OpaqueTokenScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        return Runtimes.jersey(application, prefix);
    }
}
