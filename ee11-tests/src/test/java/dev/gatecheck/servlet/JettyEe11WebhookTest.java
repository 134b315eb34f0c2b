package dev.gatecheck.servlet;

/** {@link WebhookScenarios} on Jetty 12.1 (ee11, Servlet 6.1). */
class JettyEe11WebhookTest extends WebhookScenarios {
    JettyEe11WebhookTest() {
        super(JettyEe11.container());
    }
}
