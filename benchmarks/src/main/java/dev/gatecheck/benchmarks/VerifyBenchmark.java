package dev.gatecheck.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.internal.EngineResources;
import dev.gatecheck.internal.jwt.TokenProfile;
import dev.gatecheck.internal.jwt.TokenResult;
import dev.gatecheck.internal.jwt.TokenVerifier;
import dev.gatecheck.keys.JwksSettings;
import dev.gatecheck.keys.KeySources;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
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
 * One valid token, verified by every implementation with the same key: signature, then {@code exp}, {@code iss}
 * and {@code aud}. The raw JCA {@link Signature#verify} of the same signature is the floor nothing can go under.
 *
 * <p>Every implementation is built once, the way an application builds it at startup, and {@link #setUp} proves
 * before anything is measured that each one accepts the valid token and refuses a bad signature, a wrong issuer,
 * a wrong audience and an expired token, so none can look fast by skipping work or by failing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VerifyBenchmark {

    @Param({"RS256", "ES256"})
    public String alg;

    /** Length of the whole compact token in characters, reached with a padding claim. */
    @Param({"1024", "4096"})
    public int tokenSize;

    private Fixture fixture;
    private String token;

    private ThreadLocal<Signature> jca;

    private Gatecheck gatecheckCold;
    private Gatecheck gatecheckWarm;
    private TokenVerifier gatecheckVerifier;
    private AuthRequest request;

    private JwtConsumer jose4j;
    private DefaultJWTProcessor<SecurityContext> nimbus;
    private JwtParser jjwt;
    private JWTVerifier auth0;
    private DefaultJWTParser smallrye;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = Fixture.create(alg, tokenSize);
        token = fixture.token;
        request = Engines.request(token);

        jca = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance(Fixture.jcaName(alg));
                signature.initVerify(fixture.publicKey());
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });

        gatecheckCold = Engines.gatecheck(fixture, false);
        gatecheckWarm = Engines.gatecheck(fixture, true);
        var issuers = gatecheckCold.config().issuers();
        var clock = gatecheckCold.config().clock();
        gatecheckVerifier = new TokenVerifier(issuers, issuer -> KeySources.start(issuer.keys(), issuer.hmacKey(),
                issuer.algorithms(), JwksSettings.DEFAULTS, clock, new EngineResources()), clock, TokenProfile.BEARER,
                0, Duration.ofSeconds(60));

        // jose4j as commonly configured.
        jose4j = new JwtConsumerBuilder()
                .setVerificationKey(fixture.publicKey())
                .setExpectedIssuer(Fixture.ISSUER)
                .setExpectedAudience(Fixture.AUDIENCE)
                .setRequireExpirationTime()
                .build();

        // Nimbus as Spring Security's NimbusJwtDecoder drives it: a key selector over a JWK set, claims verifier.
        JWK jwk = alg.equals("RS256")
                ? new RSAKey.Builder((RSAPublicKey) fixture.publicKey()).keyID(Fixture.KID)
                        .algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build()
                : new ECKey.Builder(Curve.P_256, (ECPublicKey) fixture.publicKey()).keyID(Fixture.KID)
                        .algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE).build();
        nimbus = new DefaultJWTProcessor<>();
        nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(alg),
                new ImmutableJWKSet<>(new JWKSet(jwk))));
        nimbus.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Fixture.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(Fixture.ISSUER).build(), Set.of("exp")));

        // jjwt 0.13.
        jjwt = Jwts.parser().verifyWith(fixture.publicKey()).requireIssuer(Fixture.ISSUER)
                .requireAudience(Fixture.AUDIENCE).build();

        // Auth0 java-jwt.
        Algorithm algorithm = alg.equals("RS256")
                ? Algorithm.RSA256((RSAPublicKey) fixture.publicKey(), (RSAPrivateKey) null)
                : Algorithm.ECDSA256((ECPublicKey) fixture.publicKey(), (ECPrivateKey) null);
        auth0 = JWT.require(algorithm).withIssuer(Fixture.ISSUER).withAudience(Fixture.AUDIENCE).build();

        // SmallRye JWT without CDI or MicroProfile Config: the parser over an explicit context.
        JWTAuthContextInfo context = new JWTAuthContextInfo(fixture.publicKey(), Fixture.ISSUER);
        context.setExpectedAudience(Set.of(Fixture.AUDIENCE));
        context.setSignatureAlgorithm(Set.of(io.smallrye.jwt.algorithm.SignatureAlgorithm.fromAlgorithm(alg)));
        smallrye = new DefaultJWTParser(context);

        sanityCheck();
    }

    /** Every implementation accepts the valid token and refuses each invalid one; Gatecheck warm hits its cache. */
    private void sanityCheck() throws Exception {
        Signature signature = jca.get();
        signature.update(fixture.signingInput);
        if (!signature.verify(fixture.signature)) {
            throw new IllegalStateException("raw JCA: the signature does not verify");
        }
        byte[] tampered = fixture.signature.clone();
        tampered[tampered.length / 2] ^= 1;
        signature.update(fixture.signingInput);
        if (signature.verify(tampered)) {
            throw new IllegalStateException("raw JCA: a tampered signature verifies");
        }

        Map<String, Verifier> implementations = new LinkedHashMap<>();
        implementations.put("Gatecheck cold", t -> Engines.allowed("Gatecheck cold",
                gatecheckCold.authenticate(Engines.request(t))).identity().get().subject());
        implementations.put("Gatecheck warm", t -> Engines.allowed("Gatecheck warm",
                gatecheckWarm.authenticate(Engines.request(t))).identity().get().subject());
        implementations.put("Gatecheck TokenVerifier", t -> {
            TokenResult result = gatecheckVerifier.verify(t);
            if (!(result instanceof TokenResult.Valid valid)) {
                throw new IllegalStateException("refused: " + result);
            }
            return valid.identity().subject();
        });
        implementations.put("jose4j", t -> jose4j.processToClaims(t).getSubject());
        implementations.put("Nimbus", t -> nimbus.process(t, null).getSubject());
        implementations.put("jjwt", t -> jjwt.parseSignedClaims(t).getPayload().getSubject());
        implementations.put("Auth0", t -> auth0.verify(t).getSubject());
        implementations.put("SmallRye", t -> smallrye.parse(t).getSubject());

        for (Map.Entry<String, Verifier> implementation : implementations.entrySet()) {
            String name = implementation.getKey() + " (" + alg + ", " + token.length() + " chars)";
            String subject;
            try {
                subject = implementation.getValue().subject(token);
            } catch (Exception e) {
                // The message only: peers' exceptions can hold unserialisable state JMH fails to report.
                throw new IllegalStateException(name + " does not accept the valid token: " + e);
            }
            if (!Fixture.SUBJECT.equals(subject)) {
                throw new IllegalStateException(name + " accepted the token but read subject " + subject);
            }
            for (Map.Entry<String, String> invalid : fixture.invalid.entrySet()) {
                boolean accepted;
                try {
                    implementation.getValue().subject(invalid.getValue());
                    accepted = true;
                } catch (Exception expected) {
                    accepted = false;
                }
                if (accepted) {
                    throw new IllegalStateException(name + " accepts a token with " + invalid.getKey());
                }
            }
        }
        checkCaching();
    }

    /** Cold verifies every time (a new identity per call); warm answers a repeated token from its cache. */
    private void checkCaching() {
        Identity first = Engines.allowed("Gatecheck cold", gatecheckCold.authenticate(request)).identity().get();
        Identity second = Engines.allowed("Gatecheck cold", gatecheckCold.authenticate(request)).identity().get();
        if (first == second) {
            throw new IllegalStateException("Gatecheck cold answered from a cache");
        }
        first = Engines.allowed("Gatecheck warm", gatecheckWarm.authenticate(request)).identity().get();
        second = Engines.allowed("Gatecheck warm", gatecheckWarm.authenticate(request)).identity().get();
        if (first != second) {
            throw new IllegalStateException("Gatecheck warm did not answer the repeated token from its cache");
        }
    }

    /** After each iteration: still accepted everywhere (the tokens have not expired), warm still hits. */
    @TearDown(Level.Iteration)
    public void stillValid() {
        checkCaching();
    }

    @FunctionalInterface
    private interface Verifier {
        /** The verified subject; throws when the token is refused. */
        String subject(String token) throws Exception;
    }

    /** The floor: JCA {@code Signature.verify} over the already-decoded signing input and signature. */
    @Benchmark
    public void jcaFloor(Blackhole bh) throws GeneralSecurityException {
        Signature signature = jca.get();
        signature.update(fixture.signingInput);
        bh.consume(signature.verify(fixture.signature));
    }

    /**
     * A whole request through {@code Gatecheck.authenticate} with the cache off: path normalisation, route match,
     * bearer extraction, strict pre-check and parse, key lookup, JCA verify, claim rules, identity and the
     * identity headers of the {@code Allow}.
     */
    @Benchmark
    public void gatecheckCold(Blackhole bh) {
        Decision decision = gatecheckCold.authenticate(request);
        if (!(decision instanceof Decision.Allow)) {
            throw new IllegalStateException(Engines.describe(decision));
        }
        bh.consume(decision);
    }

    /** The same request answered from the verified-token cache (claims and route rules still checked). */
    @Benchmark
    public void gatecheckWarm(Blackhole bh) {
        Decision decision = gatecheckWarm.authenticate(request);
        if (!(decision instanceof Decision.Allow)) {
            throw new IllegalStateException(Engines.describe(decision));
        }
        bh.consume(decision);
    }

    /** Gatecheck's token verifier alone, cache off: the same work the peers do, plus the identity mapping. */
    @Benchmark
    public void gatecheckVerifierCold(Blackhole bh) {
        TokenResult result = gatecheckVerifier.verify(token);
        if (!(result instanceof TokenResult.Valid)) {
            throw new IllegalStateException(String.valueOf(result));
        }
        bh.consume(result);
    }

    @Benchmark
    public void jose4j(Blackhole bh) throws Exception {
        bh.consume(jose4j.processToClaims(token));
    }

    @Benchmark
    public void nimbus(Blackhole bh) throws Exception {
        bh.consume(nimbus.process(token, null));
    }

    @Benchmark
    public void jjwt(Blackhole bh) {
        bh.consume(jjwt.parseSignedClaims(token));
    }

    @Benchmark
    public void auth0(Blackhole bh) {
        bh.consume(auth0.verify(token));
    }

    @Benchmark
    public void smallrye(Blackhole bh) throws Exception {
        bh.consume(smallrye.parse(token));
    }
}
