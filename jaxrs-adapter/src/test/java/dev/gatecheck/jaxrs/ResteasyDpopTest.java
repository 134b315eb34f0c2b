package dev.gatecheck.jaxrs;

/** DPoP through the JAX-RS adapter on RESTEasy 6.2. */
class ResteasyDpopTest extends JaxrsDpopScenarios {
    ResteasyDpopTest() {
        super(JaxrsRuntime.RESTEASY);
    }
}
