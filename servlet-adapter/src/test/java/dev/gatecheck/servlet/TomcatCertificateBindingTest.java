package dev.gatecheck.servlet;

/** Certificate-bound tokens over mutual TLS on Tomcat. */
class TomcatCertificateBindingTest extends CertificateBindingScenarios {
    @Override
    protected TlsContainers.TlsContainer container() {
        return TlsContainers.TOMCAT;
    }
}
