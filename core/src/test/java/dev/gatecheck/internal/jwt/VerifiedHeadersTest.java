package dev.gatecheck.internal.jwt;

import static dev.gatecheck.testing.SpecFixture.CLOCK;
import static dev.gatecheck.testing.SpecFixture.ISSUER;
import static dev.gatecheck.testing.SpecFixture.NOW_S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import dev.gatecheck.testing.Verifiers;
import java.security.KeyPair;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The headers of verified tokens, kept so the next token with the same header segment skips parsing it: a token is
 * judged exactly as if its header were parsed again, and only a header whose token verified is kept.
 */
class VerifiedHeadersTest {
    private static final KeyPair RSA_1 = TestKeys.rsa();
    private static final KeyPair RSA_2 = TestKeys.rsa();
    private static final String CLAIMS = Tokens.claims(ISSUER, "alice", "api", NOW_S, 300, "");

    private final TokenVerifier verifier = Verifiers.bearer(GatecheckConfig.builder().clock(CLOCK)
            .jwt(j -> j.issuer(ISSUER).jwks(TestKeys.jwks(TestKeys.jwk(RSA_1.getPublic(), "k1", "RS256"),
                    TestKeys.jwk(RSA_2.getPublic(), "k2", "RS256"))))
            .build().issuers(), CLOCK);
    private final TokenPrecheck precheck = new TokenPrecheck(EnumSet.of(SignatureAlgorithm.RS256), false);

    @Test
    void tokensWhoseHeadersDifferOnlyInTheirKidEachUseTheirOwnKey() {
        String first = Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k1", CLAIMS);
        String second = Tokens.signWithKid("RS256", RSA_2.getPrivate(), "k2", CLAIMS);
        String crossed = Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k2", CLAIMS);

        for (int round = 0; round < 2; round++) { // the second round finds both headers kept
            assertThat(verifier.verify(first)).as("k1, round %d", round).isInstanceOf(TokenResult.Valid.class);
            assertThat(verifier.verify(second)).as("k2, round %d", round).isInstanceOf(TokenResult.Valid.class);
            assertThat(reason(verifier.verify(crossed))).as("key 1 under kid k2, round %d", round)
                    .isEqualTo("bad_signature");
        }
    }

    @Test
    void aKeptHeaderLetsNoOtherHeaderOfItsLengthThrough() {
        assertThat(verifier.verify(Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k1", CLAIMS)))
                .isInstanceOf(TokenResult.Valid.class);
        // The kept header with one word changed: as long, and refused before any key.
        String hs256 = Tokens.sign("HS256", Tokens.hmacKey(new byte[32]),
                "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", CLAIMS);
        String jku = Tokens.sign("RS256", RSA_1.getPrivate(),
                "{\"alg\":\"RS256\",\"jku\":\"JWT\",\"kid\":\"k1\"}", CLAIMS);

        assertThat(reason(verifier.verify(hs256))).as("HS256 header").isEqualTo("alg_not_allowed");
        assertThat(reason(verifier.verify(jku))).as("jku header").isEqualTo("header_forbidden");
    }

    @Test
    void keepsAHeaderOnlyOnceItsTokenVerified() throws TokenFailure {
        String token = Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k1", CLAIMS);
        String sameHeader = Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k1", CLAIMS.replace("alice", "bob"));

        ParsedToken parsed = precheck.parse(token);
        assertThat(precheck.parse(sameHeader).headerKnown()).as("before any verification").isFalse();
        precheck.headerVerified(parsed);

        ParsedToken next = precheck.parse(sameHeader);
        assertThat(next.headerKnown()).as("after its token verified").isTrue();
        assertThat(next.header()).as("the header kept").isEqualTo(parsed.header());
        assertThat(next.kid()).contains("k1");
        assertThat(next.claims().get("sub")).as("claims are the token's own").isEqualTo("bob");
    }

    @Test
    void aForgedTokenIsRefusedWhetherOrNotItsHeaderIsKept() throws TokenFailure {
        TokenVerifier verifier = Verifiers.bearer(GatecheckConfig.builder().clock(CLOCK)
                .jwt(j -> j.issuer(ISSUER).jwks(TestKeys.jwks(TestKeys.jwk(RSA_1.getPublic(), "k1", "RS256"))))
                .build().issuers(), CLOCK);
        String forged = Tokens.signWithKid("RS256", RSA_2.getPrivate(), "k1", CLAIMS);

        assertThat(reason(verifier.verify(forged))).isEqualTo("bad_signature");
        assertThat(verifier.verify(Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k1", CLAIMS)))
                .as("the genuine token after a forged one with its header").isInstanceOf(TokenResult.Valid.class);
        assertThat(reason(verifier.verify(forged))).as("the forged one again, its header now kept")
                .isEqualTo("bad_signature");
    }

    @Test
    void aNewHeaderPushesOutTheOldestOfEight() throws TokenFailure {
        for (int kid = 0; kid <= 8; kid++) {
            precheck.headerVerified(precheck.parse(Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k" + kid, CLAIMS)));
        }

        assertThat(precheck.parse(Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k0", CLAIMS)).headerKnown())
                .as("the oldest, pushed out by the ninth").isFalse();
        for (int kid = 1; kid <= 8; kid++) {
            assertThat(precheck.parse(Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k" + kid, CLAIMS)).headerKnown())
                    .as("header with kid k%d", kid).isTrue();
        }
    }

    private static String reason(TokenResult result) {
        assertThat(result).isInstanceOf(TokenResult.Invalid.class);
        return ((TokenResult.Invalid) result).rejection().detail();
    }
}
