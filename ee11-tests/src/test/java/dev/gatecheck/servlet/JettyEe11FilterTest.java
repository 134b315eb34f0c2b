package dev.gatecheck.servlet;

/** {@link FilterScenarios} on Jetty 12.1 (ee11, Servlet 6.1). */
class JettyEe11FilterTest extends FilterScenarios {
    JettyEe11FilterTest() {
        super(JettyEe11.container());
    }
}
