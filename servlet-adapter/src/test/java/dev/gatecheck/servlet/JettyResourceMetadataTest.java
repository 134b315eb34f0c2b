package dev.gatecheck.servlet;

/** RFC 9728 metadata through the filter on Jetty. */
class JettyResourceMetadataTest extends ResourceMetadataScenarios {
    @Override
    protected ServletContainer container() {
        return new JettyContainer();
    }
}
