package dev.gatecheck.internal.jwt;

import static dev.gatecheck.testing.SpecFixture.CLOCK;
import static dev.gatecheck.testing.SpecFixture.ISSUER;
import static dev.gatecheck.testing.SpecFixture.NOW_S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.JwtSettings;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.keys.VerificationKey;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import dev.gatecheck.testing.Verifiers;
import java.security.KeyPair;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Which key verifies a token: every key is bound to one algorithm (a JWK's {@code alg} wins, a PEM RSA key is
 * RS256, an EC key follows its curve), a {@code kid} picks its key, and ambiguity is refused.
 */
class KeySelectionTest {
    private static final KeyPair RSA_1 = TestKeys.rsa();
    private static final KeyPair RSA_2 = TestKeys.rsa();
    private static final KeyPair P256 = TestKeys.ec("secp256r1");
    private static final KeyPair P384 = TestKeys.ec("secp384r1");
    private static final String CLAIMS = Tokens.claims(ISSUER, "alice", "api", NOW_S, 300, "");

    private static TokenResult verify(Consumer<JwtSettings> keys, String token) {
        GatecheckConfig config = GatecheckConfig.builder().clock(CLOCK).jwt(j -> keys.accept(j.issuer(ISSUER))).build();
        return Verifiers.bearer(config.issuers(), CLOCK).verify(token);
    }

    private static void assertValid(TokenResult result, String why) {
        assertThat(result).as("%s: %s", why, result).isInstanceOf(TokenResult.Valid.class);
    }

    private static void assertRefused(TokenResult result, String detail, String why) {
        assertThat(result).as(why).isInstanceOfSatisfying(TokenResult.Invalid.class, invalid -> {
            assertThat(invalid.rejection().status()).as("%s: status", why).isEqualTo(401);
            assertThat(invalid.rejection().detail()).as("%s: reason", why).isEqualTo(detail);
        });
    }

    private static Consumer<JwtSettings> pem(KeyPair pair) {
        return j -> j.publicKeyPem(TestKeys.pem(pair.getPublic()));
    }

    private static Consumer<JwtSettings> jwks(String... jwks) {
        return j -> j.jwks(TestKeys.jwks(jwks));
    }

    // --- binding -------------------------------------------------------------------------------------------

    @Test
    void pemRsaKeyIsBoundToRs256() {
        assertValid(verify(pem(RSA_1), Tokens.signWithKid("RS256", RSA_1.getPrivate(), null, CLAIMS)), "RS256");
        for (String other : new String[] {"RS384", "RS512", "PS256", "PS512"}) {
            assertRefused(verify(pem(RSA_1), Tokens.signWithKid(other, RSA_1.getPrivate(), null, CLAIMS)),
                    "unknown_key", other + " signed by the RS256-bound PEM key");
        }
    }

    @Test
    void pemRsaKeyIsBoundToTheFirstAllowedRsaAlgorithmWhenRs256IsNotAllowed() {
        Consumer<JwtSettings> psOnly = j -> j.publicKeyPem(TestKeys.pem(RSA_1.getPublic())).algorithms("PS384", "PS256");

        assertValid(verify(psOnly, Tokens.signWithKid("PS256", RSA_1.getPrivate(), null, CLAIMS)), "PS256");
        assertRefused(verify(psOnly, Tokens.signWithKid("PS384", RSA_1.getPrivate(), null, CLAIMS)), "unknown_key",
                "PS384 with a key bound to PS256");
    }

