package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyContainer;
import dev.gatecheck.testing.AdapterScenarios;

/** The shared adapter scenario table on RESTEasy 6.2 in Jetty 12 (ee10). */
class ResteasyAdapterTest extends AdapterScenarios {
    ResteasyAdapterTest() {
        super(new JaxrsAdapter(JaxrsRuntime.RESTEASY, new JettyContainer()));
    }
}
