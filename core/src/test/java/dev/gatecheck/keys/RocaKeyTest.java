package dev.gatecheck.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.gatecheck.testing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * ROCA-weak RSA keys (CVE-2017-15361) are dropped at ingest with reason {@code rsa_roca_weak}: the Wycheproof key,
 * and moduli built the way the Infineon library built its primes. Keys of any other origin are never flagged.
 */
class RocaKeyTest {
    private static final Set<SignatureAlgorithm> ASYMMETRIC = EnumSet.complementOf(
            EnumSet.of(SignatureAlgorithm.HS256, SignatureAlgorithm.HS384, SignatureAlgorithm.HS512));
    private static final Random RANDOM = new SecureRandom();

    /** Wycheproof json_web_key_test.json tcId 7 (see the resource's "origin"): 2049 bits, e = 65537. */
    private static String wycheproofRocaJwks() throws IOException {
        try (InputStream in = RocaKeyTest.class.getResourceAsStream("wycheproof-roca-jwks.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static RSAPublicKey rsa(BigInteger modulus) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65537)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static BigInteger modulusOfJwk(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    @Test
    void dropsTheWycheproofRocaKeyFromAKeySet() throws IOException {
        LoadedKeys loaded = VerificationKeys.fromJwks(wycheproofRocaJwks(), ASYMMETRIC);

        assertThat(loaded.keys().isEmpty()).as("the ROCA key must not be kept").isTrue();
        assertThat(loaded.dropped()).as("why it was dropped").singleElement().asString()
                .contains("kid-rsa-roca-sign").contains("rsa_roca_weak");
    }

    @Test
    void refusesTheWycheproofRocaKeyGivenAsAPublicKey() throws IOException {
        String n = wycheproofRocaJwks().replaceAll("(?s).*\"n\": \"([^\"]+)\".*", "$1");
        RSAPublicKey key = rsa(modulusOfJwk(n));
        assertThat(key.getModulus().bitLength()).as("Wycheproof's ROCA key size").isEqualTo(2049);

        assertThatIllegalArgumentException().as("a PEM or ALB key with the ROCA fingerprint")
                .isThrownBy(() -> VerificationKeys.publicKey(Optional.of("roca"), key, SignatureAlgorithm.RS256))
                .withMessageContaining("rsa_roca_weak");
        LoadedKeys pem = VerificationKeys.fromPem(TestKeys.pem(key), ASYMMETRIC);
        assertThat(pem.keys().isEmpty()).as("the same key in a PEM file is not kept").isTrue();
        assertThat(pem.dropped()).as("why").singleElement().asString().contains("rsa_roca_weak");
    }

    /**
     * The paper's construction for 2048-bit keys, written here independently of the detector: each prime is
     * {@code k·M + (65537^a mod M)} with {@code M} the product of the first 126 primes (2 to 701).
     */
    @Test
    void dropsModuliBuiltTheWayTheVulnerableLibraryBuiltItsPrimes() {
        BigInteger m = IntStream.rangeClosed(2, 701).filter(RocaKeyTest::isSmallPrime)
                .mapToObj(BigInteger::valueOf).reduce(BigInteger.ONE, BigInteger::multiply);
        for (int i = 0; i < 2; i++) {
            BigInteger n = rocaPrime(m).multiply(rocaPrime(m));
            assertThat(KeyIngest.weakness(rsa(n))).as("ROCA-structured modulus of %d bits", n.bitLength())
                    .contains("rsa_roca_weak");
        }
    }

    /** A 1024-bit prime {@code k·M + (65537^a mod M)}, at least sqrt(2)·2^1023 so that two make 2048 bits. */
    private static BigInteger rocaPrime(BigInteger m) {
        BigInteger low = BigInteger.ONE.shiftLeft(2047).sqrt().divide(m).add(BigInteger.ONE);
        BigInteger high = BigInteger.ONE.shiftLeft(1024).divide(m).subtract(BigInteger.ONE);
        BigInteger residue = BigInteger.valueOf(65537).modPow(new BigInteger(64, RANDOM), m);
        while (true) {
            BigInteger k = low.add(new BigInteger(high.subtract(low).bitLength(), RANDOM)).min(high);
            BigInteger p = k.multiply(m).add(residue);
            if (p.isProbablePrime(40)) {
                return p;
            }
        }
    }

    private static boolean isSmallPrime(int n) {
        return BigInteger.valueOf(n).isProbablePrime(40);
    }

    /**
     * The fingerprint does not depend on the size, so a dozen fresh 1024-bit JDK moduli keep this quick; one
     * 2048-bit key goes through the whole ingest (as the fresh keys of every other test do).
     */
    @Test
    void neverFlagsKeysTheJdkGenerates() {
        for (int i = 0; i < 12; i++) {
            BigInteger modulus = ((RSAPublicKey) TestKeys.rsa(1024).getPublic()).getModulus();
            assertThat(RocaFingerprint.matches(modulus)).as("fresh 1024-bit JDK modulus #%d", i).isFalse();
        }
        assertThat(KeyIngest.weakness(TestKeys.rsa(2048).getPublic())).as("a fresh 2048-bit JDK key").isEmpty();
    }

    @Test
    void keepsKnownNonRocaKeys() {
        List<String> moduli = List.of(
                // RFC 7515 Appendix A.2 (RS256 example)
                "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SF"
                        + "d2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KX"
                        + "BdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_"
                        + "h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
                // Wycheproof json_web_key_test.json tcId 5 (acceptsValid, kid-rsa-sign)
                "kqGboBfAWttWPCA-0cGRgsY6SaYoIARt0B_PkaEcIq9HPYNdu9n6UuWHuuTHrjF_ZoQW97r5HaAorNvrMEGTGdxCHZdEtkHvNVVmrt"
                        + "xTBLiQCbCozXhFoIrVcr3qUBrdGnNn_M3jJi7Wg7p_-x62nS5gNG875oyheRkutHsQXikFZwsN3q_TsPNOVlCiHy8mxzaFTU"
                        + "QGm-X8UYexFyAivlDSjgDJLAZSWfxd7k9Gxuwa3AUfQqQcVcegmgKGCaErQ3qQbh1x7WB6iopE3_-GZ8HMAVtR9AmrVscqYs"
                        + "njhaCehfAI0iKKs8zXr8tISc0ORbaalrkk03H1ZrsEnDKEWQ");
        for (String n : moduli) {
            assertThat(KeyIngest.weakness(rsa(modulusOfJwk(n)))).as("modulus %s...", n.substring(0, 12)).isEmpty();
        }
    }

    /**
     * A modulus that is a power of 65537 modulo each small prime on its own, but with unrelated exponents, is not
     * a ROCA modulus: the residue test alone would flag it (and about one random key in 2^28), this one must not.
     */
    @Test
    void aModulusThatPassesEachResidueTestAloneIsNotFlagged() {
        int[] primes = IntStream.rangeClosed(3, 167).filter(RocaKeyTest::isSmallPrime).toArray();
        BigInteger product = IntStream.of(primes).mapToObj(BigInteger::valueOf).reduce(BigInteger.ONE,
                BigInteger::multiply);
        for (int attempt = 0; attempt < 20; attempt++) {
            BigInteger residues = BigInteger.ZERO; // Chinese remaindering of 65537^(a_r) mod r, a_r chosen per prime
            for (int r : primes) {
                BigInteger prime = BigInteger.valueOf(r);
                BigInteger power = BigInteger.valueOf(65537).modPow(BigInteger.valueOf(RANDOM.nextInt(1000)), prime);
                BigInteger rest = product.divide(prime);
                residues = residues.add(power.multiply(rest).multiply(rest.modInverse(prime)));
            }
            BigInteger n = residues.mod(product).add(product.multiply(new BigInteger(1830, RANDOM).setBit(1829)));
            assertThat(KeyIngest.weakness(rsa(n))).as("residues from unrelated powers, %d bits", n.bitLength())
                    .isEmpty();
        }
    }

    /** The detector's published order of 65537 modulo the primorial (crocs-muni/roca, badkeys). */
    @Test
    void theOrderOf65537IsTheDetectorsPublishedValue() {
        assertThat(RocaFingerprint.generatorOrder()).isEqualTo(new BigInteger("2454106387091158800"));
    }
}
