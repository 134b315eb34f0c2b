package dev.gatecheck.servlet;

/** {@link ContextPathScenarios} on Jetty 12.1 (ee11, Servlet 6.1). */
class JettyEe11ContextPathTest extends ContextPathScenarios {
    JettyEe11ContextPathTest() {
        super(JettyEe11.container());
    }
}
