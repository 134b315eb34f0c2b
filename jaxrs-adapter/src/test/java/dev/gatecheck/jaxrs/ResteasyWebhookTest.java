package dev.gatecheck.jaxrs;

import dev.gatecheck.servlet.JettyContainer;

/** The webhook suite on RESTEasy 6.2 in Jetty 12 (ee10). */
class ResteasyWebhookTest extends JaxrsWebhookScenarios {
    ResteasyWebhookTest() {
        super(JaxrsRuntime.RESTEASY, new JettyContainer());
    }
}
