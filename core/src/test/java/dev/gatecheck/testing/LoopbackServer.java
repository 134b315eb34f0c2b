package dev.gatecheck.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server on 127.0.0.1 (an ephemeral port) standing in for JWKS and PEM-by-kid key URLs. It answers
 * the exact paths it was given and 404 elsewhere, and remembers every raw path requested.
 */
public final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    private LoopbackServer(HttpServer server) {
        this.server = server;
    }

    public static LoopbackServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            LoopbackServer loopback = new LoopbackServer(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getRawPath();
                loopback.requested.add(path);
                byte[] body = loopback.bodies.get(path);
                Integer status = loopback.statuses.get(path);
                if (status != null) {
                    exchange.sendResponseHeaders(status, -1);
                } else if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code body} at exactly {@code path}. */
    public LoopbackServer serve(String path, String body) {
        bodies.put(path, body.getBytes(StandardCharsets.UTF_8));
        statuses.remove(path);
        return this;
    }

    /** Answers {@code status} without a body at exactly {@code path} (until {@link #serve} is called for it). */
    public LoopbackServer fail(String path, int status) {
        statuses.put(path, status);
        return this;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How many requests asked for a path starting with {@code prefix}. */
    public long requests(String prefix) {
        return requested.stream().filter(p -> p.startsWith(prefix)).count();
    }

    /** Every requested raw path, in order. */
    public List<String> requestedPaths() {
        return List.copyOf(requested);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
