package dev.gatecheck.jaxrs;

/** DPoP through the JAX-RS adapter on Jersey 3.1. */
class JerseyDpopTest extends JaxrsDpopScenarios {
    JerseyDpopTest() {
        super(JaxrsRuntime.JERSEY);
    }
}
