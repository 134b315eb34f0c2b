package dev.gatecheck.servlet;

import dev.gatecheck.testing.AdapterScenarios;

/** The shared adapter scenario table on Jetty 12.1 (ee11, Servlet 6.1). */
class JettyEe11AdapterTest extends AdapterScenarios {
    JettyEe11AdapterTest() {
        super(new ServletAdapter(JettyEe11.container()));
    }
}
