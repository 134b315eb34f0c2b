package dev.gatecheck.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.webhook.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * DPoP (RFC 9449): the cost of {@code Authorization: DPoP} with an ES256 proof made by Nimbus, next to a bearer
 * request with the same RS256 access token (1 KB), cold (verified-token cache off: the token's signature is
 * verified on every request) and warm (cache on: a token seen before). The issue's bound: a DPoP request costs at
 * most one proof signature verification ({@link #proofSignatureFloor}, raw JCA) more than a bearer one.
 *
 * <p>The proof is checked in full on every request (header, key ingest, signature, {@code htm}, {@code htu},
 * {@code iat}, {@code ath}, {@code cnf.jkt}) and its {@code jti} goes through an in-memory replay store. To send
 * one proof many times, the store used here records each call under a key of its own (the same work as the
 * default store, never a replay); the proof is made again before each iteration, so its {@code iat} stays within
 * {@code gatecheck.dpop.max-age} (60 s) of the system clock: keep iterations well under a minute.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DpopBenchmark {
    private static final String ORIGIN = "https://api.bench.gatecheck.dev";

    private Gatecheck cold;
    private Gatecheck warm;
    private ECKey proofKey;
    private ECPublicKey proofPublicKey;
    private String boundToken;
    private AuthRequest bearer;
    private AuthRequest dpop;
    private byte[] proofSigningInput;
    private byte[] proofSignature;

    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        Fixture fixture = Fixture.create("RS256", 1024);
        proofKey = new ECKeyGenerator(Curve.P_256).generate();
        proofPublicKey = proofKey.toECPublicKey();
        Map<String, Object> claims = new LinkedHashMap<>();
        long now = System.currentTimeMillis() / 1000;
        claims.put("iss", Fixture.ISSUER);
        claims.put("sub", Fixture.SUBJECT);
        claims.put("aud", Fixture.AUDIENCE);
        claims.put("exp", now + 3600);
        claims.put("iat", now);
        claims.put("cnf", Map.of("jkt", proofKey.computeThumbprint().toString()));
        boundToken = Fixture.sign("RS256", fixture.keyPair.getPrivate(), claims, 1024);
        cold = engine(fixture, false);
        warm = engine(fixture, true);
        bearer = Engines.request(fixture.token);
        prove();
        for (Gatecheck engine : List.of(cold, warm)) {
            Engines.allowed("bearer", engine.authenticate(bearer));
            Engines.allowed("dpop", engine.authenticate(dpop));
            Engines.denied("a bound token as bearer", engine.authenticate(Engines.request(boundToken)),
                    "dpop_bound_token_as_bearer");
        }
    }

    private static Gatecheck engine(Fixture fixture, boolean cache) {
        ReplayGuard store = ReplayGuard.inMemory(Clock.systemUTC(), 100_000);
        AtomicLong calls = new AtomicLong();
        GatecheckConfig.Builder config = GatecheckConfig.builder()
                .jwt(j -> j.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE).jwks(fixture.jwks))
                .replayGuard((namespace, key, window) -> store.firstSeen(namespace, key + calls.incrementAndGet(),
                        window));
        if (!cache) {
            config.tokenCacheMaxSize(0);
        }
        return Gatecheck.create(config.build());
    }

    /** A fresh proof ({@code iat} = now) for the DPoP request, and its signature for the JCA floor. */
    @Setup(Level.Iteration)
    public void prove() throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(proofKey.toPublicJWK()).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                .claim("htm", Engines.METHOD).claim("htu", ORIGIN + Engines.PATH).issueTime(new Date())
                .claim("ath", ath(boundToken)).build();
        SignedJWT proof = new SignedJWT(header, claims);
        proof.sign(new ECDSASigner(proofKey));
        String serialized = proof.serialize();
        dpop = AuthRequest.builder(Engines.METHOD, Engines.PATH).origin(ORIGIN)
                .header("Authorization", "DPoP " + boundToken).header("DPoP", serialized).build();
        proofSigningInput = serialized.substring(0, serialized.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        proofSignature = proof.getSignature().decode();
    }

    /** The proof must still have been fresh at the end of the iteration, or the numbers measured refusals. */
    @TearDown(Level.Iteration)
    public void stillAccepted() {
        Engines.allowed("dpop (iteration longer than the proof's 60 s?)", warm.authenticate(dpop));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cold.close();
        warm.close();
    }

    private static String ath(String token) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Decision allowed(Decision decision) {
        if (!(decision instanceof Decision.Allow)) {
            throw new IllegalStateException(Engines.describe(decision));
        }
        return decision;
    }

    /** The floor of what DPoP adds: raw JCA verification of the proof's ES256 signature. */
    @Benchmark
    public boolean proofSignatureFloor() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(proofPublicKey);
        verifier.update(proofSigningInput);
        return verifier.verify(proofSignature);
    }

    @Benchmark
    public void bearerCold(Blackhole bh) {
        bh.consume(allowed(cold.authenticate(bearer)));
    }

    @Benchmark
    public void dpopCold(Blackhole bh) {
        bh.consume(allowed(cold.authenticate(dpop)));
    }

    @Benchmark
    public void bearerWarm(Blackhole bh) {
        bh.consume(allowed(warm.authenticate(bearer)));
    }

    @Benchmark
    public void dpopWarm(Blackhole bh) {
        bh.consume(allowed(warm.authenticate(dpop)));
    }
}
