package dev.gatecheck.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Normalises a raw request path the way servlet containers resolve it, so no spelling reaches a resource
 * while escaping its route: path parameters ({@code ;jsessionid=..}) are removed from every segment, percent
 * escapes decoded (UTF-8), empty segments ({@code //}) merged, {@code .} and {@code ..} resolved (a last segment
 * that is empty, {@code .} or {@code ..} leaves a trailing {@code /}, as in RFC 3986).
 * Ambiguous input is refused instead of guessed: an encoded {@code /}, {@code \}, {@code ;} or {@code %},
 * control characters, invalid UTF-8, and {@code ..} above the root. Matching stays case-sensitive, like
 * servlet mappings: {@code /ADMIN} is a different path from {@code /admin}.
 */
public final class RequestPath {
    private RequestPath() {
    }

    /**
     * The path to decide on: {@link #within(String, String)}, checked against {@code dispatched}, the path below
     * the context that the container dispatches the request to (decoded; for a servlet container the servlet path
     * followed by the path info), when the adapter knows it. The container's form is taken when it is that normal
     * form up to a trailing {@code /} (containers differ on that one), or, for a path ending with {@code /}, that
     * path with one more segment (a welcome file the container serves the directory with). Empty otherwise: the
     * container reads this spelling another way than Gatecheck does (a URI compliance mode that keeps {@code //}
     * before {@code ..}, say), and what it serves could be guarded by another route than the one decided.
     */
    public static Optional<String> within(String rawPath, String contextPath, Optional<String> dispatched) {
        Optional<String> path = within(rawPath, contextPath);
        if (path.isEmpty() || dispatched.isEmpty()) {
            return path;
        }
        String normal = path.get();
        String served = dispatched.get().isEmpty() ? "/" : dispatched.get();
        boolean same = withoutTrailingSlash(normal).equals(withoutTrailingSlash(served));
        boolean welcome = normal.endsWith("/") && served.startsWith(normal) && served.length() > normal.length()
                && served.indexOf('/', normal.length()) < 0;
        return same || welcome ? Optional.of(served) : Optional.empty();
    }

    /**
     * The normal form of {@code rawPath} (the whole path as the client sent it) below {@code contextPath} (where
     * the application is deployed: decoded, canonical, empty for the root), with a leading {@code /}; empty when
     * the path is ambiguous or malformed, or when its normal form is not below the context path. The whole path is
     * resolved before the context is removed, as the container resolves it, so a dot segment or an escape before
     * or inside the context path ({@code /./app/admin}, {@code /a/./b/admin}) cannot shift the path decided on.
     */
    public static Optional<String> within(String rawPath, String contextPath) {
        Optional<String> path = normalise(rawPath);
        String context = contextPath.equals("/") ? "" : contextPath;
        if (path.isEmpty() || context.isEmpty()) {
            return path;
        }
        String normal = path.get();
        if (normal.equals(context) || normal.equals(context + "/")) {
            return Optional.of("/");
        }
        return normal.startsWith(context + "/") ? Optional.of(normal.substring(context.length())) : Optional.empty();
    }

    private static String withoutTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The normal form of {@code raw}, or empty when it is ambiguous or malformed. */
    public static Optional<String> normalise(String raw) {
        // Most paths are already normal: one scan instead of splitting, decoding and joining on every request.
        return isPlain(raw) ? Optional.of(raw) : resolve(raw);
    }

    /**
     * True when {@code raw} is its own normal form: it starts with {@code /}, and has no escape, path parameter,
     * backslash or control character, and no {@code /} followed by {@code /} or {@code .} (conservatively: a
     * {@code /.well-known} segment takes the full way, with the same result).
     */
    static boolean isPlain(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '%' || c == ';' || c == '\\') {
                return false;
            }
            if (c == '/' && i + 1 < raw.length() && (raw.charAt(i + 1) == '/' || raw.charAt(i + 1) == '.')) {
                return false;
            }
        }
        return true;
    }

    /** {@link #normalise} the full way: segment by segment. */
    static Optional<String> resolve(String raw) {
        if (raw.isEmpty()) {
            return Optional.of("/");
        }
        if (raw.charAt(0) != '/') {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        boolean directory = false;
        int start = 1;
        while (start <= raw.length()) {
            int end = raw.indexOf('/', start);
            if (end < 0) {
                end = raw.length();
            }
            String segment = raw.substring(start, end);
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                segment = segment.substring(0, semicolon);
            }
            String decoded = decode(segment);
            if (decoded == null) {
                return Optional.empty();
            }
            if (decoded.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else if (!decoded.isEmpty() && !decoded.equals(".")) {
                segments.addLast(decoded);
            }
            // As in RFC 3986 (5.2.4): a last segment that is empty or a dot segment leaves a trailing /.
            directory = decoded.isEmpty() || decoded.equals(".") || decoded.equals("..");
            start = end + 1;
        }
        if (segments.isEmpty()) {
            return Optional.of("/");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        if (directory) {
            out.append('/');
        }
        return Optional.of(out.toString());
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return hasControl(segment) || segment.indexOf('\\') >= 0 ? null : segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                if (c > 0x7F) {
                    bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                } else {
                    bytes.write(c);
                }
                continue;
            }
            if (i + 2 >= segment.length()) {
                return null;
            }
            char hi = segment.charAt(i + 1);
            char lo = segment.charAt(i + 2);
            if (!HexFormat.isHexDigit(hi) || !HexFormat.isHexDigit(lo)) { // ASCII only, unlike Character.digit
                return null;
            }
            int b = HexFormat.fromHexDigit(hi) * 16 + HexFormat.fromHexDigit(lo);
            if (b == '/' || b == '\\' || b == ';' || b == '%') {
                return null;
            }
            bytes.write(b);
            i += 2;
        }
        String decoded = Utf8.decode(bytes.toByteArray(), 0, bytes.size());
        return decoded == null || hasControl(decoded) || decoded.indexOf('\\') >= 0 ? null : decoded;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
