package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyContainer;

/** {@link OpaqueTokenScenarios} on RESTEasy 6.2 in Jetty 12 (ee10). */
class ResteasyOpaqueTokenTest extends OpaqueTokenScenarios {
    ResteasyOpaqueTokenTest() {
        super(JaxrsRuntime.RESTEASY, new JettyContainer());
    }
}
