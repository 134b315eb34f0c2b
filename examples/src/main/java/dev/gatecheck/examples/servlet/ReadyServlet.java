package dev.gatecheck.examples.servlet;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.events.Health;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /ready}, a readiness probe (README "Operating Gatecheck"): {@link Gatecheck#health()} as JSON, 200 while
 * it is UP or DEGRADED, 503 when a key source is DOWN (its tokens would get 503 too).
 */
public final class ReadyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Gatecheck gatecheck;

    public ReadyServlet(Gatecheck gatecheck) {
        this.gatecheck = gatecheck;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Health health = gatecheck.health();
        response.setHeader("Cache-Control", "no-store");
        JsonResponse.send(response, health.ready() ? 200 : 503, "application/json", health.json() + "\n");
    }
}
