package dev.gatecheck.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides when the load server's JIT has settled, from its {@code GET /_jit} ({@link AdminServlet}): how long its
 * compilers have compiled so far against its uptime. Pinned to one CPU, the compilers share it with dozens of
 * request threads and can take a minute or more to compile the hot code; until then the server runs profiling
 * (tier 3) code and serves a fraction of its steady throughput, so a fixed warm-up measures the JIT, not the server.
 * After the fixed warm-up the client reads {@code /_jit} every {@link #STEP_NANOS} and starts measuring once the
 * compilers were busy at most {@link #QUIET_SHARE} of each of the last two steps (the JVM adds a compilation's time
 * when it ends, so one quiet step can hide a long compilation in progress), or when {@code maxExtraNanos} have
 * passed.
 */
final class JitWatch {
    static final long STEP_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Compile time at most 2% of the wall time of the last step: the queue is empty, only stragglers compile. */
    static final double QUIET_SHARE = 0.02;
    private static final Pattern READING = Pattern.compile(
            "\\{\"compile_ms\":(-?\\d+),\"uptime_ms\":(\\d+)}\\s*");

    /** One answer of {@code /_jit}. */
    record Reading(long compileMs, long uptimeMs) {
        /** The share of the time since {@code earlier} the compilers spent compiling (summed over them). */
        double busySince(Reading earlier) {
            long wall = uptimeMs - earlier.uptimeMs;
            return wall <= 0 ? 0 : (compileMs - earlier.compileMs) / (double) wall;
        }
    }

    private final HttpClient client;
    private final URI uri;
    private final long maxExtraNanos;
    private long settleFrom;
    private long nextRead;
    private Reading last;
    private int quietSteps;

    JitWatch(HttpClient client, URI uri, long maxExtraNanos) {
        this.client = client;
        this.uri = uri;
        this.maxExtraNanos = maxExtraNanos;
    }

    Reading read() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = READING.matcher(response.body());
        if (response.statusCode() != 200 || !m.matches() || Long.parseLong(m.group(1)) < 0) {
            throw new IOException(uri + " answered " + response.statusCode() + " without a compile time: "
                    + response.body().trim());
        }
        return new Reading(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /**
     * Called by the sending thread once the fixed warm-up is over, as often as it likes: true once the JIT is quiet
     * or the extra warm-up is used up. It reads {@code /_jit} at most once per step, synchronously (the warm-up
     * only pauses sending for that long).
     */
    boolean ready(long now) throws IOException, InterruptedException {
        if (last == null) {
            settleFrom = now;
            last = read();
            nextRead = now + STEP_NANOS;
            return false;
        }
        if (now - settleFrom >= maxExtraNanos) {
            return true;
        }
        if (now - nextRead < 0) {
            return false;
        }
        Reading reading = read();
        quietSteps = reading.busySince(last) <= QUIET_SHARE ? quietSteps + 1 : 0;
        last = reading;
        nextRead = now + STEP_NANOS;
        return settled();
    }

    /** Whether the JIT was quiet when {@link #ready} said so (false: the extra warm-up ran out first). */
    boolean settled() {
        return quietSteps >= 2;
    }

    static String share(double share) {
        return String.format(Locale.ROOT, "%.3f", share);
    }
}
