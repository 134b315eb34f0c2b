package dev.gatecheck.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.IssuerConfig;
import dev.gatecheck.internal.Json;
import dev.gatecheck.keys.KeyLookup;
import dev.gatecheck.keys.KeySource;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import dev.gatecheck.testing.Verifiers;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
    private static final KeyPair RSA = TestKeys.rsa();
    private static final String ISSUER = "https://issuer.test";
    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong keyVersion = new AtomicLong();
    private final MutableClock clock = MutableClock.at(START);

    /** The keys the source holds now; a test swaps them (with a new version) to rotate. */
    private final AtomicReference<KeySource> current = new AtomicReference<>(keysOf(RSA));

    /** Counts key lookups: one for each signature verified, and one for each cached token renewed after a rotation. */
    private final KeySource countingSource = new KeySource() {
        @Override
        public KeyLookup find(Optional<String> kid, SignatureAlgorithm algorithm) {
            lookups.incrementAndGet();
            return current.get().find(kid, algorithm);
        }

        @Override
        public long version() {
            return keyVersion.get();
        }
    };

    /** The source now holds the public keys of {@code pairs}, under a new version. */
    private void rotateTo(KeyPair... pairs) {
        current.set(keysOf(pairs));
        keyVersion.incrementAndGet();
    }

    /** The public keys of {@code pairs}, with the kids k1, k2, ... in order. */
    private static KeySource keysOf(KeyPair... pairs) {
        return KeySource.of(java.util.stream.IntStream.range(0, pairs.length).mapToObj(i -> VerificationKey.of(
                Optional.of("k" + (i + 1)), pairs[i].getPublic(), SignatureAlgorithm.RS256)).toList());
    }

    private TokenVerifier verifier(int maxSize) {
        IssuerConfig issuer = GatecheckConfig.builder()
                .jwt(j -> j.issuer(ISSUER).audiences("api").keySource(countingSource))
                .clock(clock).build().issuers().get(0);
        return Verifiers.bearer(List.of(issuer), clock, maxSize);
    }

    private String token(long ttlSeconds) {
        return Tokens.signWithKid("RS256", RSA.getPrivate(), "k1",
                Tokens.claims(ISSUER, "alice", "api", clock.instant().getEpochSecond(), ttlSeconds, ""));
    }

    /** {@code count} tokens of distinct users, issued at the start, valid for an hour. */
    private static List<String> tokens(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> Tokens.signWithKid("RS256", RSA.getPrivate(),
                "k1", Tokens.claims(ISSUER, "user" + i, "api", START.getEpochSecond(), 3600, ""))).toList();
    }

    @Test
    void verifiesTheSignatureOfARepeatedTokenOnlyOnce() {
        TokenVerifier verifier = verifier(100);
        String token = token(300);
        assertThat(verifier.verify(token)).isInstanceOf(TokenResult.Valid.class);
        assertThat(verifier.verify(token)).isInstanceOf(TokenResult.Valid.class);
        assertThat(lookups).as("key lookups (one per signature check)").hasValue(1);
    }

    @Test
    void givesACachedTokensIdentityTheSameClaimsAsAFreshVerification() throws Exception {
        String token = token(300);
        TokenResult.Valid first = (TokenResult.Valid) verifier(100).verify(token);
        TokenVerifier cached = verifier(100);
        cached.verify(token);
        TokenResult.Valid hit = (TokenResult.Valid) cached.verify(token);

        Map<String, Object> claims = Json.parseObject(new String(
                java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8), 16);
        assertThat(first.identity().claims()).isEqualTo(claims);
        assertThat(hit.identity().claims()).isEqualTo(claims);
        assertThat(List.copyOf(hit.identity().claims().keySet())).isEqualTo(List.copyOf(claims.keySet()));
        assertThat(hit.identity().claim("sub")).contains("alice");
    }

    @Test
    void stillRejectsACachedTokenOnceItExpires() {
        TokenVerifier verifier = verifier(100);
        String token = token(45);
        assertThat(verifier.verify(token)).isInstanceOf(TokenResult.Valid.class);
        clock.advance(Duration.ofSeconds(45 + 30)); // exp plus the 30 s skew
        assertThat(verifier.verify(token)).isInstanceOfSatisfying(TokenResult.Invalid.class,
                invalid -> assertThat(invalid.rejection().detail()).isEqualTo("expired"));
    }

    @Test
    void keepsAnEntryNoLongerThanTheCacheTtl() {
        TokenVerifier verifier = verifier(100);
        String token = token(3600);
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(61));
        verifier.verify(token);
        assertThat(lookups).as("signature checks after the 60 s cache TTL").hasValue(2);
    }

    @Test
    void spreadsTheReverificationOfTokensCachedTogetherOverHalfTheTtl() {
        TokenVerifier verifier = verifier(1000);
        List<String> tokens = tokens(200);
        tokens.forEach(verifier::verify);

        clock.advance(Duration.ofSeconds(29));
        tokens.forEach(verifier::verify);
        assertThat(lookups).as("signature checks within half the 60 s TTL: only the first 200").hasValue(200);

        clock.advance(Duration.ofSeconds(16)); // 45 s: three quarters of the TTL
        tokens.forEach(verifier::verify);
        assertThat(lookups.get() - 200).as("tokens verified again at three quarters of the TTL: some, not all")
                .isBetween(40, 160);

        clock.advance(Duration.ofSeconds(16)); // 61 s
        tokens.forEach(verifier::verify);
        assertThat(lookups).as("after the TTL every token was verified again, each once").hasValue(400);
    }

    @Test
    void keepsACachedTokenWhoseKeyIsStillInTheChangedKeySet() {
        TokenVerifier verifier = verifier(100);
        String token = token(300);
        verifier.verify(token);
        rotateTo(RSA, TestKeys.rsa()); // a new key published beside the one that signed the token

        assertThat(verifier.verify(token)).isInstanceOf(TokenResult.Valid.class);
        assertThat(verifier.verify(token)).isInstanceOf(TokenResult.Valid.class);
        assertThat(lookups).as("key lookups: the verification, then one renewal under the new key set").hasValue(2);
    }

    @Test
    void aRenewalAfterARotationDoesNotExtendTheCacheTtl() {
        TokenVerifier verifier = verifier(100);
        // Twenty tokens: each lives 30-60 s, and an extended one would still be cached at 61 s unless its TTL is
        // 30-32 s; twenty such tokens in one run do not happen.
        List<String> tokens = tokens(20);
        tokens.forEach(verifier::verify);
        clock.advance(Duration.ofSeconds(29)); // within half the TTL: every token still cached
        rotateTo(RSA, TestKeys.rsa());
        tokens.forEach(verifier::verify); // each renewed under the new key set: one lookup each
        clock.advance(Duration.ofSeconds(32)); // 61 s after the verification, 32 s after the renewal

        tokens.forEach(verifier::verify);

        assertThat(lookups).as("key lookups: verification, renewal, verification again after the TTL, 20 each")
                .hasValue(60);
    }

    @Test
    void reverifiesACachedTokenWhoseKeyLeftTheKeySet() {
        TokenVerifier verifier = verifier(100);
        String token = token(300);
        verifier.verify(token);
        rotateTo(TestKeys.rsa()); // the signing key retired, another under its kid

        TokenResult result = verifier.verify(token);

        assertThat(result).isInstanceOf(TokenResult.Invalid.class);
        assertThat(((TokenResult.Invalid) result).rejection().detail()).isEqualTo("bad_signature");
    }

    @Test
    void neverCachesAFailure() {
        TokenVerifier verifier = verifier(100);
        String valid = token(300);
        int at = valid.length() - 10; // inside the signature
        String forged = valid.substring(0, at) + (valid.charAt(at) == 'A' ? 'B' : 'A') + valid.substring(at + 1);
        verifier.verify(forged);
        verifier.verify(forged);
        assertThat(verifier.cachedTokens()).isZero();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void sizeZeroDisablesTheCache() {
        TokenVerifier verifier = verifier(0);
        String token = token(300);
        verifier.verify(token);
        verifier.verify(token);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void staysWithinItsBound() {
        TokenVerifier verifier = verifier(50);
        for (int i = 0; i < 500; i++) {
            verifier.verify(Tokens.signWithKid("RS256", RSA.getPrivate(), null,
                    Tokens.claims(ISSUER, "user" + i, "api", clock.instant().getEpochSecond(), 300, "")));
        }
        assertThat(verifier.cachedTokens()).isLessThanOrEqualTo(50 + 10); // Caffeine evicts asynchronously
    }
}
