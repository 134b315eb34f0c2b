package dev.gatecheck.servlet;

/** {@link AccessorScenarios} on Jetty 12.1 (ee11, Servlet 6.1). */
class JettyEe11AccessorTest extends AccessorScenarios {
    JettyEe11AccessorTest() {
        super(JettyEe11.container());
    }
}
