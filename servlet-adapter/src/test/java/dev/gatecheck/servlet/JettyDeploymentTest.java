package dev.gatecheck.servlet;

/** {@link DeploymentScenarios} on Jetty 12 (ee10). */
class JettyDeploymentTest extends DeploymentScenarios {
    JettyDeploymentTest() {
        super(new JettyContainer());
    }
}
