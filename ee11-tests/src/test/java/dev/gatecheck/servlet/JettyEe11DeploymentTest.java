package dev.gatecheck.servlet;

/** {@link DeploymentScenarios} on Jetty 12.1 (ee11, Servlet 6.1). */
class JettyEe11DeploymentTest extends DeploymentScenarios {
    JettyEe11DeploymentTest() {
        super(JettyEe11.container());
    }
}
