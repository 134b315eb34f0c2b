package dev.gatecheck.servlet;

/** {@link WebhookScenarios} on Jetty 12 (ee10). */
class JettyWebhookTest extends WebhookScenarios {
    JettyWebhookTest() {
        super(new JettyContainer());
    }
}
