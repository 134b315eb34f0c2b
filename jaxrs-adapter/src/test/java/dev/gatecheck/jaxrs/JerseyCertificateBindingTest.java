package dev.gatecheck.jaxrs;

/** Certificate-bound tokens over mutual TLS through the JAX-RS adapter on Jersey 3.1. */
class JerseyCertificateBindingTest extends JaxrsCertificateBindingScenarios {
    JerseyCertificateBindingTest() {
        super(JaxrsRuntime.JERSEY);
    }
}
