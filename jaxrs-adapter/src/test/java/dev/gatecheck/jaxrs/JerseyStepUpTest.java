package dev.gatecheck.jaxrs;

/** Step-up and resource metadata through the JAX-RS adapter on Jersey 3.1. */
class JerseyStepUpTest extends JaxrsStepUpScenarios {
    JerseyStepUpTest() {
        super(JaxrsRuntime.JERSEY);
    }
}
