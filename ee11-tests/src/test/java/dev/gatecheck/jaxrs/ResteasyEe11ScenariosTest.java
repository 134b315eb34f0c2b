package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyEe11;

/** {@link JaxrsScenarios} on RESTEasy 7.0 in Jetty 12.1 (ee11). */
class ResteasyEe11ScenariosTest extends JaxrsScenarios {
    ResteasyEe11ScenariosTest() {
        super(JaxrsRuntime.RESTEASY, JettyEe11.container());
    }
}
