package dev.gatecheck.benchmarks;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.micrometer.GatecheckMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of Gatecheck's meters: {@code VerifyBenchmark}'s cold and warm requests through an engine whose
 * configuration holds {@link GatecheckMeters} on a Prometheus registry (every decision counted, every verification
 * timed into a histogram). Compare with {@code VerifyBenchmark.gatecheckCold} and {@code gatecheckWarm} of the same
 * run, which have no listener.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ListenerBenchmark {

    @Param({"RS256"})
    public String alg;

    @Param({"1024"})
    public int tokenSize;

    private PrometheusMeterRegistry registry;
    private Gatecheck cold;
    private Gatecheck warm;
    private AuthRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        Fixture fixture = Fixture.create(alg, tokenSize);
        request = Engines.request(fixture.token);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        cold = Gatecheck.create(config(fixture).tokenCacheMaxSize(0).build());
        warm = Gatecheck.create(config(fixture).build());
        Engines.allowed("Gatecheck cold with meters", cold.authenticate(request));
        Engines.allowed("Gatecheck warm with meters", warm.authenticate(request));
        if (!registry.scrape().contains("gatecheck_requests_total")) {
            throw new IllegalStateException("the meters did not count the sanity check's requests");
        }
    }

    private GatecheckConfig.Builder config(Fixture fixture) {
        return GatecheckConfig.builder().jwt(j -> j.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE)
                .jwks(fixture.jwks)).listener(new GatecheckMeters(registry));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cold.close();
        warm.close();
    }

    /** {@code VerifyBenchmark.gatecheckCold} with the meters: signature verified, decision counted and timed. */
    @Benchmark
    public void gatecheckColdWithMeters(Blackhole bh) {
        bh.consume(allowed(cold.authenticate(request)));
    }

    /** {@code VerifyBenchmark.gatecheckWarm} with the meters: a cache hit, counted and timed. */
    @Benchmark
    public void gatecheckWarmWithMeters(Blackhole bh) {
        bh.consume(allowed(warm.authenticate(request)));
    }

    private static Decision allowed(Decision decision) {
        if (!(decision instanceof Decision.Allow)) {
            throw new IllegalStateException(Engines.describe(decision));
        }
        return decision;
    }
}
