package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyEe11;

/** {@link JaxrsScenarios} on Jersey 4.0 in Jetty 12.1 (ee11). */
class JerseyEe11ScenariosTest extends JaxrsScenarios {
    JerseyEe11ScenariosTest() {
        super(JaxrsRuntime.JERSEY, JettyEe11.container());
    }
}
