package dev.gatecheck.servlet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Spellings of one request path, generated for the differential tests: each mutation is applied to every
 * segment in turn, those of the context path included, and to the path as a whole. The spellings are request
 * targets to be sent as they are; {@value #AUTHORITY} stands for the server's {@code host:port} in absolute-form
 * targets.
 */
final class PathSpellings {
    static final String AUTHORITY = "{authority}";

    /** What one segment may become: the segments (and separators) written in its place. */
    private static final List<UnaryOperator<String>> SEGMENT = List.of(
            s -> s + ";p",                       // path parameters
            s -> s + ";",
            s -> s + ";a=1;b",
            s -> "%" + hex(s.charAt(0)) + s.substring(1),              // an escaped letter
            s -> escapeAll(s).toUpperCase(Locale.ROOT),                 // every letter escaped, upper-case hex
            s -> "%25" + hex(s.charAt(0)) + s.substring(1),             // double encoding
            s -> "./" + s,                        // dot segments before it
            s -> "x/../" + s,
            s -> "%2e/" + s,
            s -> "x/%2E%2E/" + s,
            s -> "x/.%2e/" + s,
            s -> "x/..;/" + s,
            s -> "x/..;p/" + s,
            s -> "x//../" + s,                    // .. after an empty segment: merged first, or popping it
            s -> "secret//../" + s,
            s -> "%252e/" + s,                    // a double-encoded dot segment
            s -> "/" + s,                         // an empty segment
            s -> s.toUpperCase(Locale.ROOT),      // case
            s -> "%c0%ae/" + s,                   // overlong UTF-8 dots
            s -> "x/%c0%ae%c0%ae/" + s,
            s -> "x%c0%af../" + s,                // an overlong slash
            s -> "\\" + s,                        // other separators: \, %2f, %5c
            s -> "x/..\\" + s,
            s -> "x%2f..%2f" + s,
            s -> "x%5c..%5c" + s,
            s -> s + "%ff",                       // invalid UTF-8
            s -> s + "%c3",
            s -> s + ".",                         // trailing dot, space, control characters
            s -> s + "%2e",
            s -> s + "%20",
            s -> s + "%00",
            s -> s + "%09",
            s -> "%u00" + hex(s.charAt(0)) + s.substring(1));       // IIS-style escape

    /** What the whole path may become. */
    private static final List<UnaryOperator<String>> WHOLE = List.of(
            p -> p,
            p -> p + "/",
            p -> p + "/.",
            p -> p + "/..",
            p -> p + "/./",
            p -> p + "/%2e",
            p -> p + "/x/..",
            p -> p + ";x",
            p -> p + "//",
            p -> p + "?q=/../secret",
            p -> "/" + p,
            p -> "/." + p,
            p -> "/x/.." + p,
            p -> "http://" + AUTHORITY + p,
            p -> "HTTP://" + AUTHORITY + p,
            p -> "http://" + AUTHORITY + "/." + p,
            p -> "http://" + AUTHORITY + "/x/.." + p,
            p -> "http://" + AUTHORITY + "/" + p);

    private PathSpellings() {
    }

    /** The spellings of {@code path} (normal, below {@code contextPath}), in a stable order, without repeats. */
    static List<String> of(String contextPath, String path) {
        String whole = contextPath + path;
        List<String> segments = List.of(whole.substring(1).split("/", -1));
        Set<String> spellings = new LinkedHashSet<>();
        WHOLE.forEach(m -> spellings.add(m.apply(whole)));
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).isEmpty()) {
                continue;
            }
            for (UnaryOperator<String> mutation : SEGMENT) {
                List<String> mutated = new ArrayList<>(segments);
                mutated.set(i, mutation.apply(segments.get(i)));
                spellings.add("/" + String.join("/", mutated));
            }
        }
        return List.copyOf(spellings);
    }

    private static String hex(char c) {
        return String.format("%02x", (int) c);
    }

    private static String escapeAll(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(String.format("%02x", b));
        }
        return out.toString();
    }
}
