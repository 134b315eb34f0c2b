package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The URL comparison of DPoP's {@code htu}: RFC 3986 syntax- and scheme-based normalisation, checked against the
 * RFC's own examples (§6.2.2, §6.2.3, and the dot-segment results of the reference resolution examples of §5.4).
 */
class TargetUriTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = ' ', value = {
            // RFC 3986 §6.2.2.1: case
            "HTTP://www.Example.com/ http://www.example.com/",
            "http://example.com/a%c2%b1b http://example.com/a%C2%B1b",
            // §6.2.2.2: percent-encoded unreserved characters
            "http://example.com/%7Esmith/home.html http://example.com/~smith/home.html",
            "http://example.com/%41%2d%5F%2E http://example.com/A-_.",
            // §6.2.3: scheme-based
            "http://example.com http://example.com/",
            "http://example.com:/ http://example.com/",
            "http://example.com:80/ http://example.com/",
            "https://example.com:443/x https://example.com/x",
            "https://example.com:8443/x https://example.com:8443/x",
            "http://example.com:443/x http://example.com:443/x",
            "http://example.com:0080/x http://example.com/x",
            "http://[::1]:8080/x http://[::1]:8080/x",
            "http://[FE80::1]/x http://[fe80::1]/x",
            // §5.4.1 / §5.4.2: dot segments (base http://a/b/c/d;p?q)
            "http://a/b/c/../g http://a/b/g",
            "http://a/b/c/../.. http://a/",
            "http://a/b/c/../../g http://a/g",
            "http://a/b/c/../../../g http://a/g",
            "http://a/b/c/../../../../g http://a/g",
            "http://a/./g http://a/g",
            "http://a/../g http://a/g",
            "http://a/b/c/g. http://a/b/c/g.",
            "http://a/b/c/.g http://a/b/c/.g",
            "http://a/b/c/g.. http://a/b/c/g..",
            "http://a/b/c/..g http://a/b/c/..g",
            "http://a/b/c/./../g http://a/b/g",
            "http://a/b/c/./g/. http://a/b/c/g/",
            "http://a/b/c/g/./h http://a/b/c/g/h",
            "http://a/b/c/g/../h http://a/b/c/h",
            "http://a/b/c/g;x=1/./y http://a/b/c/g;x=1/y",
            "http://a/b/c/g;x=1/../y http://a/b/c/y",
            "http://a/b/%2E%2E/c http://a/c",
            // a trailing slash and the path's case are significant
            "http://a/x/ http://a/x/",
            "http://a/API http://a/API",
            "http://a/a%2fb http://a/a%2Fb"})
    void normalisesAsRfc3986Says(String uri, String normal) {
        assertThat(TargetUri.normalise(uri)).as("normal form of %s", uri).contains(normal);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://api.test/x?y=1", "https://api.test/x?", "https://api.test/x#f",
            "https://user@api.test/x", "https://user:pw@api.test/x", "ftp://api.test/x", "//api.test/x", "/x",
            "https://api.test:99999/x", "https://api.test:8a/x", "https:///x", "https://api.test/x y",
            "https://api.test/%zz", "https://api.test/%4", "https://api.te_st/x", "https://api.test/\u00e9",
            "https://%61pi.test/x", "https://api.test\\x", ""})
    void hasNoNormalFormForWhatIsNoPlainHttpTarget(String uri) {
        assertThat(TargetUri.normalise(uri)).as("normal form of %s", uri).isEmpty();
    }
}
