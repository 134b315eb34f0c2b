package dev.gatecheck.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.internal.Json;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One public JWK given on its own (a DPoP proof's {@code jwk}): the rules of key-set ingest, every time, and the
 * algorithm the proof names.
 */
class SingleJwkTest {
    private static final KeyPair P256 = TestKeys.ec("secp256r1");
    private static final KeyPair RSA = TestKeys.rsa();

    private static Map<String, Object> jwk(KeyPair key, String... extra) throws Json.JsonException {
        Map<String, Object> jwk = new LinkedHashMap<>(Json.parseObject(TestKeys.jwk(key.getPublic(), null, null), 2));
        for (int i = 0; i < extra.length; i += 2) {
            jwk.put(extra[i], extra[i + 1]);
        }
        return jwk;
    }

    @Test
    void verifiesWithAPublicKeyForTheAlgorithmTheProofNames() throws Exception {
        VerificationKey key = VerificationKey.fromJwk(jwk(P256), SignatureAlgorithm.ES256);
        byte[] input = "a.b".getBytes(StandardCharsets.US_ASCII);

        assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ES256);
        assertThat(key.verify(input, Tokens.signature("ES256", P256.getPrivate(), input))).isTrue();
    }

    @Test
    void refusesPrivateKeyMembers() {
        assertThatThrownBy(() -> VerificationKey.fromJwk(jwk(P256, "d", "AAAA"), SignatureAlgorithm.ES256))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("contains private key members");
        assertThatThrownBy(() -> VerificationKey.fromJwk(jwk(RSA, "p", "AAAA"), SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("contains private key members");
    }

    @Test
    void refusesSymmetricKeys() {
        assertThatThrownBy(() -> VerificationKey.fromJwk(Map.of("kty", "oct", "k", "c2VjcmV0"), SignatureAlgorithm.ES256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric key");
    }

    @Test
    void refusesAKeyForAnotherUse() {
        assertThatThrownBy(() -> VerificationKey.fromJwk(jwk(P256, "use", "enc"), SignatureAlgorithm.ES256))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("use is not sig");
    }

    @Test
    void refusesAKeyWhoseOwnAlgIsAnother() {
        assertThatThrownBy(() -> VerificationKey.fromJwk(jwk(RSA, "alg", "RS512"), SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("its alg is not RS256");
    }

    @Test
    void refusesAKeyThatCannotMakeTheAlgorithm() {
        assertThatThrownBy(() -> VerificationKey.fromJwk(jwk(P256), SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot verify RS256");
        assertThatThrownBy(() -> VerificationKey.fromJwk(jwk(P256), SignatureAlgorithm.ES384))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot verify ES384");
    }

    @Test
    void refusesAWeakRsaKey() {
        assertThatThrownBy(() -> VerificationKey.fromJwk(jwk(TestKeys.rsa(1024)), SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key refused: rsa_key_too_small");
    }

    @Test
    void refusesAnEcPointOffItsCurve() throws Exception {
        Map<String, Object> jwk = jwk(P256);
        String y = (String) jwk.get("y");
        jwk.put("y", (y.charAt(0) == 'A' ? "B" : "A") + y.substring(1));

        assertThatThrownBy(() -> VerificationKey.fromJwk(jwk, SignatureAlgorithm.ES256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusalReadsMembersOnly() throws Exception {
        assertThat(VerificationKey.jwkRefusal(jwk(P256))).isEmpty();
        assertThat(VerificationKey.jwkRefusal(jwk(P256, "key_ops", "sign"))).contains("key_ops lacks verify");
        assertThat(VerificationKey.jwkRefusal(Map.of("kty", "XYZ"))).contains("unsupported kty");
    }
}
