package dev.gatecheck.jaxrs;

/** Certificate-bound tokens over mutual TLS through the JAX-RS adapter on RESTEasy 6.2. */
class ResteasyCertificateBindingTest extends JaxrsCertificateBindingScenarios {
    ResteasyCertificateBindingTest() {
        super(JaxrsRuntime.RESTEASY);
    }
}
