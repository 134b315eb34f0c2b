package dev.gatecheck.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @ExtendWith(TestIssuerExtension.class)}: a default issuer as a parameter, one for the class. */
@ExtendWith(TestIssuerExtension.class)
class TestIssuerParameterTest {
    private static TestIssuer seenInBeforeAll;

    @BeforeAll
    static void start(TestIssuer issuer) {
        seenInBeforeAll = issuer;
    }

    @Test
    void aDefaultIssuerIsResolvedOncePerClass(TestIssuer issuer) {
        assertThat(issuer.algorithm()).isEqualTo("RS256");
        assertThat(issuer.issuer()).isEqualTo(TestIssuer.DEFAULT_ISSUER);
        assertThat(issuer.audience()).isEqualTo(TestIssuer.DEFAULT_AUDIENCE);
        assertThat(issuer).isSameAs(seenInBeforeAll);
    }
}
