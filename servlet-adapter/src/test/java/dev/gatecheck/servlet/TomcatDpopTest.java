package dev.gatecheck.servlet;

/** DPoP through the filter on Tomcat. */
class TomcatDpopTest extends DpopScenarios {
    @Override
    protected ServletContainer container() {
        return new TomcatContainer();
    }
}
