package dev.gatecheck.jaxrs;

import dev.gatecheck.testing.AdapterScenarios;

/** The shared adapter scenario table on Jersey 3.1 ({@code jersey-container-servlet} + {@code jersey-hk2}). */
class JerseyAdapterTest extends AdapterScenarios {
    JerseyAdapterTest() {
        super(new JaxrsAdapter("Jersey", Runtimes::jersey));
    }
}
