package dev.gatecheck.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension: one issuer per class on a static field, per test on an instance field, or as a parameter. */
class TestIssuerExtensionTest {
    @RegisterExtension
    static final TestIssuerExtension CLASS_ISSUER = TestIssuerExtension.of(() -> TestIssuer.builder().served().build());

    private static TestIssuer seenInBeforeAll;
    private static Gatecheck gatecheck;

    @BeforeAll
    static void start() {
        seenInBeforeAll = CLASS_ISSUER.issuer();
        gatecheck = Gatecheck.create(seenInBeforeAll.config().build());
    }

    @AfterAll
    static void stop() throws Exception {
        gatecheck.close();
        // The extension's afterAll runs after this method: the server still answers here.
        assertThat(jwksStatus(seenInBeforeAll)).isEqualTo(200);
    }

    private static int jwksStatus(TestIssuer issuer) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer.jwksUri().orElseThrow()))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aStaticFieldGivesOneServedIssuerToBeforeAllAndEveryTest() {
        assertThat(CLASS_ISSUER.issuer()).isSameAs(seenInBeforeAll);
        TestIssuerTest.allowedOnceLoaded(gatecheck, CLASS_ISSUER.issuer().token().build(),
                "a token of the class's issuer");
    }

    @Test
    void theClassIssuerServesItsJwksDuringTheTests() throws Exception {
        assertThat(jwksStatus(CLASS_ISSUER.issuer())).isEqualTo(200);
    }

    @Nested
    class OnAnInstanceField {
        @RegisterExtension
        final TestIssuerExtension perTest = TestIssuerExtension.of(() -> TestIssuer.builder().ec().build());

        @Test
        void eachTestHasItsOwnIssuerBesideTheClasssOne() {
            assertThat(perTest.issuer().algorithm()).isEqualTo("ES256");
            assertThat(perTest.issuer()).isNotSameAs(CLASS_ISSUER.issuer());
        }
    }
}
