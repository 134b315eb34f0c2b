package dev.gatecheck.servlet;

/** {@link DeploymentScenarios} on embedded Tomcat 10.1. */
class TomcatDeploymentTest extends DeploymentScenarios {
    TomcatDeploymentTest() {
        super(new TomcatContainer());
    }
}
