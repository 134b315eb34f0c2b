package dev.gatecheck.benchmarks.load;

import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The identity provider of the rotation scenario: a JWKS endpoint on 127.0.0.1 (the JDK's HTTP server) that serves
 * the current key, and {@code GET /_rotate?step=publish|retire} on the load server (loopback peers only) that moves
 * it through a rotation: {@code publish} serves the next key beside the current one, {@code retire} the next key
 * alone. The load client calls the steps at set times while it drives the server.
 */
final class RotatingJwks implements AutoCloseable {
    static final String ROTATE_PATH = "/_rotate";

    private final LoadTokens current;
    private final LoadTokens next;
    private final AtomicReference<String> served;
    private final HttpServer server;

    RotatingJwks(LoadTokens current, LoadTokens next) throws IOException {
        this.current = current;
        this.next = next;
        this.served = new AtomicReference<>(LoadTokens.jwks(current));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The JWKS URL the server's Gatecheck fetches. */
    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** The servlet of {@code /_rotate}. */
    HttpServlet control() {
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
                    response.sendError(403);
                    return;
                }
                String step = String.valueOf(request.getParameter("step"));
                switch (step) {
                    case "publish" -> served.set(LoadTokens.jwks(current, next));
                    case "retire" -> served.set(LoadTokens.jwks(next));
                    default -> {
                        response.sendError(400, "step is publish or retire");
                        return;
                    }
                }
                System.out.println("rotation: " + step);
                response.setContentType("text/plain");
                response.getWriter().println(step);
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
