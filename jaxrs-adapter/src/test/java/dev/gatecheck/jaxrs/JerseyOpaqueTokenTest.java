package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyContainer;

/** {@link OpaqueTokenScenarios} on Jersey 3.1 in Jetty 12 (ee10). */
class JerseyOpaqueTokenTest extends OpaqueTokenScenarios {
    JerseyOpaqueTokenTest() {
        super(JaxrsRuntime.JERSEY, new JettyContainer());
    }
}
