package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The path Gatecheck decides on: the raw request URI after the context path. */
class ServletAuthRequestPathTest {

    @Test
    void dropsTheContextPath() {
        assertThat(ServletAuthRequest.withinContext("/app/api/users", "/app")).isEqualTo("/api/users");
    }

    @Test
    void keepsTheWholeUriInTheRootContext() {
        assertThat(ServletAuthRequest.withinContext("/api/users", "")).isEqualTo("/api/users");
    }

    @Test
    void keepsPathParametersAndEscapesUndecoded() {
        assertThat(ServletAuthRequest.withinContext("/app/admin;x=1/%61", "/app")).isEqualTo("/admin;x=1/%61");
    }

    @Test
    void leavesNothingForTheContextRoot() {
        assertThat(ServletAuthRequest.withinContext("/app", "/app")).isEmpty();
    }

    @Test
    void dropsContextPathSpelledWithParameters() {
        assertThat(ServletAuthRequest.withinContext("/app;jsessionid=1/api", "/app")).isEqualTo("/api");
    }

    @Test
    void dropsContextPathSpelledWithEscapes() {
        assertThat(ServletAuthRequest.withinContext("/%61pp/admin", "/app")).isEqualTo("/admin");
    }

    @Test
    void dropsEveryContextSegment() {
        assertThat(ServletAuthRequest.withinContext("/shop/v2/admin", "/shop/v2")).isEqualTo("/admin");
    }

    @Test
    void doesNotTakeALongerFirstSegmentForTheContext() {
        assertThat(ServletAuthRequest.withinContext("/apps/admin", "/app")).isEqualTo("/admin");
    }
}
