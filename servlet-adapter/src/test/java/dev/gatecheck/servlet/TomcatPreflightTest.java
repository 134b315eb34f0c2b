package dev.gatecheck.servlet;

/** {@link PreflightScenarios} on embedded Tomcat 10.1. */
class TomcatPreflightTest extends PreflightScenarios {
    TomcatPreflightTest() {
        super(new TomcatContainer());
    }
}
