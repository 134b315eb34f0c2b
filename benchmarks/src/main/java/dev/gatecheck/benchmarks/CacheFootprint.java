package dev.gatecheck.benchmarks;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The heap one cached token costs beyond its own characters: {@code N} distinct tokens of about 690 characters
 * (ES256, the claims of an access token) are created first, then verified once each into the verified-token cache;
 * the heap in use after a full GC, before and after, divided by {@code N}, and the growth per class (the JVM's class
 * histogram), which shows what an entry is made of. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.gatecheck.benchmarks.CacheFootprint [N]}.
 */
public final class CacheFootprint {
    private CacheFootprint() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Fixture fixture = Fixture.create("ES256", 690);
        long now = System.currentTimeMillis() / 1000;
        List<AuthRequest> requests = new ArrayList<>(n);
        int chars = 0;
        for (int i = 0; i < n; i++) {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", Fixture.ISSUER);
            claims.put("sub", "user-" + i);
            claims.put("aud", Fixture.AUDIENCE);
            claims.put("exp", now + 3600);
            claims.put("iat", now);
            claims.put("jti", "jti-" + i);
            claims.put("scope", "orders:read orders:write");
            claims.put("roles", List.of("user", "buyer"));
            claims.put("org", "acme");
            String token = Fixture.sign("ES256", fixture.keyPair.getPrivate(), claims, 690);
            chars += token.length();
            requests.add(AuthRequest.builder(Engines.METHOD, Engines.PATH).bearer(token).build());
        }
        try (Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE).jwks(fixture.jwks))
                .tokenCacheMaxSize(n * 2).build())) {
            allowed(gatecheck.authenticate(requests.get(0)));
            long before = usedAfterGc();
            Map<String, long[]> histogramBefore = histogram();
            for (AuthRequest request : requests) {
                allowed(gatecheck.authenticate(request));
            }
            long after = usedAfterGc();
            printGrowth(histogramBefore, histogram(), n);
            for (AuthRequest request : requests) {
                allowed(gatecheck.authenticate(request)); // still cached: kept alive
            }
            // The cache's key is the token as extracted from the header: one String, 24 bytes and a byte[] of its
            // Latin-1 characters (16 bytes of header, padded to 8) on a 64-bit JVM with compressed pointers.
            double perToken = (after - before) / (double) n;
            long tokenItself = 24 + ((16 + chars / n + 7) & ~7);
            System.out.printf("%d tokens of %d characters on average: %.0f bytes of heap per cached token, of which"
                    + " the token itself (the cache key) %d; beyond it: %.0f bytes (issue 19 target: at most 1,536)%n",
                    n, chars / n, perToken, tokenItself, perToken - tokenItself);
        }
    }

    private static void allowed(Decision decision) {
        if (!(decision instanceof Decision.Allow)) {
            throw new IllegalStateException("a valid token was refused: " + Engines.describe(decision));
        }
    }

    /** The live objects per class ({@code jcmd GC.class_histogram}, which runs a full GC first): count, bytes. */
    private static Map<String, long[]> histogram() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("no class histogram on this JVM", e);
        }
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length >= 4 && cells[0].endsWith(":")) {
                classes.put(cells[3], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])});
            }
        }
        return classes;
    }

    /** The classes whose live bytes grew by at least 8 per cached token, largest first. */
    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, int n) {
        System.out.println("growth per cached token, by class (objects, bytes):");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                        e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .filter(e -> e.getValue()[1] >= 8L * n)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> System.out.printf("  %6.2f %7.1f  %s%n", e.getValue()[0] / (double) n,
                        e.getValue()[1] / (double) n, e.getKey()));
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
