package dev.gatecheck.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.testing.TestKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key ingest (DESIGN "Token validation, strictly"): only signature keys of adequate strength, bound to one
 * algorithm, are kept; every other key is dropped with a reason that names the key but never its material.
 */
class VerificationKeysTest {
    private static final Set<SignatureAlgorithm> ASYMMETRIC = EnumSet.complementOf(
            EnumSet.of(SignatureAlgorithm.HS256, SignatureAlgorithm.HS384, SignatureAlgorithm.HS512));
    private static final KeyPair RSA = TestKeys.rsa();
    private static final KeyPair P256 = TestKeys.ec("secp256r1");
    private static final KeyPair ED25519 = TestKeys.ed25519();

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String unsigned(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] trimmed = raw.length > 1 && raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
        byte[] out = new byte[Math.max(length, trimmed.length)];
        System.arraycopy(trimmed, 0, out, out.length - trimmed.length, trimmed.length);
        return b64(out);
    }

    private static String rsaN() {
        return unsigned(((RSAPublicKey) RSA.getPublic()).getModulus(), 0);
    }

    /** The JWK of the RSA test key with {@code extra} members appended. */
    private static String rsaJwk(String kid, String extra) {
        String jwk = TestKeys.jwk(RSA.getPublic(), kid, null);
        return jwk.substring(0, jwk.length() - 1) + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static LoadedKeys load(String... jwks) {
        return VerificationKeys.fromJwks(TestKeys.jwks(jwks), ASYMMETRIC);
    }

    private static void assertDropped(LoadedKeys loaded, String reason) {
        assertThat(loaded.keys().isEmpty()).as("no key kept; dropped: %s", loaded.dropped()).isTrue();
        assertThat(loaded.dropped()).as("drop reasons").singleElement().asString().contains(reason);
    }

    // --- kept ----------------------------------------------------------------------------------------------

    @Test
    void keepsSignatureKeysOfEveryType() {
        LoadedKeys loaded = load(rsaJwk("rsa", "\"use\":\"sig\""),
                TestKeys.jwk(P256.getPublic(), "ec", null).replace("}", ",\"key_ops\":[\"verify\"]}"),
                TestKeys.jwk(ED25519.getPublic(), "ed", null));

        assertThat(loaded.dropped()).isEmpty();
        assertThat(loaded.keys().keys()).extracting(VerificationKey::algorithm)
                .containsExactly(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256, SignatureAlgorithm.EdDSA);
        assertThat(loaded.keys().containsKid("rsa")).isTrue();
    }

    @Test
    void readsASingleJwkObject() {
        LoadedKeys loaded = VerificationKeys.fromJwks(TestKeys.jwk(P256.getPublic(), "ec", "ES256"), ASYMMETRIC);

        assertThat(loaded.keys().keys()).singleElement().satisfies(k -> {
            assertThat(k.kid()).contains("ec");
            assertThat(k.algorithm()).isEqualTo(SignatureAlgorithm.ES256);
        });
    }

    @Test
    void keepsTheOtherKeysWhenOneIsDropped() {
        LoadedKeys loaded = load(rsaJwk("enc", "\"use\":\"enc\""), TestKeys.jwk(P256.getPublic(), "ec", "ES256"));

        assertThat(loaded.keys().keys()).extracting(k -> k.kid().orElseThrow()).containsExactly("ec");
        assertThat(loaded.dropped()).singleElement().asString().contains("enc").contains("use is not sig");
    }

    // --- dropped -------------------------------------------------------------------------------------------

    @Test
    void dropsEncryptionKey() {
        assertDropped(load(rsaJwk("k", "\"use\":\"enc\"")), "use is not sig");
    }

    @ParameterizedTest(name = "key_ops {0}")
    @ValueSource(strings = {"[\"encrypt\"]", "[\"sign\"]", "[]", "\"verify\"", "[\"wrapKey\",\"unwrapKey\"]"})
    void dropsKeyWhoseKeyOpsLackVerify(String ops) {
        assertDropped(load(rsaJwk("k", "\"key_ops\":" + ops)), "key_ops lacks verify");
    }

    @Test
    void dropsSymmetricKeyFromAKeySet() {
        String oct = "{\"kty\":\"oct\",\"kid\":\"h\",\"alg\":\"HS256\",\"k\":\"" + b64(TestKeys.hmacSecret()) + "\"}";

        assertDropped(VerificationKeys.fromJwks(TestKeys.jwks(oct), EnumSet.allOf(SignatureAlgorithm.class)),
                "symmetric key");
    }

    @Test
    void dropsRsaKeyWithPrivateMembers() {
        assertDropped(load(rsaJwk("k", "\"d\":\"" + rsaN() + "\"")), "private key members");
    }

    @ParameterizedTest(name = "member {0}")
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "oth"})
    void dropsKeyWithAnyPrivateMember(String member) {
        String value = member.equals("oth") ? "[]" : "\"AQAB\"";

        assertDropped(load(rsaJwk("k", "\"" + member + "\":" + value)), "private key members");
    }

    @Test
    void dropsEcKeyWithPrivateMember() {
        String jwk = TestKeys.jwk(P256.getPublic(), "ec", "ES256");

        assertDropped(load(jwk.replace("}", ",\"d\":\"AQAB\"}")), "private key members");
    }

    @Test
    void drops1024BitRsaKey() {
        assertDropped(load(TestKeys.jwk(TestKeys.rsa(1024).getPublic(), "weak", "RS256")), "rsa_key_too_small");
    }

    private static String rsaJwkWithExponent(long exponent) {
        return "{\"kty\":\"RSA\",\"kid\":\"e\",\"n\":\"" + rsaN() + "\",\"e\":\""
                + unsigned(BigInteger.valueOf(exponent), 0) + "\"}";
    }

    @ParameterizedTest(name = "e = {0}")
    @ValueSource(longs = {65536, 65538, 4})
    void dropsRsaKeyWithEvenExponent(long exponent) {
        assertDropped(load(rsaJwkWithExponent(exponent)), "rsa_bad_exponent");
    }

    @ParameterizedTest(name = "e = {0}")
    @ValueSource(longs = {1, 2})
    void dropsRsaKeyWithExponentTheJdkAlreadyRefuses(long exponent) {
        // SunRsaSign's key factory refuses these before Gatecheck's own exponent check sees them.
        LoadedKeys loaded = load(rsaJwkWithExponent(exponent));

        assertThat(loaded.keys().isEmpty()).as("e=%d must be refused", exponent).isTrue();
        assertThat(loaded.dropped()).singleElement().asString()
                .satisfiesAnyOf(s -> assertThat(s).contains("rsa_bad_exponent"),
                        s -> assertThat(s).contains("unreadable key parameters"));
    }

    @Test
    void dropsEcKeyWhosePointIsNotOnTheCurve() {
        ECPublicKey ec = (ECPublicKey) P256.getPublic();
        BigInteger p = ((ECFieldFp) ec.getParams().getCurve().getField()).getP();
        String tamperedY = unsigned(ec.getW().getAffineY().add(BigInteger.ONE).mod(p), 32);
        String jwk = "{\"kty\":\"EC\",\"kid\":\"bad\",\"crv\":\"P-256\",\"x\":\""
                + unsigned(ec.getW().getAffineX(), 32) + "\",\"y\":\"" + tamperedY + "\"}";

        assertDropped(load(jwk), "ec_point_not_on_curve");
    }

    @Test
    void dropsBothKeysSharingAKid() {
        KeyPair other = TestKeys.rsa();
        LoadedKeys loaded = load(rsaJwk("same", ""), TestKeys.jwk(other.getPublic(), "same", null),
                TestKeys.jwk(P256.getPublic(), "unique", null));

        assertThat(loaded.keys().keys()).extracting(k -> k.kid().orElseThrow()).containsExactly("unique");
        assertThat(loaded.dropped()).hasSize(2).allSatisfy(s -> assertThat(s).contains("duplicate kid"));
    }

    @ParameterizedTest(name = "kty {0}")
    @ValueSource(strings = {"\"XYZ\"", "\"rsa\"", "1", "null"})
    void dropsUnsupportedKeyType(String kty) {
        String jwk = "{\"kty\":" + kty + ",\"kid\":\"k\",\"n\":\"" + rsaN() + "\",\"e\":\"AQAB\"}";

        assertDropped(load(jwk), "unsupported kty");
    }

    @Test
    void dropsKeyWithoutKty() {
        assertDropped(load("{\"kid\":\"k\",\"n\":\"" + rsaN() + "\",\"e\":\"AQAB\"}"), "unsupported kty");
    }

    @Test
    void dropsKeyWhoseAlgIsNotAllowed() {
        LoadedKeys loaded = VerificationKeys.fromJwks(TestKeys.jwks(TestKeys.jwk(RSA.getPublic(), "k", "RS512")),
                EnumSet.of(SignatureAlgorithm.RS256));

        assertDropped(loaded, "fits no allowed algorithm");
    }

    @Test
    void dropsKeyWhoseAlgDoesNotFitTheKey() {
        assertDropped(load(TestKeys.jwk(RSA.getPublic(), "k", "ES256")), "fits no allowed algorithm");
        assertDropped(load(TestKeys.jwk(P256.getPublic(), "k", "ES384")), "fits no allowed algorithm");
        assertDropped(load(TestKeys.jwk(P256.getPublic(), "k", "RS256")), "fits no allowed algorithm");
        assertDropped(load(TestKeys.jwk(ED25519.getPublic(), "k", "ES256")), "fits no allowed algorithm");
    }

    @ParameterizedTest(name = "alg {0}")
    @ValueSource(strings = {"\"RS1\"", "\"none\"", "\"ES256K\"", "\"rs256\"", "\"HS256\"", "1"})
    void dropsKeyWithUnsupportedOrUnfittingAlg(String alg) {
        LoadedKeys loaded = load(rsaJwk("k", "\"alg\":" + alg));

        assertThat(loaded.keys().isEmpty()).as("alg %s", alg).isTrue();
        assertThat(loaded.dropped()).singleElement().asString()
                .satisfiesAnyOf(s -> assertThat(s).contains("unsupported alg"),
                        s -> assertThat(s).contains("fits no allowed algorithm"));
    }

    @Test
    void dropsEntriesThatAreNotObjectsOrHaveANonStringKid() {
        LoadedKeys loaded = VerificationKeys.fromJwks("{\"keys\":[1,\"x\",null,[]," + rsaJwk(null, "\"kid\":7") + "]}",
                ASYMMETRIC);

        assertThat(loaded.keys().isEmpty()).isTrue();
        assertThat(loaded.dropped()).hasSize(5);
        assertThat(loaded.dropped().get(4)).contains("kid is not a string");
    }

    @Test
    void dropsKeyWithUnreadableParameters() {
        assertDropped(load("{\"kty\":\"RSA\",\"kid\":\"k\",\"n\":\"not base64!\",\"e\":\"AQAB\"}"),
                "unreadable key parameters");
        assertDropped(load("{\"kty\":\"EC\",\"kid\":\"k\",\"crv\":\"P-256\"}"), "unreadable key parameters");
    }

    @Test
    void dropReasonsNameTheKeyButNeverItsMaterial() {
        ECPublicKey ec = (ECPublicKey) P256.getPublic();
        String x = unsigned(ec.getW().getAffineX(), 32);
        String weakN = unsigned(((RSAPublicKey) TestKeys.rsa(1024).getPublic()).getModulus(), 0);
        LoadedKeys loaded = load(
                rsaJwk("enc-key", "\"use\":\"enc\""),
                rsaJwk("private-key", "\"d\":\"" + rsaN() + "\""),
                "{\"kty\":\"RSA\",\"kid\":\"weak-key\",\"n\":\"" + weakN + "\",\"e\":\"AQAB\"}",
                TestKeys.jwk(P256.getPublic(), "wrong-alg", "RS256"),
                "{\"kty\":\"oct\",\"kid\":\"secret-key\",\"k\":\"" + b64(TestKeys.hmacSecret()) + "\"}",
                TestKeys.jwk(ED25519.getPublic(), "dup", null), TestKeys.jwk(ED25519.getPublic(), "dup", null));

        assertThat(loaded.dropped()).hasSize(7);
        assertThat(String.join("\n", loaded.dropped()))
                .contains("enc-key", "private-key", "weak-key", "wrong-alg", "secret-key", "dup")
                .doesNotContain(rsaN().substring(0, 16))
                .doesNotContain(weakN.substring(0, 16))
                .doesNotContain(x.substring(0, 16))
                .doesNotContain("\"n\"").doesNotContain("\"x\"").doesNotContain("\"k\"");
    }

    @Test
    void dropReasonShowsOnlyPrintableCharactersOfAKid() {
        LoadedKeys loaded = load(rsaJwk("evil\\r\\nkid", "\"use\":\"enc\""));

        assertThat(loaded.dropped()).singleElement().asString().doesNotContain("\r").doesNotContain("\n")
                .contains("evil??kid");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"not json", "[]", "{\"keys\":{}}", "{\"keys\":\"x\"}", "{\"keys\":[],}", ""})
    void refusesTextThatIsNotAJwksOrJwk(String text) {
        assertThatThrownBy(() -> VerificationKeys.fromJwks(text, ASYMMETRIC)).as("'%s'", text)
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- PEM -----------------------------------------------------------------------------------------------

    @Test
    void readsEveryPublicKeyBlockOfAPem() {
        String pem = TestKeys.pem(RSA.getPublic()) + "\n" + TestKeys.pem(P256.getPublic()) + TestKeys.pem(ED25519.getPublic());

        LoadedKeys loaded = VerificationKeys.fromPem(pem, ASYMMETRIC);

        assertThat(loaded.keys().keys()).extracting(VerificationKey::algorithm)
                .containsExactly(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256, SignatureAlgorithm.EdDSA);
        assertThat(loaded.keys().keys()).allSatisfy(k -> assertThat(k.kid()).isEmpty());
    }

    @Test
    void dropsWeakPemKey() {
        LoadedKeys loaded = VerificationKeys.fromPem(TestKeys.pem(TestKeys.rsa(1024).getPublic()), ASYMMETRIC);

        assertDropped(loaded, "rsa_key_too_small");
    }

    @Test
    void refusesPemWithoutAPublicKeyBlock() {
        assertThatThrownBy(() -> VerificationKeys.fromPem("no pem here", ASYMMETRIC))
                .isInstanceOf(IllegalArgumentException.class);
        String privateBlock = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString(RSA.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> VerificationKeys.fromPem(privateBlock, ASYMMETRIC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(RSA.getPrivate().getEncoded()).substring(0, 40));
    }

    // --- programmatic keys ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void hmacKeyNeedsAtLeastTheHashLength(String alg) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.valueOf(alg);
        int min = Integer.parseInt(alg.substring(2)) / 8;

        assertThat(VerificationKeys.hmac(new byte[min], algorithm).algorithm()).isEqualTo(algorithm);
        assertThatThrownBy(() -> VerificationKeys.hmac(new byte[min - 1], algorithm))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hmacKeyNeedsAnHmacAlgorithm() {
        assertThatThrownBy(() -> VerificationKeys.hmac(new byte[64], SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKeyIsCheckedForStrengthAndFit() {
        assertThat(VerificationKeys.publicKey(Optional.of("k"), RSA.getPublic(), SignatureAlgorithm.PS512).algorithm())
                .isEqualTo(SignatureAlgorithm.PS512);
        assertThatThrownBy(() -> VerificationKeys.publicKey(Optional.empty(), TestKeys.rsa(1024).getPublic(),
                SignatureAlgorithm.RS256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerificationKeys.publicKey(Optional.empty(), P256.getPublic(),
                SignatureAlgorithm.ES384)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keySetRefusesDuplicateKids() {
        VerificationKey a = VerificationKeys.publicKey(Optional.of("k"), RSA.getPublic(), SignatureAlgorithm.RS256);
        VerificationKey b = VerificationKeys.publicKey(Optional.of("k"), P256.getPublic(), SignatureAlgorithm.ES256);

        assertThatThrownBy(() -> KeySet.of(List.of(a, b))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verificationKeyToStringHoldsNoMaterial() {
        VerificationKey key = VerificationKeys.publicKey(Optional.of("k1"), RSA.getPublic(), SignatureAlgorithm.RS256);

        assertThat(key.toString()).isEqualTo("VerificationKey[kid=k1, alg=RS256]");
    }
}
