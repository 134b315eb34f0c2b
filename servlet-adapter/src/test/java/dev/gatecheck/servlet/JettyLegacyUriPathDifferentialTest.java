package dev.gatecheck.servlet;

import org.eclipse.jetty.http.UriCompliance;

/**
 * {@link PathDifferentialScenarios} on Jetty 12 (ee10) set to {@link UriCompliance#LEGACY}, a mode users choose
 * for old clients. It keeps empty segments, so {@code /secret//../prefix/a} runs the secret servlet: only the
 * filter's check of the path the container dispatched keeps Gatecheck from deciding on {@code /prefix/a}.
 */
class JettyLegacyUriPathDifferentialTest extends PathDifferentialScenarios {
    JettyLegacyUriPathDifferentialTest() {
        super(new JettyContainer(new JettyEe10(), UriCompliance.LEGACY));
    }
}
