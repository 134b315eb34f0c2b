package dev.gatecheck.servlet;

import dev.gatecheck.testing.AdapterScenarios;

/** The shared adapter scenario table on embedded Tomcat 10.1. */
class TomcatAdapterTest extends AdapterScenarios {
    TomcatAdapterTest() {
        super(new ServletAdapter(new TomcatContainer()));
    }
}