    @Test
    void jwkAlgWinsOverTheKeyTypeDefault() {
        Consumer<JwtSettings> rs384 = jwks(TestKeys.jwk(RSA_1.getPublic(), "k1", "RS384"));

        assertValid(verify(rs384, Tokens.signWithKid("RS384", RSA_1.getPrivate(), "k1", CLAIMS)), "RS384");
        assertRefused(verify(rs384, Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k1", CLAIMS)),
                "key_algorithm_mismatch", "RS256 token naming an RS384 key");
        assertRefused(verify(rs384, Tokens.signWithKid("RS256", RSA_1.getPrivate(), null, CLAIMS)),
                "unknown_key", "RS256 token without kid and only an RS384 key");
    }

    @Test
    void jwkWithoutAlgIsBoundLikeAPemKey() {
        Consumer<JwtSettings> noAlg = jwks(TestKeys.jwk(RSA_1.getPublic(), "k1", null));

        assertValid(verify(noAlg, Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k1", CLAIMS)), "RS256");
        assertRefused(verify(noAlg, Tokens.signWithKid("PS256", RSA_1.getPrivate(), "k1", CLAIMS)),
                "key_algorithm_mismatch", "PS256 token naming an RS256-bound key");
    }

    @Test
    void ecKeyIsBoundByItsCurve() {
        assertValid(verify(pem(P384), Tokens.signWithKid("ES384", P384.getPrivate(), null, CLAIMS)), "ES384 on P-384");
        assertThat(verify(pem(P384), Tokens.signWithKid("ES256", P384.getPrivate(), null, CLAIMS)))
                .as("ES256 header over a P-384 key").isInstanceOf(TokenResult.Invalid.class);
        assertThat(verify(pem(P256), Tokens.signWithKid("ES384", P256.getPrivate(), null, CLAIMS)))
                .as("ES384 header over a P-256 key").isInstanceOf(TokenResult.Invalid.class);
    }

    // --- kid selection -------------------------------------------------------------------------------------

    @Test
    void kidPicksItsKey() {
        Consumer<JwtSettings> two = jwks(TestKeys.jwk(RSA_1.getPublic(), "k1", "RS256"),
                TestKeys.jwk(RSA_2.getPublic(), "k2", "RS256"));

        assertValid(verify(two, Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k1", CLAIMS)), "k1");
        assertValid(verify(two, Tokens.signWithKid("RS256", RSA_2.getPrivate(), "k2", CLAIMS)), "k2");
        assertRefused(verify(two, Tokens.signWithKid("RS256", RSA_2.getPrivate(), "k1", CLAIMS)), "bad_signature",
                "signed by k2 but naming k1");
    }

    @Test
    void tokenWithoutKidIsRefusedWhenTwoKeysCouldVerifyIt() {
        Consumer<JwtSettings> two = jwks(TestKeys.jwk(RSA_1.getPublic(), "k1", "RS256"),
                TestKeys.jwk(RSA_2.getPublic(), "k2", "RS256"));

        assertRefused(verify(two, Tokens.signWithKid("RS256", RSA_1.getPrivate(), null, CLAIMS)), "kid_required",
                "no kid with two RS256 keys");
    }

    @Test
    void tokenWithoutKidUsesTheOnlyKeyOfItsAlgorithm() {
        Consumer<JwtSettings> mixed = jwks(TestKeys.jwk(RSA_1.getPublic(), "rsa", "RS256"),
                TestKeys.jwk(P256.getPublic(), "ec", "ES256"));

        assertValid(verify(mixed, Tokens.signWithKid("ES256", P256.getPrivate(), null, CLAIMS)), "the one ES256 key");
        assertValid(verify(mixed, Tokens.signWithKid("RS256", RSA_1.getPrivate(), null, CLAIMS)), "the one RS256 key");
    }

    @Test
    void unknownKidIsRefusedWhenEveryKeyHasAKid() {
        Consumer<JwtSettings> one = jwks(TestKeys.jwk(RSA_1.getPublic(), "k1", "RS256"));

        assertRefused(verify(one, Tokens.signWithKid("RS256", RSA_1.getPrivate(), "k9", CLAIMS)), "unknown_key",
                "kid k9 is not in the set");
    }

    @Test
    void kidLessPemKeyVerifiesATokenNamingAnyKid() {
        assertValid(verify(pem(RSA_1), Tokens.signWithKid("RS256", RSA_1.getPrivate(), "whatever-the-idp-says", CLAIMS)),
                "kid-less PEM key");
    }

    @Test
    void kidOfAKeyWinsOverAKidLessKeyAndUnknownKidsFallBackToTheKidLessKey() {
        Consumer<JwtSettings> both = j -> j.keys(
                VerificationKey.of(Optional.empty(), RSA_1.getPublic(), SignatureAlgorithm.RS256),
                VerificationKey.of(Optional.of("k2"), RSA_2.getPublic(), SignatureAlgorithm.RS256));

        assertValid(verify(both, Tokens.signWithKid("RS256", RSA_2.getPrivate(), "k2", CLAIMS)), "k2 by kid");
        assertValid(verify(both, Tokens.signWithKid("RS256", RSA_1.getPrivate(), "other", CLAIMS)),
                "unknown kid falls back to the one kid-less key");
        assertRefused(verify(both, Tokens.signWithKid("RS256", RSA_1.getPrivate(), null, CLAIMS)), "kid_required",
                "no kid with a kid-less and a kid key of the same algorithm");
    }

    @Test
    void hmacSecretVerifiesTokensWithAnyKid() {
        byte[] secret = TestKeys.hmacSecret();

        assertValid(verify(j -> j.hmacSecret(secret), Tokens.signWithKid("HS256", Tokens.hmacKey(secret), "hs", CLAIMS)),
                "kid-less HMAC key");
    }
}
