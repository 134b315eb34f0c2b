package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyContainer;

/** The scenario suite on Jersey 3.1 in Jetty 12 (ee10). */
class JerseyScenariosTest extends JaxrsScenarios {
    JerseyScenariosTest() {
        super(JaxrsRuntime.JERSEY, new JettyContainer());
    }
}
