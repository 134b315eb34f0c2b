package dev.gatecheck.benchmarks.load;

import dev.gatecheck.auth.Identity;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code GET /api/users}, doing what the servlet demo's {@code UsersServlet} does (the demo's classes are
 * package-private in {@code examples}): it answers, as JSON, what the application sees of the caller through the
 * standard Servlet API only — remote user, the {@link Identity} principal's org, roles and scopes, the identity
 * headers and whether {@code Authorization} is visible. The same servlet runs with and without Gatecheck.
 */
final class UsersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final List<String> IDENTITY_HEADERS = List.of("X-User-ID", "X-User-Org", "X-User-Roles");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = (json(seenBy(request)) + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static Map<String, Object> seenBy(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        Identity identity = principal instanceof Identity i ? i : null;
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("user", request.getRemoteUser());
        seen.put("org", identity == null ? null : identity.org().orElse(null));
        seen.put("roles", identity == null ? List.of() : new ArrayList<>(new TreeSet<>(identity.roles())));
        seen.put("scopes", identity == null ? List.of() : new ArrayList<>(new TreeSet<>(identity.scopes())));
        Map<String, Object> headers = new LinkedHashMap<>();
        IDENTITY_HEADERS.forEach(name -> headers.put(name, request.getHeader(name)));
        seen.put("headers", headers);
        seen.put("authorization_visible", request.getHeader("Authorization") != null);
        return seen;
    }

    /** Just enough JSON (the demo's): strings, booleans, null, lists and objects; no escaping needed here. */
    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(UsersServlet::json).collect(Collectors.joining(",", "[", "]"));
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
