package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyContainer;

/** The webhook suite on Jersey 3.1 in Jetty 12 (ee10). */
class JerseyWebhookTest extends JaxrsWebhookScenarios {
    JerseyWebhookTest() {
        super(JaxrsRuntime.JERSEY, new JettyContainer());
    }
}
