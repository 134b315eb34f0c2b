package dev.gatecheck.benchmarks;

import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.route.AuthMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * Gateway mode: a request whose identity headers ({@code X-User-ID}, {@code X-User-Org}, {@code X-User-Roles}) a
 * gateway signed with Gatecheck's RFC 9421 {@code hmac} marker, through {@code Gatecheck.authenticate} on a gateway
 * route: structured-field parsing of {@code Signature-Input}/{@code Signature}, the {@code created} window, the
 * signature base, HMAC-SHA256 and the identity. Nothing is cached: every request is verified in full.
 *
 * <p>The marker's {@code created} must lie within the 60 s tolerance of the engine's (system) clock, so the request
 * is signed afresh before each iteration and checked after it: keep iterations well under a minute.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GatewayBenchmark {
    private static final String QUERY = "page=2&size=50";

    private Gatecheck gatecheck;
    private GatewaySigner signer;
    private Map<String, String> identityHeaders;
    private AuthRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        // Every route table also verifies presented tokens, so an issuer is configured even in gateway mode.
        Fixture fixture = Fixture.create("RS256", 1024);
        gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .mode(AuthMode.GATEWAY)
                .gateway(g -> g.markers(GatewayConfig.Marker.HMAC).hmacKey("gw", secret))
                .jwt(j -> j.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE).jwks(fixture.jwks))
                .build());
        signer = new GatewaySigner("gw", secret, Clock.systemUTC());
        identityHeaders = new LinkedHashMap<>();
        identityHeaders.put("X-User-ID", Fixture.SUBJECT);
        identityHeaders.put("X-User-Org", "acme");
        identityHeaders.put("X-User-Roles", "user,buyer");

        sign();
        Engines.allowed("gateway", gatecheck.authenticate(request));
        // The same signature over a different user must be refused.
        Map<String, String> spoofed = new LinkedHashMap<>(identityHeaders);
        spoofed.put("X-User-ID", "mallory");
        Decision decision = gatecheck.authenticate(build(spoofed,
                signer.sign(Engines.METHOD, Engines.PATH, Optional.of(QUERY), identityHeaders)));
        if (!(decision instanceof Decision.Deny)) {
            throw new IllegalStateException("gateway: a spoofed identity header was accepted");
        }
    }

    /** A freshly signed request ({@code created} = now). */
    @Setup(Level.Iteration)
    public void sign() {
        request = build(identityHeaders, signer.sign(Engines.METHOD, Engines.PATH, Optional.of(QUERY), identityHeaders));
    }

    /** The signature must still have been fresh at the end of the iteration, or the numbers measured refusals. */
    @TearDown(Level.Iteration)
    public void stillAccepted() {
        Engines.allowed("gateway (iteration longer than the 60 s tolerance?)", gatecheck.authenticate(request));
    }

    private static AuthRequest build(Map<String, String> identity, Map<String, String> signature) {
        var builder = AuthRequest.builder(Engines.METHOD, Engines.PATH).query(QUERY).peerAddress("10.0.0.7");
        identity.forEach(builder::header);
        signature.forEach(builder::header);
        return builder.build();
    }

    @Benchmark
    public void hmacMarker(Blackhole bh) {
        Decision decision = gatecheck.authenticate(request);
        if (!(decision instanceof Decision.Allow)) {
            throw new IllegalStateException(Engines.describe(decision));
        }
        bh.consume(decision);
    }
}
