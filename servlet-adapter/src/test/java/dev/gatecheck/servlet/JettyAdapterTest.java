package dev.gatecheck.servlet;

import dev.gatecheck.testing.AdapterScenarios;

/** The shared adapter scenario table on Jetty 12 (ee10). */
class JettyAdapterTest extends AdapterScenarios {
    JettyAdapterTest() {
        super(new ServletAdapter(new JettyContainer()));
    }
}
