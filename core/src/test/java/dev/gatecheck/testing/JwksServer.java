package dev.gatecheck.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS (and OIDC discovery) endpoint on 127.0.0.1 for tests: the JDK {@link HttpServer} on a free port,
 * counting requests per path, switchable into the faults real identity providers show. A {@link Fault#HANG}
 * holds its request until {@link #close()} (at most 30 s), so no thread outlives the test.
 */
public final class JwksServer implements AutoCloseable {
    /** Paths under this prefix are the redirect targets and always answer normally. */
    public static final String MOVED = "/moved";
    private static final String WARM_UP = "/warm-up";

    /** How every path except {@link #MOVED} answers. */
    public enum Fault {
        /** Answers the published document. */
        NONE,
        /** 500 with a text body. */
        STATUS_500,
        /** 404. */
        STATUS_404,
        /** 200 with an HTML error page, as a misconfigured proxy sends. */
        HTML,
        /** 200 with truncated JSON. */
        INVALID_JSON,
        /** 200 with a 1 MiB JSON body. */
        HUGE_BODY,
        /** 302 to the same path under {@link #MOVED}, which serves a valid document. */
        REDIRECT,
        /** Never answers (until the test ends, at most 30 s). */
        HANG
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final java.util.Set<String> acceptHeaders = ConcurrentHashMap.newKeySet();
    private static boolean warmedUp;
    private volatile Fault fault = Fault.NONE;
    private volatile String cacheControl;
    private volatile CountDownLatch paused = new CountDownLatch(0);

    private JwksServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "jwks-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server on a free loopback port. */
    public static JwksServer start() {
        JwksServer server = new JwksServer(0);
        warmUpHttpClient(server.uri(WARM_UP));
        return server;
    }

    /**
     * The first exchange of the JDK HTTP client in a JVM loads and links a few hundred classes, which on a busy
     * machine can outlast the short timeouts the tests use. One exchange (on its own path, so no test's counts
     * change) makes that happen before any test measures anything.
     */
    static synchronized void warmUpHttpClient(URI anyPath) {
        if (warmedUp) {
            return;
        }
        try {
            java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(anyPath).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            warmedUp = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A server on {@code port} (one from {@link #freePort()}, for a cold start against a closed port). */
    public static JwksServer startOn(int port) {
        return new JwksServer(port);
    }

    /** A loopback port nothing listens on right now: connections to it are refused. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code json} at {@code path} (and at the same path under {@link #MOVED}). */
    public JwksServer serve(String path, String json) {
        documents.put(path, json);
        return this;
    }

    /** Switches every path except the {@link #MOVED} ones into {@code fault}. */
    public JwksServer fault(Fault fault) {
        this.fault = fault;
        return this;
    }

    /** The {@code Cache-Control} header of successful answers; null for none. */
    public JwksServer cacheControl(String value) {
        this.cacheControl = value;
        return this;
    }

    /** Holds every answer from now on until {@link #resume()} (or {@link #close()}, at most 30 s). */
    public JwksServer pause() {
        paused = new CountDownLatch(1);
        return this;
    }

    /** Lets held and later answers go. */
    public JwksServer resume() {
        paused.countDown();
        return this;
    }

    /** Requests received for {@code path} so far. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Every {@code Accept} header value received so far ({@code "null"} for none). */
    public java.util.Set<String> acceptHeaders() {
        return java.util.Set.copyOf(acceptHeaders);
    }

    /** Requests received for every path so far. */
    public int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The URL of {@code path} on this server. */
    public URI uri(String path) {
        return URI.create(base() + path);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (!path.equals(WARM_UP)) {
                acceptHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
            }
            try {
                paused.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean moved = path.startsWith(MOVED + "/");
            Fault current = moved ? Fault.NONE : fault;
            String document = documents.get(moved ? path.substring(MOVED.length()) : path);
            switch (current) {
                case STATUS_500 -> send(exchange, 500, "text/plain", "internal error");
                case STATUS_404 -> send(exchange, 404, "text/plain", "not found");
                case HTML -> send(exchange, 200, "text/html",
                        "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>");
                case INVALID_JSON -> send(exchange, 200, "application/json", "{\"keys\":[{\"kty\":\"RSA\",\"n\":");
                case HUGE_BODY -> {
                    char[] padding = new char[1024 * 1024];
                    Arrays.fill(padding, 'a');
                    send(exchange, 200, "application/json", "{\"keys\":[],\"pad\":\"" + new String(padding) + "\"}");
                }
                case REDIRECT -> {
                    exchange.getResponseHeaders().set("Location", base() + MOVED + path);
                    exchange.sendResponseHeaders(302, -1);
                }
                case HANG -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(exchange, 500, "text/plain", "too late");
                }
                case NONE -> {
                    if (document == null) {
                        send(exchange, 404, "text/plain", "not found");
                    } else {
                        String cc = cacheControl;
                        if (cc != null) {
                            exchange.getResponseHeaders().set("Cache-Control", cc);
                        }
                        send(exchange, 200, "application/json", document);
                    }
                }
            }
        } catch (IOException clientWentAway) {
            // the client gave up (timeout, body cap): nothing to answer
        }
    }

    /** Answers {@code status} with {@code body} of media type {@code type}. */
    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Releases hanging requests and stops the server and its threads. */
    @Override
    public void close() {
        release.countDown();
        paused.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
