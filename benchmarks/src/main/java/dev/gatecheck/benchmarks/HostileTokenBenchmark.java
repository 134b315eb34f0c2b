package dev.gatecheck.benchmarks;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hostile tokens refused by the strict pre-check, before any key lookup or signature work, through
 * {@code Gatecheck.authenticate} on a token route of an engine configured as deployed (RS256 JWKS, verified-token
 * cache on, so each refusal also pays the cache miss). Compare with {@code VerifyBenchmark.gatecheckCold} for
 * RS256 at 1024 characters: the target is under 5% of it. Every hostile token is about 1 KB, like the valid one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HostileTokenBenchmark {
    private Gatecheck gatecheck;
    private AuthRequest twoSegments;
    private AuthRequest headerNotJson;
    private AuthRequest algNone;
    private AuthRequest algHs256;
    private AuthRequest standardAlphabet;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Fixture fixture = Fixture.create("RS256", 1024);
        gatecheck = Engines.gatecheck(fixture, true);
        String[] parts = fixture.token.split("\\.");

        // Malformed: the signature segment is missing.
        twoSegments = Engines.request(parts[0] + "." + parts[1]);
        // Malformed: the header is not JSON (truncated object).
        headerNotJson = Engines.request(Fixture.b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",") + "." + parts[1] + "."
                + parts[2]);
        // Disallowed alg: an unsecured token.
        algNone = Engines.request(Fixture.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
        // Disallowed alg: algorithm confusion, HS256 keyed with the public key's published bytes.
        String input = Fixture.b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + Fixture.KID + "\"}") + "."
                + parts[1];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(fixture.jwks.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        algHs256 = Engines.request(input + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII))));

        // Malformed: a character of the standard base64 alphabet in the middle of the payload, which only the
        // decoder sees (the JDK's decoder throws on it, so this is the cost of that exception).
        char[] payload = parts[1].toCharArray();
        payload[payload.length / 2] = '+';
        standardAlphabet = Engines.request(parts[0] + "." + new String(payload) + "." + parts[2]);

        // The engine accepts the genuine token, and refuses each hostile one for the pre-check's reason.
        Engines.allowed("hostile setup", gatecheck.authenticate(Engines.request(fixture.token)));
        Engines.denied("two segments", gatecheck.authenticate(twoSegments), "malformed");
        Engines.denied("header not JSON", gatecheck.authenticate(headerNotJson), "malformed");
        Engines.denied("alg none", gatecheck.authenticate(algNone), "alg_not_allowed");
        Engines.denied("alg HS256", gatecheck.authenticate(algHs256), "alg_not_allowed");
        Engines.denied("standard alphabet", gatecheck.authenticate(standardAlphabet), "malformed");
    }

    private Decision refuse(AuthRequest request) {
        Decision decision = gatecheck.authenticate(request);
        if (!(decision instanceof Decision.Deny)) {
            throw new IllegalStateException("a hostile token was accepted");
        }
        return decision;
    }

    @Benchmark
    public void malformedTwoSegments(Blackhole bh) {
        bh.consume(refuse(twoSegments));
    }

    @Benchmark
    public void malformedHeaderNotJson(Blackhole bh) {
        bh.consume(refuse(headerNotJson));
    }

    @Benchmark
    public void algNone(Blackhole bh) {
        bh.consume(refuse(algNone));
    }

    @Benchmark
    public void algHs256(Blackhole bh) {
        bh.consume(refuse(algHs256));
    }

    @Benchmark
    public void malformedStandardAlphabet(Blackhole bh) {
        bh.consume(refuse(standardAlphabet));
    }
}
