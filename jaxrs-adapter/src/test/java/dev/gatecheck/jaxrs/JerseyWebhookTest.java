package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The webhook suite on Jersey 3.1. */
class JerseyWebhookTest extends JaxrsWebhookScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        return Runtimes.jersey(application, prefix);
    }
}
