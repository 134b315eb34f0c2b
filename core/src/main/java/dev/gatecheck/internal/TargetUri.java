package dev.gatecheck.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for comparing the URL a request was sent to (a DPoP proof's {@code htu}, RFC 9449 §4.3): RFC 3986
 * syntax-based normalisation (§6.2.2: scheme and host in lower case, percent-encodings in upper case and decoded
 * where they stand for an unreserved character, dot segments removed) and the scheme-based one of §6.2.3 (the
 * default port and an empty path dropped). Two URLs match when their normal forms are equal, so {@code /a} and
 * {@code /a/}, or {@code /API} and {@code /api}, stay different. Only absolute {@code http} and {@code https} URLs
 * without user info, query or fragment have a normal form; anything else never matches. Internal.
 */
public final class TargetUri {
    private static final String UNRESERVED_MARKS = "-._~";
    private static final String PATH_MARKS = "-._~!$&'()*+,;=:@/";

    private TargetUri() {
    }

    /** The normal form of {@code uri}, or empty when it is not an absolute http(s) URL without query or fragment. */
    public static Optional<String> normalise(String uri) {
        int colon = uri.indexOf("://");
        if (colon <= 0) {
            return Optional.empty();
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        int authorityEnd = colon + 3;
        while (authorityEnd < uri.length() && "/?#".indexOf(uri.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        if (defaultPort < 0 || authorityEnd < uri.length() && uri.charAt(authorityEnd) != '/'
                || uri.indexOf('?') >= 0 || uri.indexOf('#') >= 0) {
            return Optional.empty();
        }
        Optional<String> authority = authority(uri.substring(colon + 3, authorityEnd), defaultPort);
        Optional<String> path = path(uri.substring(authorityEnd));
        return authority.isEmpty() || path.isEmpty() ? Optional.empty()
                : Optional.of(scheme + "://" + authority.get() + path.get());
    }

    /** Host in lower case and the port, without the scheme's default; user info and odd hosts have no normal form. */
    private static Optional<String> authority(String authority, int defaultPort) {
        int portColon = authority.lastIndexOf(':');
        if (portColon < authority.lastIndexOf(']')) {
            portColon = -1; // a colon inside an IPv6 literal
        }
        String host = (portColon < 0 ? authority : authority.substring(0, portColon)).toLowerCase(Locale.ROOT);
        boolean literal = host.length() > 2 && host.startsWith("[") && host.endsWith("]")
                && host.substring(1, host.length() - 1).chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':'
                || c == '.');
        if (!literal && (host.isEmpty() || !host.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '.' || c == '-'))) {
            return Optional.empty();
        }
        String digits = portColon < 0 ? "" : authority.substring(portColon + 1);
        if (digits.isEmpty()) {
            return Optional.of(host); // an empty port is the default one (RFC 3986 §6.2.3)
        }
        if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int port = Integer.parseInt(digits);
        return port > 65535 ? Optional.empty() : Optional.of(port == defaultPort ? host : host + ":" + port);
    }

    /** Percent-encodings normalised, dot segments removed, {@code /} for an empty path. */
    private static Optional<String> path(String raw) {
        StringBuilder path = new StringBuilder(raw.length() + 1);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int escaped = escapedByte(raw, i);
                if (escaped < 0) {
                    return Optional.empty();
                }
                char decoded = (char) escaped;
                path.append(isUnreserved(decoded) ? String.valueOf(decoded)
                        : "%" + Character.toUpperCase(raw.charAt(i + 1)) + Character.toUpperCase(raw.charAt(i + 2)));
                i += 2;
            } else if (isUnreserved(c) || c < 0x80 && PATH_MARKS.indexOf(c) >= 0) {
                path.append(c);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(path.isEmpty() ? "/" : withoutDotSegments(path.toString()));
    }

    /** The byte of the percent escape at {@code s[percent]} ({@code %HH}), or -1 when it is not one. */
    public static int escapedByte(String s, int percent) {
        int hi = percent + 2 < s.length() ? Character.digit(s.charAt(percent + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(s.charAt(percent + 2), 16);
        return lo < 0 ? -1 : hi * 16 + lo;
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || UNRESERVED_MARKS.indexOf(c) >= 0;
    }

    /** RFC 3986 §5.2.4 {@code remove_dot_segments}, for an absolute path. */
    private static String withoutDotSegments(String path) {
        StringBuilder in = new StringBuilder(path);
        StringBuilder out = new StringBuilder(path.length());
        while (!in.isEmpty()) {
            if (startsWith(in, "/./")) {
                in.delete(0, 2);
            } else if (in.toString().equals("/.")) {
                in.replace(0, 2, "/");
            } else if (startsWith(in, "/../") || in.toString().equals("/..")) {
                in.replace(0, startsWith(in, "/../") ? 4 : 3, "/");
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(last, 0));
            } else {
                int next = in.indexOf("/", 1);
                int end = next < 0 ? in.length() : next;
                out.append(in, 0, end);
                in.delete(0, end);
            }
        }
        return out.toString();
    }

    private static boolean startsWith(StringBuilder s, String prefix) {
        return s.length() >= prefix.length() && s.substring(0, prefix.length()).equals(prefix);
    }
}
