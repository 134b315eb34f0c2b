package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Cidr}: literal IPv4 and IPv6 blocks, prefix boundaries, IPv4-mapped IPv6 peers, no name resolution. */
class CidrTest {

    static Stream<Arguments> membership() {
        return Stream.of(
                // IPv4 prefixes and their boundaries
                Arguments.of("10.0.0.0/8", "10.0.0.0", true),
                Arguments.of("10.0.0.0/8", "10.255.255.255", true),
                Arguments.of("10.0.0.0/8", "9.255.255.255", false),
                Arguments.of("10.0.0.0/8", "11.0.0.0", false),
                Arguments.of("192.168.1.0/25", "192.168.1.127", true),
                Arguments.of("192.168.1.0/25", "192.168.1.128", false),
                Arguments.of("192.168.1.128/25", "192.168.1.128", true),
                Arguments.of("192.168.1.128/25", "192.168.1.127", false),
                Arguments.of("172.16.0.0/12", "172.31.255.255", true),
                Arguments.of("172.16.0.0/12", "172.32.0.0", false),
                Arguments.of("100.64.0.0/10", "100.127.0.1", true),
                Arguments.of("100.64.0.0/10", "100.128.0.1", false),
                Arguments.of("203.0.113.7/32", "203.0.113.7", true),
                Arguments.of("203.0.113.7/32", "203.0.113.8", false),
                Arguments.of("203.0.113.7", "203.0.113.7", true),
                Arguments.of("203.0.113.7", "203.0.113.6", false),
                Arguments.of("10.1.2.3/8", "10.200.0.1", true), // host bits in the spec are masked off
                Arguments.of("0.0.0.0/0", "198.51.100.1", true),
                Arguments.of("0.0.0.0/0", "255.255.255.255", true),
                Arguments.of("0.0.0.0/0", "2001:db8::1", false),
                // IPv4-mapped IPv6 peers count as IPv4
                Arguments.of("10.0.0.0/8", "::ffff:10.1.2.3", true),
                Arguments.of("10.0.0.0/8", "::ffff:11.1.2.3", false),
                Arguments.of("127.0.0.1/32", "::ffff:127.0.0.1", true),
                Arguments.of("127.0.0.1/32", "::ffff:7f00:1", true),
                Arguments.of("127.0.0.1/32", "[::ffff:127.0.0.1]", true),
                Arguments.of("0.0.0.0/0", "::ffff:1.2.3.4", true),
                // IPv4-compatible and NAT64 addresses are IPv6, not IPv4
                Arguments.of("1.2.3.0/24", "::1.2.3.4", false),
                Arguments.of("1.2.3.0/24", "64:ff9b::1.2.3.4", false),
                // IPv6 prefixes and their boundaries
                Arguments.of("fd00::/8", "fd12:3456::1", true),
                Arguments.of("fd00::/8", "fe80::1", false),
                Arguments.of("fd00::/8", "fc00::1", false),
                Arguments.of("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true),
                Arguments.of("2001:db8::/32", "2001:db9::", false),
                Arguments.of("2001:db8::/32", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false),
                Arguments.of("2001:db8:0:1::/63", "2001:db8:0:1:ffff::1", true),
                Arguments.of("2001:db8:0:1::/63", "2001:db8:0:0::1", true),
                Arguments.of("2001:db8:0:1::/63", "2001:db8:0:2::1", false),
                Arguments.of("2001:db8::/127", "2001:db8::1", true),
                Arguments.of("2001:db8::/127", "2001:db8::2", false),
                Arguments.of("::1/128", "::1", true),
                Arguments.of("::1/128", "0:0:0:0:0:0:0:1", true),
                Arguments.of("::1/128", "[::1]", true),
                Arguments.of("::1/128", "::2", false),
                Arguments.of("::1/128", "127.0.0.1", false),
                Arguments.of("::1", "::1", true),
                Arguments.of("2001:DB8::/32", "2001:db8::1", true),
                Arguments.of("fe80::/10", "fe80::1%eth0", true),
                Arguments.of("::/0", "2001:db8::1", true),
                Arguments.of("::/0", "::", true),
                Arguments.of("::/0", "10.0.0.1", false),
                // peers that are not literal addresses are never inside
                Arguments.of("0.0.0.0/0", "localhost", false),
                Arguments.of("0.0.0.0/0", "gateway.internal", false),
                Arguments.of("0.0.0.0/0", "", false),
                Arguments.of("0.0.0.0/0", "256.0.0.1", false),
                Arguments.of("0.0.0.0/0", "1.2.3", false),
                Arguments.of("0.0.0.0/0", "1.2.3.4.5", false),
                Arguments.of("::/0", "1::2::3", false),
                Arguments.of("::/0", "::g", false),
                Arguments.of("0.0.0.0/0", "10.0.0.1:8080", false));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @MethodSource("membership")
    void decidesMembership(String cidr, String address, boolean inside) {
        assertThat(Cidr.parse(cidr).contains(address)).as("%s contains '%s'", cidr, address).isEqualTo(inside);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("IPv4 prefix too long", "10.0.0.0/33"),
                Arguments.of("IPv6 prefix too long", "fd00::/129"),
                Arguments.of("negative prefix", "10.0.0.0/-1"),
                Arguments.of("empty prefix", "10.0.0.0/"),
                Arguments.of("prefix not a number", "10.0.0.0/eight"),
                Arguments.of("two slashes", "10.0.0.0/8/8"),
                Arguments.of("three octets", "10.0.0/8"),
                Arguments.of("octet over 255", "10.0.0.256/32"),
                Arguments.of("host name", "gateway.internal"),
                Arguments.of("host name with prefix", "localhost/32"),
                Arguments.of("empty", ""),
                Arguments.of("only a prefix", "/8"),
                Arguments.of("bad IPv6", "fd00:::1/64"),
                Arguments.of("IPv6 with letters outside hex", "fg00::/8"),
                Arguments.of("IPv4-mapped block written as IPv6 (write it as IPv4)", "::ffff:10.0.0.0/104"),
                Arguments.of("wildcard", "*"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void refusesWhatIsNotALiteralCidr(String name, String spec) {
        assertThatThrownBy(() -> Cidr.parse(spec)).as(name).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + spec + "'");
    }
}
