package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyContainer;

/** The scenario suite on RESTEasy 6.2 in Jetty 12 (ee10). */
class ResteasyScenariosTest extends JaxrsScenarios {
    ResteasyScenariosTest() {
        super(JaxrsRuntime.RESTEASY, new JettyContainer());
    }
}
