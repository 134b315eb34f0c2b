package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyEe11;

/** {@link JaxrsWebhookScenarios} on Jersey 4.0 in Jetty 12.1 (ee11). */
class JerseyEe11WebhookTest extends JaxrsWebhookScenarios {
    JerseyEe11WebhookTest() {
        super(JaxrsRuntime.JERSEY, JettyEe11.container());
    }
}
