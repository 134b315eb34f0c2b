package dev.gatecheck.servlet;

/** {@link ContextPathScenarios} on Jetty 12 (ee10). */
class JettyContextPathTest extends ContextPathScenarios {
    JettyContextPathTest() {
        super(new JettyContainer());
    }
}
