package dev.gatecheck.servlet;

/** {@link ContextPathScenarios} on Tomcat 10.1. */
class TomcatContextPathTest extends ContextPathScenarios {
    TomcatContextPathTest() {
        super(new TomcatContainer());
    }
}
