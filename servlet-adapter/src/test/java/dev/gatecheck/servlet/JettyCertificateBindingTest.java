package dev.gatecheck.servlet;

/** Certificate-bound tokens over mutual TLS on Jetty. */
class JettyCertificateBindingTest extends CertificateBindingScenarios {
    @Override
    protected TlsContainers.TlsContainer container() {
        return TlsContainers.JETTY;
    }
}
