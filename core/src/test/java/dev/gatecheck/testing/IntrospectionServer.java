package dev.gatecheck.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * An RFC 7662 introspection endpoint on 127.0.0.1 for tests (the JDK {@link HttpServer} on a free port): it knows
 * the tokens it was told about ({@link #activate}), answers {@code {"active":false}} for every other one, checks the
 * client's authentication (HTTP Basic by default, or any check a test gives, e.g. a {@code private_key_jwt}
 * verifier), counts calls, and switches into the faults a broken endpoint shows. A {@link Fault#HANG} or a
 * {@link #pause()} holds its request until released or {@link #close()} (at most 30 s).
 */
public final class IntrospectionServer implements AutoCloseable {
    /** The endpoint's path. */
    public static final String PATH = "/introspect";

    /** How the endpoint answers. */
    public enum Fault {
        /** The answers it was given. */
        NONE,
        /** 500 with a text body. */
        STATUS_500,
        /** 200 with an HTML error page, as a misconfigured proxy sends. */
        HTML,
        /** Never answers (until released, at most 30 s). */
        HANG,
        /** 200 with a 1 MiB JSON body. */
        HUGE_BODY,
        /** 302 to a path that would answer {@code active: true}. */
        REDIRECT,
        /** 200 with {@code "active":"true"}: a string, not a boolean. */
        ACTIVE_AS_STRING
    }

    /** One request as received: the form fields and the {@code Authorization} header (or null). */
    public record Call(Map<String, String> form, String authorization) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedClients = new AtomicInteger();
    private volatile BiPredicate<Map<String, String>, String> clientCheck;
    private volatile Fault fault = Fault.NONE;
    private volatile CountDownLatch paused = new CountDownLatch(0);

    private record Answer(String contentType, String body) {
    }

    static {
        // Headers and body go out as one segment, not two held apart by Nagle and the client's delayed ACK
        // (40 ms a call); read once per JVM, so set before the first JDK HttpServer starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private IntrospectionServer(String clientId, String clientSecret) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.clientCheck = (form, authorization) -> expected.equals(authorization);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "introspection-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An endpoint accepting the client {@code clientId} with {@code clientSecret} over HTTP Basic. */
    public static IntrospectionServer start(String clientId, String clientSecret) {
        IntrospectionServer server = new IntrospectionServer(clientId, clientSecret);
        JwksServer.warmUpHttpClient(java.net.URI.create(server.base() + "/warm-up"));
        return server;
    }

    /** Accepts a client when {@code check} holds for the form fields and the {@code Authorization} header. */
    public IntrospectionServer clientCheck(BiPredicate<Map<String, String>, String> check) {
        this.clientCheck = check;
        return this;
    }

    /** Answers {@code {"active":true,<claims>}} for {@code token}; {@code claims} are JSON members (may be empty). */
    public IntrospectionServer activate(String token, String claims) {
        return answer(token, "application/json", "{\"active\":true" + (claims.isEmpty() ? "" : "," + claims) + "}");
    }

    /** Answers {@code body} of {@code contentType} for {@code token}. */
    public IntrospectionServer answer(String token, String contentType, String body) {
        answers.put(token, new Answer(contentType, body));
        return this;
    }

    /** From now on {@code token} is {@code {"active":false}} (revoked at the issuer). */
    public IntrospectionServer deactivate(String token) {
        answers.remove(token);
        return this;
    }

    /** Switches the endpoint into {@code fault}. */
    public IntrospectionServer fault(Fault fault) {
        this.fault = fault;
        return this;
    }

    /** Holds every answer from now on until {@link #resume()} (or {@link #close()}, at most 30 s). */
    public IntrospectionServer pause() {
        paused = new CountDownLatch(1);
        return this;
    }

    /** Lets held and later answers go. */
    public IntrospectionServer resume() {
        paused.countDown();
        return this;
    }

    /** Introspection requests received so far (client refused or not). */
    public int calls() {
        return calls.size();
    }

    /** Every request received so far, in order. */
    public List<Call> received() {
        return List.copyOf(calls);
    }

    /** Requests whose client authentication failed (answered 401 {@code invalid_client}). */
    public int refusedClients() {
        return refusedClients.get();
    }

    /** {@code http://127.0.0.1:<port>/introspect}. */
    public String uri() {
        return base() + PATH;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH) || !exchange.getRequestMethod().equals("POST")) {
                JwksServer.send(exchange, 404, "text/plain", "not found");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            calls.add(new Call(form, authorization));
            await(paused);
            if (!clientCheck.test(form, authorization)) {
                refusedClients.incrementAndGet();
                JwksServer.send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
                return;
            }
            switch (fault) {
                case STATUS_500 -> JwksServer.send(exchange, 500, "text/plain", "internal error");
                case HTML -> JwksServer.send(exchange, 200, "text/html",
                        "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>");
                case HANG -> {
                    await(release);
                    JwksServer.send(exchange, 500, "text/plain", "too late");
                }
                case HUGE_BODY -> {
                    char[] padding = new char[1024 * 1024];
                    Arrays.fill(padding, 'a');
                    JwksServer.send(exchange, 200, "application/json", "{\"active\":true,\"pad\":\"" + new String(padding) + "\"}");
                }
                case REDIRECT -> {
                    exchange.getResponseHeaders().set("Location", base() + "/moved" + PATH);
                    exchange.sendResponseHeaders(302, -1);
                }
                case ACTIVE_AS_STRING -> JwksServer.send(exchange, 200, "application/json", "{\"active\":\"true\",\"sub\":\"x\"}");
                case NONE -> {
                    Answer answer = answers.getOrDefault(String.valueOf(form.get("token")),
                            new Answer("application/json", "{\"active\":false}"));
                    JwksServer.send(exchange, 200, answer.contentType(), answer.body());
                }
            }
        } catch (IOException clientWentAway) {
            // the client gave up (timeout, body cap): nothing to answer
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases held requests and stops the server and its threads. */
    @Override
    public void close() {
        release.countDown();
        paused.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
