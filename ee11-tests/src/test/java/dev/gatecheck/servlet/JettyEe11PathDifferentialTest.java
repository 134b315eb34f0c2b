package dev.gatecheck.servlet;

/** {@link PathDifferentialScenarios} on Jetty 12.1 (ee11, Servlet 6.1). */
class JettyEe11PathDifferentialTest extends PathDifferentialScenarios {
    JettyEe11PathDifferentialTest() {
        super(JettyEe11.container());
    }
}
