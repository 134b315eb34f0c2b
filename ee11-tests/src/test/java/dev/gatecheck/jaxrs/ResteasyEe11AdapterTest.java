package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyEe11;
import dev.gatecheck.testing.AdapterScenarios;

/** The shared adapter scenario table on RESTEasy 7.0 (RESTful WS 4.0) in Jetty 12.1 (ee11). */
class ResteasyEe11AdapterTest extends AdapterScenarios {
    ResteasyEe11AdapterTest() {
        super(new JaxrsAdapter(JaxrsRuntime.RESTEASY, JettyEe11.container()));
    }
}
