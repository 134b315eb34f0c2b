package dev.gatecheck.redis;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Engines with one GitHub webhook route ({@code /hooks/github}) and the replay store their keys name, and
 * deliveries signed as GitHub documents it (HMAC-SHA256 of the body, {@code X-Hub-Signature-256: sha256=<hex>}),
 * computed here independently of the code under test.
 */
final class GithubDeliveries {
    static final String ROUTE = "github";
    static final String PATH = "/hooks/github";
    static final String SECRET = "a GitHub webhook secret of at least 32 bytes";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private GithubDeliveries() {
    }

    /**
     * The keys of an engine whose replay store is Redis at {@code uri}, with {@code more} keys added (they win). The
     * timeout is a generous 5 s: a loaded CI machine may pause a thread for longer than the default 250 ms, and only
     * the tests of the timeout itself set a short one.
     */
    static Map<String, String> keys(String uri, Map<String, String> more) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "gatecheck.jwt.issuer", "https://issuer.test",
                "gatecheck.jwt.algorithms", "HS256",
                "gatecheck.jwt.hmac-secret", "an HMAC secret for tokens, 32 bytes or more",
                "gatecheck.routes.github.paths", PATH,
                "gatecheck.routes.github.webhook", "github",
                "gatecheck.routes.github.secrets", SECRET,
                "gatecheck.replay.store", "redis",
                "gatecheck.replay.redis.uri", uri,
                "gatecheck.replay.redis.timeout", "5s"));
        keys.putAll(more);
        return keys;
    }

    /** An engine on Redis at {@code uri}. */
    static Gatecheck engine(String uri, Map<String, String> more) {
        return Gatecheck.create(GatecheckConfig.fromMap(keys(uri, more), Clock.systemUTC()));
    }

    /** A delivery no one sent before (its body names a fresh sequence number). */
    static byte[] fresh() {
        return ("{\"zen\":\"Keep it logically awesome.\",\"n\":" + SEQUENCE.incrementAndGet() + ",\"at\":"
                + System.nanoTime() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code X-Hub-Signature-256} value of {@code body}. */
    static String signature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code body} delivered to {@code engine}, signed. */
    static Decision deliver(Gatecheck engine, byte[] body) {
        return engine.authenticate(AuthRequest.builder("POST", PATH)
                .header("X-Hub-Signature-256", signature(body))
                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .header("Content-Type", "application/json")
                .body(body)
                .build());
    }

    /**
     * {@code body} delivered {@code copies} times at once (a barrier releases every thread together), round robin
     * over {@code fleet}: the decisions.
     */
    static List<Decision> deliverAtOnce(List<Gatecheck> fleet, byte[] body, int copies) throws Exception {
        CyclicBarrier start = new CyclicBarrier(copies);
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<Decision>> answers = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                Gatecheck engine = fleet.get(i % fleet.size());
                answers.add(pool.submit(() -> {
                    start.await();
                    return deliver(engine, body);
                }));
            }
            List<Decision> decisions = new ArrayList<>();
            for (Future<Decision> answer : answers) {
                decisions.add(answer.get());
            }
            return decisions;
        } finally {
            pool.shutdownNow();
        }
    }

    /** SHA-256 of {@code text} in lower-case hex. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
