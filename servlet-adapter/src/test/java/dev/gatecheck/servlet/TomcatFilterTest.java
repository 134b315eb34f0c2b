package dev.gatecheck.servlet;

/** {@link FilterScenarios} on embedded Tomcat 10.1: the filter is container-neutral. */
class TomcatFilterTest extends FilterScenarios {
    TomcatFilterTest() {
        super(new TomcatContainer());
    }
}
