package dev.gatecheck.benchmarks;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heap one cached token costs beyond its own characters: {@code N} distinct tokens of about 690 characters
 * (ES256, the claims of an access token) are created first, then verified once each into the verified-token cache;
 * the heap in use after a full GC, before and after, divided by {@code N}. Run:
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
            for (AuthRequest request : requests) {
                allowed(gatecheck.authenticate(request));
            }
            long after = usedAfterGc();
            for (AuthRequest request : requests) {
                allowed(gatecheck.authenticate(request)); // still cached: kept alive
            }
            System.out.printf("%d tokens of %d characters on average: %.0f bytes of heap per cached token beyond its"
                    + " own characters%n", n, chars / n, (after - before) / (double) n);
        }
    }

    private static void allowed(Decision decision) {
        if (!(decision instanceof Decision.Allow)) {
            throw new IllegalStateException("a valid token was refused: " + Engines.describe(decision));
        }
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
