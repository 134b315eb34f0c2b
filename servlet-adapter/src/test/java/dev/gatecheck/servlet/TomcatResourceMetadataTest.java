package dev.gatecheck.servlet;

/** RFC 9728 metadata through the filter on Tomcat. */
class TomcatResourceMetadataTest extends ResourceMetadataScenarios {
    @Override
    protected ServletContainer container() {
        return new TomcatContainer();
    }
}
