package dev.gatecheck.servlet;

/** DPoP through the filter on Jetty. */
class JettyDpopTest extends DpopScenarios {
    @Override
    protected ServletContainer container() {
        return new JettyContainer();
    }
}
