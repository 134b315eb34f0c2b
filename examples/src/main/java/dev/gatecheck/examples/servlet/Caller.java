package dev.gatecheck.examples.servlet;

import dev.gatecheck.auth.Identity;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What the application sees of its caller, as the demo's JSON: only standard Servlet API calls and the principal. */
final class Caller {
    static final List<String> IDENTITY_HEADERS = List.of("X-User-ID", "X-User-Org", "X-User-Roles");

    private Caller() {
    }

    /**
     * {@code {"user":..,"org":..,"roles":[..],"scopes":[..],"headers":{..},"authorization_visible":..}}, with
     * {@code null} for what is absent.
     */
    static Map<String, Object> seenBy(HttpServletRequest request) {
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
}
