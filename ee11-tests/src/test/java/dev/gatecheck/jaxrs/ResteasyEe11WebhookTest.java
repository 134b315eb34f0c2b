package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyEe11;

/** {@link JaxrsWebhookScenarios} on RESTEasy 7.0 in Jetty 12.1 (ee11). */
class ResteasyEe11WebhookTest extends JaxrsWebhookScenarios {
    ResteasyEe11WebhookTest() {
        super(JaxrsRuntime.RESTEASY, JettyEe11.container());
    }
}
