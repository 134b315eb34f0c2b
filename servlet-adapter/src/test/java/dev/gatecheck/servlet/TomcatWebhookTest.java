package dev.gatecheck.servlet;

/** {@link WebhookScenarios} on embedded Tomcat 10.1. */
class TomcatWebhookTest extends WebhookScenarios {
    TomcatWebhookTest() {
        super(new TomcatContainer());
    }
}
