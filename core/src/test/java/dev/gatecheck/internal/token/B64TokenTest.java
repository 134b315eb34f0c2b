package dev.gatecheck.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class B64TokenTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "abc.DEF.123", "a-b_c~d+e/f.g", "abc=", "abc==", "x.y.z==="})
    void acceptsTheRfc6750Grammar(String token) {
        assertThat(B64Token.matches(token)).as("b64token %s", token).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "=", "==", "a=b", "a b", "a,b", "a\tb", "a\r\n", "\"abc\"", "abc%3D", "caf\u00e9",
            "a\u0100b", "a\u0000b", "a?b", "a*b"})
    void rejectsEverythingElse(String token) {
        assertThat(B64Token.matches(token)).as("b64token %s", token).isFalse();
    }
}
