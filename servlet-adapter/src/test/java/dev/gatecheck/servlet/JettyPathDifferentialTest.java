package dev.gatecheck.servlet;

/** {@link PathDifferentialScenarios} on Jetty 12 (ee10). */
class JettyPathDifferentialTest extends PathDifferentialScenarios {
    JettyPathDifferentialTest() {
        super(new JettyContainer());
    }
}
