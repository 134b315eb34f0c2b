package dev.gatecheck.servlet;

/** {@link PathDifferentialScenarios} on Tomcat 10.1. */
class TomcatPathDifferentialTest extends PathDifferentialScenarios {
    TomcatPathDifferentialTest() {
        super(new TomcatContainer());
    }
}
