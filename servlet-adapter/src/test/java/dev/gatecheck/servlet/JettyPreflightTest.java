package dev.gatecheck.servlet;

/** {@link PreflightScenarios} on Jetty 12 (ee10). */
class JettyPreflightTest extends PreflightScenarios {
    JettyPreflightTest() {
        super(new JettyContainer());
    }
}
