package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The scenario suite on Jersey 3.1 ({@code jersey-container-servlet} + {@code jersey-hk2}). */
class JerseyScenariosTest extends JaxrsScenarios {
    @Override
    protected ServletHolder jaxrsServlet(Class<? extends Application> application, String prefix) {
        return Runtimes.jersey(application, prefix);
    }
}
