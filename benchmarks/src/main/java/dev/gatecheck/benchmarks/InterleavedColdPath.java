package dev.gatecheck.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cold-path ratios measured so that a slow phase of the machine cannot fall on one implementation only: the
 * implementations of {@link VerifyBenchmark} (same keys, tokens and engines, one JVM) take turns in short slices, in
 * a shuffled order each round, and each slice is divided by the floor's slice of the same round. On a VM whose speed
 * drifts for tens of seconds, sequential JMH runs of the same code differ by more than the effect measured; these
 * paired ratios do not. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.gatecheck.benchmarks.InterleavedColdPath [rounds] [alg]}.
 */
public final class InterleavedColdPath {
    private static final long SLICE_NANOS = 25_000_000;

    private InterleavedColdPath() {
    }

    /** One implementation's turn: runs it once. */
    private interface Turn {
        void run(Blackhole bh) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String alg = args.length > 1 ? args[1] : "RS256";
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        System.out.printf("%d rounds of %d ms slices, %s; µs/op median [quartiles], ratio to the floor of the same"
                + " round: median [quartiles]%n", rounds, SLICE_NANOS / 1_000_000, alg);
        for (int size : new int[] {1024, 4096}) {
            VerifyBenchmark b = new VerifyBenchmark();
            b.alg = alg;
            b.tokenSize = size;
            b.setUp();
            Map<String, Turn> turns = new LinkedHashMap<>();
            turns.put("jcaFloor", b::jcaFloor);
            turns.put("gatecheckCold", b::gatecheckCold);
            turns.put("gatecheckVerifierCold", b::gatecheckVerifierCold);
            turns.put("auth0", b::auth0);
            measure(size, turns, rounds, bh);
        }
    }

    private static void measure(int size, Map<String, Turn> turns, int rounds, Blackhole bh) throws Exception {
        List<String> names = new ArrayList<>(turns.keySet());
        for (int warm = 0; warm < 40; warm++) { // about 4 s each: every one compiled before the first round
            for (String name : names) {
                slice(turns.get(name), bh);
            }
        }
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Random random = new Random(size);
        for (int round = 0; round < rounds; round++) {
            Collections.shuffle(names, random);
            Map<String, Double> thisRound = new LinkedHashMap<>();
            for (String name : names) {
                thisRound.put(name, slice(turns.get(name), bh));
            }
            double floor = thisRound.get("jcaFloor");
            thisRound.forEach((name, us) -> {
                micros.computeIfAbsent(name, n -> new ArrayList<>()).add(us);
                ratios.computeIfAbsent(name, n -> new ArrayList<>()).add(us / floor);
            });
        }
        for (String name : turns.keySet()) {
            System.out.printf("%5d  %-22s %7.2f µs [%.2f–%.2f]   %.3fx [%.3f–%.3f]%n", size, name,
                    quantile(micros.get(name), 0.5), quantile(micros.get(name), 0.25), quantile(micros.get(name), 0.75),
                    quantile(ratios.get(name), 0.5), quantile(ratios.get(name), 0.25), quantile(ratios.get(name), 0.75));
        }
    }

    /** Runs {@code turn} for one slice; its µs per operation. */
    private static double slice(Turn turn, Blackhole bh) throws Exception {
        long start = System.nanoTime();
        long end = start + SLICE_NANOS;
        long ops = 0;
        long now;
        do {
            turn.run(bh);
            ops++;
            now = System.nanoTime();
        } while (now < end);
        return (now - start) / 1000.0 / ops;
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.round(q * (sorted.size() - 1)));
    }
}
