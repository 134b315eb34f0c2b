package dev.gatecheck.internal.jwt;

import static dev.gatecheck.testing.SpecFixture.CLOCK;
import static dev.gatecheck.testing.SpecFixture.ISSUER;
import static dev.gatecheck.testing.SpecFixture.NOW_S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.JwtSettings;
import dev.gatecheck.keys.SignatureAlgorithm;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import dev.gatecheck.testing.Verifiers;
import java.security.Key;
import java.security.KeyPair;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A valid token verifies for every supported algorithm, with the key configured the way that algorithm needs. */
class SignatureAlgorithmsTest {
    private static final KeyPair RSA = TestKeys.rsa();
    private static final KeyPair P256 = TestKeys.ec("secp256r1");
    private static final KeyPair P384 = TestKeys.ec("secp384r1");
    private static final KeyPair P521 = TestKeys.ec("secp521r1");
    private static final KeyPair ED25519 = TestKeys.ed25519();
    private static final byte[] SECRET = TestKeys.hmacSecret();

    private static Arguments jwk(String alg, KeyPair pair) {
        return Arguments.of(alg, "JWK with alg " + alg, pair.getPrivate(),
                (Consumer<JwtSettings>) j -> j.jwks(TestKeys.jwks(TestKeys.jwk(pair.getPublic(), "k-" + alg, alg))));
    }

    private static Arguments pem(String alg, KeyPair pair) {
        return Arguments.of(alg, "PEM key", pair.getPrivate(),
                (Consumer<JwtSettings>) j -> j.publicKeyPem(TestKeys.pem(pair.getPublic())));
    }

    private static Arguments hmac(String alg) {
        return Arguments.of(alg, "HMAC secret with algorithms=" + alg, Tokens.hmacKey(SECRET),
                (Consumer<JwtSettings>) j -> j.hmacSecret(SECRET).algorithms(alg));
    }

    static Stream<Arguments> algorithms() {
        return Stream.of(
                pem("RS256", RSA), jwk("RS256", RSA), jwk("RS384", RSA), jwk("RS512", RSA),
                jwk("PS256", RSA), jwk("PS384", RSA), jwk("PS512", RSA),
                pem("ES256", P256), jwk("ES256", P256),
                pem("ES384", P384), jwk("ES384", P384),
                pem("ES512", P521), jwk("ES512", P521),
                pem("EdDSA", ED25519), jwk("EdDSA", ED25519),
                hmac("HS256"), hmac("HS384"), hmac("HS512"));
    }

    private static TokenResult verify(Consumer<JwtSettings> keys, String token) {
        GatecheckConfig config = GatecheckConfig.builder().clock(CLOCK)
                .jwt(j -> keys.accept(j.issuer(ISSUER).audiences("api"))).build();
        return Verifiers.bearer(config.issuers(), CLOCK).verify(token);
    }

    private static String claims() {
        return Tokens.claims(ISSUER, "alice", "api", NOW_S, 300, "");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("algorithms")
    void acceptsValidTokenSignedWith(String alg, String how, Key signingKey, Consumer<JwtSettings> keys) {
        String kid = how.startsWith("JWK") ? "k-" + alg : null;
        String token = Tokens.signWithKid(alg, signingKey, kid, claims());

        TokenResult result = verify(keys, token);

        assertThat(result).as("%s token verified with %s: %s", alg, how, result).isInstanceOf(TokenResult.Valid.class);
    }

    @Test
    void acceptsEd25519AsTheFullySpecifiedNameOfEdDsa() {
        String token = Tokens.sign("Ed25519", ED25519.getPrivate(), "{\"alg\":\"Ed25519\"}", claims());

        assertThat(verify(j -> j.publicKeyPem(TestKeys.pem(ED25519.getPublic())), token))
                .isInstanceOf(TokenResult.Valid.class);
        assertThat(SignatureAlgorithm.fromJose("Ed25519")).contains(SignatureAlgorithm.EdDSA);
    }

    @Test
    void algorithmNamesAreMatchedExactly() {
        assertThat(SignatureAlgorithm.fromJose("rs256")).isEmpty();
        assertThat(SignatureAlgorithm.fromJose("none")).isEmpty();
        assertThat(SignatureAlgorithm.fromJose("None")).isEmpty();
        assertThat(SignatureAlgorithm.fromJose("RS256 ")).isEmpty();
        assertThat(SignatureAlgorithm.fromJose("ES256K")).isEmpty();
    }

    @Test
    void rejectsAllowedAlgorithmThatHasNoKey() {
        // ES256 is in the default allow-list, but the only key is RSA.
        String es = Tokens.signWithKid("ES256", P256.getPrivate(), null, claims());

        TokenResult result = verify(j -> j.publicKeyPem(TestKeys.pem(RSA.getPublic())), es);

        assertThat(result).isInstanceOfSatisfying(TokenResult.Invalid.class,
                i -> assertThat(i.rejection().detail()).isEqualTo("unknown_key"));
    }
}
