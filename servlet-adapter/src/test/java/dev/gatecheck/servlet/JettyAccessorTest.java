package dev.gatecheck.servlet;

/** {@link AccessorScenarios} on Jetty 12 (ee10). */
class JettyAccessorTest extends AccessorScenarios {
    JettyAccessorTest() {
        super(new JettyContainer());
    }
}
