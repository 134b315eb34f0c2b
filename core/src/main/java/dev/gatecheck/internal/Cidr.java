package dev.gatecheck.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}, or one address). Parsed strictly from
 * literal addresses: no host names, so no DNS lookup ever happens. Internal.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix} or a single address.
     *
     * @throws IllegalArgumentException when it is not a literal IPv4/IPv6 CIDR
     */
    public static Cidr parse(String spec) {
        String s = spec.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(address).orElseThrow(() ->
                new IllegalArgumentException("'" + spec + "' is not an IPv4 or IPv6 CIDR"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + spec + "' has no valid prefix length");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + spec + "' has a prefix length outside 0.." + bits);
            }
        }
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] &= mask(prefix, i);
        }
        return new Cidr(bytes, prefix, s);
    }

    /** True for a prefix length of 0 ({@code 0.0.0.0/0}, {@code ::/0}): every address of its family. */
    public boolean matchesEverything() {
        return prefix == 0;
    }

    /** True when {@code address} (a literal) lies in this block; IPv4-mapped IPv6 addresses count as IPv4. */
    public boolean contains(String address) {
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty() || bytes.get().length != network.length) {
            return false;
        }
        for (int i = 0; i < network.length; i++) {
            // both sides as unsigned 0..255: a signed byte >= 0x80 would never equal the masked int
            if ((bytes.get()[i] & mask(prefix, i)) != (network[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static int mask(int prefix, int byteIndex) {
        int remaining = prefix - byteIndex * 8;
        if (remaining >= 8) {
            return 0xFF;
        }
        return remaining <= 0 ? 0 : (0xFF << (8 - remaining)) & 0xFF;
    }

    /** The bytes of a literal address; IPv4-mapped IPv6 is folded to IPv4. Never resolves names. */
    private static Optional<byte[]> literal(String address) {
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = a.contains(":") && a.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : a.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(a).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
