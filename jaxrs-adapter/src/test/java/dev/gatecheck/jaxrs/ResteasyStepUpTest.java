package dev.gatecheck.jaxrs;

/** Step-up and resource metadata through the JAX-RS adapter on RESTEasy 6.2. */
class ResteasyStepUpTest extends JaxrsStepUpScenarios {
    ResteasyStepUpTest() {
        super(JaxrsRuntime.RESTEASY);
    }
}
