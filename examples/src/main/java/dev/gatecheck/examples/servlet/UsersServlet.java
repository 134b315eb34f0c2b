package dev.gatecheck.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/users} and {@code GET /api/users/{id}}: answers what the application sees of the caller
 * ({@link Caller#seenBy}), with the {@code id} first for a single user.
 */
final class UsersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathInfo = request.getPathInfo();
        if (pathInfo == null || pathInfo.equals("/")) {
            JsonResponse.send(response, 200, Caller.seenBy(request));
            return;
        }
        String id = pathInfo.substring(1);
        if (id.contains("/")) {
            JsonResponse.send(response, 404, Map.of("error", "not_found"));
            return;
        }
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.putAll(Caller.seenBy(request));
        JsonResponse.send(response, 200, user);
    }
}
