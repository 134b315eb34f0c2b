package dev.gatecheck.servlet;

/** {@link FilterScenarios} on Jetty 12 (ee10). */
class JettyFilterTest extends FilterScenarios {
    JettyFilterTest() {
        super(new JettyContainer());
    }
}
