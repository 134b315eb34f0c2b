package dev.gatecheck.keys;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of the RSA moduli that ROCA (CVE-2017-15361, Nemec et al., CCS 2017) factors. The Infineon
 * library made primes {@code k·M + (65537^a mod M)}, {@code M} a primorial, so the modulus modulo {@code M} is a
 * power of 65537. As the paper's detector does, this tests that for {@code M} the product of the primes 3 to 167:
 * first the modulus's order must divide the order of 65537 (about 2^61), then, one prime power of that order at a
 * time (Pohlig–Hellman), the modulus must lie in the subgroup 65537 generates. A modulus from any other generator
 * matches with a probability of about 2^-155 (the residue test alone, prime by prime, would wrongly match about
 * one key in 2^28).
 */
final class RocaFingerprint {
    private static final int[] PRIMES = {3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73,
        79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167};
    private static final BigInteger GENERATOR = BigInteger.valueOf(65537);
    /** The product of {@link #PRIMES}. */
    private static final BigInteger MODULUS;
    /** The order of 65537 modulo {@link #MODULUS}: the lcm of its orders modulo each prime. */
    private static final BigInteger ORDER;
    /** The prime powers {@code q^e} whose product is {@link #ORDER}. */
    private static final int[] ORDER_PRIME_POWERS;

    static {
        BigInteger modulus = BigInteger.ONE;
        Map<Integer, Integer> exponents = new TreeMap<>();
        for (int prime : PRIMES) {
            modulus = modulus.multiply(BigInteger.valueOf(prime));
            factor(orderModulo(prime)).forEach((q, e) -> exponents.merge(q, e, Math::max));
        }
        MODULUS = modulus;
        ORDER_PRIME_POWERS = exponents.entrySet().stream()
                .mapToInt(qe -> BigInteger.valueOf(qe.getKey()).pow(qe.getValue()).intValueExact()).toArray();
        BigInteger order = BigInteger.ONE;
        for (int primePower : ORDER_PRIME_POWERS) {
            order = order.multiply(BigInteger.valueOf(primePower));
        }
        ORDER = order;
    }

    private RocaFingerprint() {
    }

    /** True when {@code modulus} is a power of 65537 modulo the primorial: the fingerprint of a ROCA-weak key. */
    static boolean matches(BigInteger modulus) {
        BigInteger h = modulus.mod(MODULUS);
        if (!h.modPow(ORDER, MODULUS).equals(BigInteger.ONE)) {
            return false;
        }
        for (int primePower : ORDER_PRIME_POWERS) {
            BigInteger cofactor = ORDER.divide(BigInteger.valueOf(primePower));
            if (!inSubgroup(h.modPow(cofactor, MODULUS), GENERATOR.modPow(cofactor, MODULUS), primePower)) {
                return false;
            }
        }
        return true;
    }

    /** The order of 65537, whose powers a ROCA modulus's residues are ({@code 2454106387091158800}). */
    static BigInteger generatorOrder() {
        return ORDER;
    }

    /** True when {@code element} is one of the first {@code size} powers of {@code generator}. */
    private static boolean inSubgroup(BigInteger element, BigInteger generator, int size) {
        BigInteger power = BigInteger.ONE;
        for (int i = 0; i < size; i++) {
            if (power.equals(element)) {
                return true;
            }
            power = power.multiply(generator).mod(MODULUS);
        }
        return false;
    }

    private static int orderModulo(int prime) {
        int g = GENERATOR.intValue() % prime;
        int order = 1;
        for (int power = g; power != 1; power = power * g % prime) {
            order++;
        }
        return order;
    }

    private static Map<Integer, Integer> factor(int n) {
        Map<Integer, Integer> factors = new TreeMap<>();
        for (int d = 2; n > 1; d++) {
            while (n % d == 0) {
                factors.merge(d, 1, Integer::sum);
                n /= d;
            }
        }
        return factors;
    }
}
