package dev.gatecheck.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin}: the built-in configuration lets only role {@code admin} reach it. The servlet checks
 * nothing itself; it reports what it sees, including {@code isUserInRole("admin")}.
 */
final class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("area", "admin");
        answer.put("admin", request.isUserInRole("admin"));
        answer.putAll(Caller.seenBy(request));
        JsonResponse.send(response, 200, answer);
    }
}
