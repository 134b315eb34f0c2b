package dev.gatecheck.jaxrs;

import dev.gatecheck.testing.AdapterScenarios;

/** The shared adapter scenario table on RESTEasy 6.2 ({@code resteasy-core}, {@code HttpServlet30Dispatcher}). */
class ResteasyAdapterTest extends AdapterScenarios {
    ResteasyAdapterTest() {
        super(new JaxrsAdapter("RESTEasy", Runtimes::resteasy));
    }
}
