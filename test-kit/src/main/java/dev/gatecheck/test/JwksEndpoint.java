package dev.gatecheck.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The issuer's OIDC discovery document and JWKS on a free port of 127.0.0.1 (the JDK's HTTP server), as an
 * identity provider serves them: {@code <path>/.well-known/openid-configuration} and {@code <path>/jwks}.
 */
final class JwksEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final String path;

    JwksEndpoint(String path, Supplier<String> jwks) {
        this.path = path;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "gatecheck-test-jwks");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(path + "/.well-known/openid-configuration", exchange -> send(exchange,
                Json.write(Map.of("issuer", issuer(), "jwks_uri", jwksUri()))));
        server.createContext(path + "/jwks", exchange -> send(exchange, jwks.get()));
        server.start();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    String issuer() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + path;
    }

    String jwksUri() {
        return issuer() + "/jwks";
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
