package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyContainer;
import dev.gatecheck.testing.AdapterScenarios;

/** The shared adapter scenario table on Jersey 3.1 in Jetty 12 (ee10). */
class JerseyAdapterTest extends AdapterScenarios {
    JerseyAdapterTest() {
        super(new JaxrsAdapter(JaxrsRuntime.JERSEY, new JettyContainer()));
    }
}
