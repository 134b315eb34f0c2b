package dev.gatecheck.benchmarks;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A warm request (cached token) against a small configuration (5 routes, 1 issuer) and a large one (500 routes,
 * 50 issuers): route matching is a few lookups per path segment and the issuer a map lookup, so the large one
 * should cost about the same. Each route has an exact path and a prefix; the request's route is one of the last.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ConfigurationScaleBenchmark {

    /** Routes and issuers, e.g. {@code 500x50}. */
    @Param({"5x1", "500x50"})
    public String size;

    private Gatecheck gatecheck;
    private AuthRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        int routes = Integer.parseInt(size.substring(0, size.indexOf('x')));
        int issuers = Integer.parseInt(size.substring(size.indexOf('x') + 1));
        Fixture fixture = Fixture.create("RS256", 1024);
        GatecheckConfig.Builder config = GatecheckConfig.builder()
                .jwt(j -> j.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE).jwks(fixture.jwks));
        for (int i = 1; i < issuers; i++) {
            String name = "tenant" + i;
            config.issuer(name, j -> j.issuer("https://" + name + ".bench.gatecheck.dev").audiences(Fixture.AUDIENCE)
                    .jwks(fixture.jwks));
        }
        for (int i = 0; i < routes; i++) {
            config.route(new Route("service" + i, List.of("/service" + i + "/items", "/service" + i + "/admin/*"),
                    Set.of(), AuthMode.TOKEN, Requirements.NONE));
        }
        gatecheck = Gatecheck.create(config.build());
        request = AuthRequest.builder("GET", "/service" + (routes - 1) + "/admin/users/42").bearer(fixture.token)
                .build();
        Engines.allowed("configuration " + size, gatecheck.authenticate(request));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gatecheck.close();
    }

    @Benchmark
    public Object warmRequest() {
        return gatecheck.authenticate(request);
    }
}
