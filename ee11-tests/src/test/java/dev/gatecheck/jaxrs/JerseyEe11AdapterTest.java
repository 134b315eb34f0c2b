package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyEe11;
import dev.gatecheck.testing.AdapterScenarios;

/** The shared adapter scenario table on Jersey 4.0 (RESTful WS 4.0) in Jetty 12.1 (ee11). */
class JerseyEe11AdapterTest extends AdapterScenarios {
    JerseyEe11AdapterTest() {
        super(new JaxrsAdapter(JaxrsRuntime.JERSEY, JettyEe11.container()));
    }
}
