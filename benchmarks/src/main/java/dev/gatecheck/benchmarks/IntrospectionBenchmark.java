package dev.gatecheck.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.GatecheckConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * An opaque token through {@code Gatecheck.authenticate}, introspected (RFC 7662) at a JDK HTTP server on loopback:
 * cold (the cache off, {@code gatecheck.introspection.cache-ttl=0}: a form POST with Basic client authentication,
 * the strict JSON read, the claim rules and the identity on every request) and cached (the SHA-256 of the token, a
 * cache hit, the claim rules and the identity headers), beside a JWT answered from the verified-token cache, the
 * cost the cached introspection is measured against (the issue's target: within 2x).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IntrospectionBenchmark {
    private static final String OPAQUE = "op_4f0c9e2b7a1d4c8e9b3f6a2d5c7e1b90";
    private static final String CLIENT = "orders-api";
    private static final String SECRET = "a-client-secret-for-the-benchmark";

    private HttpServer server;
    private ExecutorService serverThreads;
    private Gatecheck cold;
    private Gatecheck cached;
    private Gatecheck jwt;
    private AuthRequest opaqueRequest;
    private AuthRequest jwtRequest;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        long exp = System.currentTimeMillis() / 1000 + 3600;
        byte[] answer = ("{\"active\":true,\"sub\":\"" + Fixture.SUBJECT + "\",\"iss\":\"" + Fixture.ISSUER
                + "\",\"aud\":\"" + Fixture.AUDIENCE + "\",\"scope\":\"orders:read\",\"exp\":" + exp + "}")
                .getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.createContext("/introspect", exchange -> {
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                out.write(answer);
            }
        });
        server.start();
        String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/introspect";
        Fixture fixture = Fixture.create("RS256", 1024);
        cold = engine(fixture, uri, Duration.ZERO);
        cached = engine(fixture, uri, Duration.ofMinutes(10));
        jwt = Engines.gatecheck(fixture, true);
        opaqueRequest = AuthRequest.builder(Engines.METHOD, Engines.PATH).bearer(OPAQUE).build();
        jwtRequest = Engines.request(fixture.token);
        check();
    }

    private static Gatecheck engine(Fixture fixture, String uri, Duration cacheTtl) {
        return Gatecheck.create(GatecheckConfig.builder()
                .introspectionCacheTtl(cacheTtl)
                .jwt(j -> j.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE).jwks(fixture.jwks)
                        .introspection(i -> i.uri(uri).clientId(CLIENT).clientSecret(SECRET)))
                .build());
    }

    /** Each engine accepts its token for the fixture's subject; cold answers anew, cached and the JWT from cache. */
    @TearDown(Level.Iteration)
    public void check() {
        Identity first = Engines.allowed("introspected cold", cold.authenticate(opaqueRequest)).identity().get();
        if (first == Engines.allowed("introspected cold", cold.authenticate(opaqueRequest)).identity().get()) {
            throw new IllegalStateException("introspected cold answered from a cache");
        }
        first = Engines.allowed("introspected cached", cached.authenticate(opaqueRequest)).identity().get();
        if (first != Engines.allowed("introspected cached", cached.authenticate(opaqueRequest)).identity().get()) {
            throw new IllegalStateException("introspected cached did not answer from its cache");
        }
        Engines.allowed("JWT cached", jwt.authenticate(jwtRequest));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cold.close();
        cached.close();
        jwt.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    /** An opaque token introspected on every request: one loopback call each. */
    @Benchmark
    public void introspectedCold(Blackhole bh) {
        bh.consume(allowed(cold.authenticate(opaqueRequest)));
    }

    /** The same opaque token answered from the introspection cache. */
    @Benchmark
    public void introspectedCached(Blackhole bh) {
        bh.consume(allowed(cached.authenticate(opaqueRequest)));
    }

    /** A JWT answered from the verified-token cache: the yardstick of {@link #introspectedCached}. */
    @Benchmark
    public void jwtCached(Blackhole bh) {
        bh.consume(allowed(jwt.authenticate(jwtRequest)));
    }

    private static Decision allowed(Decision decision) {
        if (!(decision instanceof Decision.Allow)) {
            throw new IllegalStateException(Engines.describe(decision));
        }
        return decision;
    }
}
