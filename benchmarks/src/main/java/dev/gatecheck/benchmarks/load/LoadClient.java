package dev.gatecheck.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client side of the end-to-end load test: the JDK {@link HttpClient} (HTTP/1.1, keep-alive) keeping
 * {@code --concurrency} requests in flight ({@link Semaphore} + {@code sendAsync}) against one URL for a warm-up and
 * then a measured window, cycling through the bearer tokens of {@code --tokens} (one token: the "cached" scenario;
 * 10,000: the "rotating" one). Closed loop: a request is sent when one completes.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.gatecheck.benchmarks.load.LoadClient
 *      --url http://127.0.0.1:PORT/api/users --tokens FILE [--scenario NAME] [--concurrency 64] [--warmup 10]
 *      [--duration 20] [--max-requests 50000000] [--timeout 10] [--threads 2] [--expect-filter on|off]
 *      [--out FILE] [--jit http://127.0.0.1:PORT/_jit [--settle 180]] [--rotate URL --next-tokens FILE]
 * java -cp benchmarks/target/benchmarks.jar dev.gatecheck.benchmarks.load.LoadClient check --url .. --tokens ..
 *      --expect-filter on|off
 * java -cp benchmarks/target/benchmarks.jar dev.gatecheck.benchmarks.load.LoadClient heap http://127.0.0.1:PORT/_heap
 * </pre>
 *
 * <p>Before loading it checks the server answers 200 with each of the first tokens, and, with {@code --expect-filter},
 * that a request without a token is refused (401, Gatecheck in front) or served (200, no filter), so a misconfigured
 * run cannot pass for a fast one. Every response of the run must be 200: any other status, or any failed exchange,
 * is counted and makes the run invalid (exit status 2). It stops by itself: sending ends at the end of the window or
 * after {@code --max-requests}, in-flight requests get {@code --timeout} to finish, and a watchdog ends the process
 * if anything hangs. It prints a Markdown table row and, with {@code --out}, the figures as {@code key=value} lines
 * for {@code load.sh}. Latency is the time from {@code sendAsync} to the complete response, in a
 * {@link LatencyHistogram}; throughput counts the responses completed inside the measured window.
 *
 * <p>With {@code --jit URL} (the load server's {@code /_jit}) the warm-up goes on after {@code --warmup} seconds until
 * the server's JIT compilers have been quiet for two 5 s steps, for at most {@code --settle} more seconds
 * ({@link JitWatch}); it reports the warm-up it took, whether the JIT settled, and the share of the measured window
 * the compilers still spent compiling.
 *
 * <p>With {@code --rotate URL --next-tokens FILE} (the rotation scenario) the measured window is a key rotation: its
 * first quarter is the steady state; at a quarter it calls {@code URL?step=publish} (the next key appears in the
 * JWKS), and from then to three quarters the tokens move one by one, evenly, to those of {@code --next-tokens} (the
 * same subjects signed with the next key, as clients renew theirs); at three quarters {@code URL?step=retire} (the old
 * key leaves the JWKS). It reports the p99 of the steady quarter and of the rest, and their ratio.
 */
public final class LoadClient {
    private static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        // With a common pool of parallelism 1 (any machine with 2 cores) CompletableFuture runs every *Async stage
        // without an executor on a new thread, and the JDK client has such stages: a thread per request, ~7x
        // slower. Set before anything touches ForkJoinPool; load.sh also passes it on the command line.
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, "2");
        }
        if (args.length == 2 && args[0].equals("heap")) {
            heap(URI.create(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("check")) {
            System.exit(check(Options.parse(Arrays.copyOfRange(args, 1, args.length)), System.out));
        }
        Options options = Options.parse(args);
        Thread watchdog = new Thread(() -> {
            try {
                long settle = options.jit == null ? 0 : options.settle + 2 * JitWatch.STEP_NANOS / 1_000_000_000L;
                Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmup + settle + options.duration
                        + 2L * options.timeout + 60));
                System.err.println("LoadClient: watchdog: the run did not end in time, exiting");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-client-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(run(options, System.out));
    }

    private static List<String> readTokens(Path file) throws IOException {
        List<String> tokens = Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no token in " + file);
        }
        return tokens;
    }

    private static HttpRequest[] requests(List<String> tokens, Options options) {
        HttpRequest[] requests = new HttpRequest[tokens.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = HttpRequest.newBuilder(options.url).GET().timeout(Duration.ofSeconds(options.timeout))
                    .header("Authorization", "Bearer " + tokens.get(i)).build();
        }
        return requests;
    }

    static int run(Options options, PrintStream out) throws Exception {
        List<String> tokens = readTokens(options.tokens);
        // The JDK client runs its own stages on this executor; 0 threads: its default (a cached pool).
        ExecutorService executor = options.threads == 0 ? null : Executors.newFixedThreadPool(options.threads, daemon());
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(options.timeout));
        if (executor != null) {
            builder.executor(executor);
        }
        HttpClient client = builder.build();
        HttpRequest[] requests = requests(tokens, options);
        HttpRequest[] next = options.nextTokens == null ? requests : requests(readTokens(options.nextTokens), options);
        if (next.length != requests.length) {
            throw new IllegalArgumentException("--next-tokens must hold as many tokens as --tokens");
        }
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            out.println("LoadClient: warning: ForkJoinPool common parallelism is "
                    + ForkJoinPool.getCommonPoolParallelism() + ": the JDK client starts a thread per request stage;"
                    + " run with -D" + PARALLELISM + "=2");
        }
        String problem = preflight(client, requests, options);
        if (problem != null) {
            out.println("LoadClient: pre-flight check failed: " + problem);
            if (executor != null) {
                executor.shutdownNow();
            }
            return 2;
        }

        Semaphore inFlight = new Semaphore(options.concurrency);
        LatencyHistogram latencies = new LatencyHistogram();
        LongAdder warmupDone = new LongAdder();
        LongAdder errors = new LongAdder();
        Map<String, AtomicInteger> errorKinds = new TreeMap<>();
        AtomicLong lastCompletion = new AtomicLong();

        long begin = System.nanoTime();
        long warmupEnd = begin + TimeUnit.SECONDS.toNanos(options.warmup);
        long durationNanos = TimeUnit.SECONDS.toNanos(options.duration);
        long quarter = durationNanos / 4;
        JitWatch jit = options.jit == null ? null
                : new JitWatch(client, options.jit, TimeUnit.SECONDS.toNanos(options.settle));
        Window window = new Window();
        JitWatch.Reading jitAtStart = null;
        LatencyHistogram steady = new LatencyHistogram();
        LatencyHistogram rotating = new LatencyHistogram();
        Rotation rotation = null;
        long sent = 0;
        while (sent < options.maxRequests) {
            long now = System.nanoTime();
            if (!window.isOpen() && now - warmupEnd >= 0 && (jit == null || jit.ready(now))) {
                // The measured window opens when the warm-up is over (and, with --jit, the server's JIT is quiet).
                jitAtStart = jit == null ? null : jit.read();
                now = System.nanoTime();
                window.open(now, durationNanos);
                rotation = options.rotate == null ? null
                        : new Rotation(client, options.rotate, now + quarter, now + 3 * quarter);
            }
            if (window.isOpen() && now - window.to >= 0) {
                break;
            }
            long wait = window.isOpen() ? Math.min(100_000_000L, window.to - now) : 100_000_000L;
            if (!inFlight.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                continue;
            }
            int index = (int) (sent % requests.length);
            // From a quarter to three quarters of the window the tokens move, one by one, to the next key's.
            HttpRequest request = next != requests && window.isOpen() && index < (long) requests.length
                    * Math.max(0, now - window.from - quarter) / (2 * quarter) ? next[index] : requests[index];
            if (rotation != null) {
                rotation.stepIfDue(now);
            }
            sent++;
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<Void>> exchange;
            try {
                exchange = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            } catch (RuntimeException e) {
                errors.increment();
                synchronized (errorKinds) {
                    errorKinds.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                }
                inFlight.release();
                break;
            }
            exchange.whenComplete((response, failure) -> {
                long end = System.nanoTime();
                try {
                    if (failure != null || response.statusCode() != 200) {
                        errors.increment();
                        String kind = failure != null ? failure.getClass().getSimpleName()
                                : "HTTP " + response.statusCode();
                        synchronized (errorKinds) {
                            errorKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                        }
                    } else if (window.contains(end)) {
                        latencies.record(end - start);
                        (end - window.from < quarter ? steady : rotating).record(end - start);
                    } else if (!window.isOpen() || end - window.from < 0) {
                        warmupDone.increment();
                    }
                    lastCompletion.accumulateAndGet(end, Math::max);
                } finally {
                    inFlight.release();
                }
            });
        }
        long sendingStopped = System.nanoTime();
        boolean drained = inFlight.tryAcquire(options.concurrency, options.timeout + 5L, TimeUnit.SECONDS);
        JitWatch.Reading jitAtEnd = jit == null || jitAtStart == null ? null : jit.read();
        if (executor != null) {
            executor.shutdownNow();
        }

        // Normally the window is [from, to); cut short by --max-requests it ends at the last response.
        long measureFrom = window.isOpen() ? window.from : sendingStopped;
        long windowEnd = !window.isOpen() ? measureFrom
                : sendingStopped - window.to < 0 ? Math.min(window.to, lastCompletion.get()) : window.to;
        double seconds = Math.max(0, windowEnd - measureFrom) / 1e9;
        long measured = latencies.count();
        double rps = seconds > 0 ? measured / seconds : 0;
        long errorCount = errors.sum() + (rotation == null ? 0 : rotation.failures());
        boolean valid = errorCount == 0 && drained && measured > 0 && (rotation == null || rotation.done());

        Map<String, String> result = new TreeMap<>();
        result.put("scenario", options.scenario);
        result.put("client", "jdk-httpclient");
        result.put("url", options.url.toString());
        result.put("tokens", Integer.toString(tokens.size()));
        result.put("concurrency", Integer.toString(options.concurrency));
        result.put("warmup_s", String.format(Locale.ROOT, "%.1f", (measureFrom - begin) / 1e9));
        if (jit != null) {
            result.put("jit_settled", Boolean.toString(jit.settled()));
        }
        if (jitAtEnd != null) {
            // The share of the measured window the server's JIT compilers spent compiling (summed over them).
            result.put("jit_share", JitWatch.share(jitAtEnd.busySince(jitAtStart)));
        }
        result.put("duration_s", String.format(Locale.ROOT, "%.3f", seconds));
        result.put("sent", Long.toString(sent));
        result.put("warmup_requests", Long.toString(warmupDone.sum()));
        result.put("requests", Long.toString(measured));
        result.put("rps", String.format(Locale.ROOT, "%.1f", rps));
        result.put("p50_ms", ms(latencies.percentileNanos(50)));
        result.put("p90_ms", ms(latencies.percentileNanos(90)));
        result.put("p99_ms", ms(latencies.percentileNanos(99)));
        result.put("max_ms", ms(latencies.maxNanos()));
        result.put("mean_ms", String.format(Locale.ROOT, "%.3f", latencies.meanNanos() / 1e6));
        result.put("errors", Long.toString(errorCount));
        result.put("valid", Boolean.toString(valid));
        if (rotation != null) {
            result.put("steady_p99_ms", ms(steady.percentileNanos(99)));
            result.put("rotation_p99_ms", ms(rotating.percentileNanos(99)));
            result.put("rotation_p99_ratio", String.format(Locale.ROOT, "%.2f",
                    rotating.percentileNanos(99) / (double) Math.max(1, steady.percentileNanos(99))));
        }
        if (options.out != null) {
            List<String> lines = new ArrayList<>();
            result.forEach((k, v) -> lines.add(k + "=" + v));
            Files.write(options.out, lines, StandardCharsets.UTF_8);
        }

        out.println("| scenario | tokens | requests/s | p50 ms | p99 ms | max ms | requests | errors |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        out.printf(Locale.ROOT, "| %s | %d | %.0f | %s | %s | %s | %d | %d |%n", options.scenario, tokens.size(), rps,
                result.get("p50_ms"), result.get("p99_ms"), result.get("max_ms"), measured, errorCount);
        if (!valid) {
            out.println("LoadClient: INVALID RUN: " + errorCount + " non-200 or failed exchange(s) " + errorKinds
                    + (drained ? "" : ", in-flight requests did not finish") + (measured == 0 ? ", nothing measured" : ""));
            return 2;
        }
        return 0;
    }

    /**
     * The measured window, opened once by the sending thread and read by the completion callbacks: {@code from} and
     * {@code to} are written before {@code open}, so a callback that sees it open sees them too.
     */
    private static final class Window {
        volatile long from;
        volatile long to;
        private volatile boolean open;

        void open(long now, long durationNanos) {
            from = now;
            to = now + durationNanos;
            open = true;
        }

        boolean isOpen() {
            return open;
        }

        boolean contains(long time) {
            return open && time - from >= 0 && time - to < 0;
        }
    }

    /** The steps of a key rotation, each called once when its time comes, off the sending thread. */
    private static final class Rotation {
        private final HttpClient client;
        private final URI control;
        private final long publishAt;
        private final long retireAt;
        private final LongAdder failures = new LongAdder();
        private final LongAdder steps = new LongAdder();
        private int next; // 0: publish due, 1: retire due, 2: done; only the sending thread reads and writes it

        Rotation(HttpClient client, URI control, long publishAt, long retireAt) {
            this.client = client;
            this.control = control;
            this.publishAt = publishAt;
            this.retireAt = retireAt;
        }

        void stepIfDue(long now) {
            if (next == 0 && now >= publishAt || next == 1 && now >= retireAt) {
                String step = next == 0 ? "publish" : "retire";
                next++;
                client.sendAsync(HttpRequest.newBuilder(URI.create(control + "?step=" + step)).build(),
                        HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                            if (failure != null || response.statusCode() != 200) {
                                failures.increment();
                            }
                            steps.increment();
                        });
            }
        }

        long failures() {
            return failures.sum();
        }

        /** True when both steps were called and answered. */
        boolean done() {
            return steps.sum() == 2;
        }
    }

    /** Only the pre-flight checks (for {@code load.sh} before it drives the server with {@code wrk}). */
    static int check(Options options, PrintStream out) throws IOException {
        List<String> tokens = Files.readAllLines(options.tokens, StandardCharsets.US_ASCII).stream()
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no token in " + options.tokens);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(options.timeout)).build();
        HttpRequest[] requests = tokens.stream().limit(3).map(t -> HttpRequest.newBuilder(options.url).GET()
                .timeout(Duration.ofSeconds(options.timeout)).header("Authorization", "Bearer " + t).build())
                .toArray(HttpRequest[]::new);
        String problem = preflight(client, requests, options);
        out.println(problem == null ? "LoadClient: pre-flight check passed" : "LoadClient: pre-flight check failed: "
                + problem);
        return problem == null ? 0 : 2;
    }

    /** Each of the first tokens is served (200), and the filter is on or off as expected; null when all is well. */
    private static String preflight(HttpClient client, HttpRequest[] requests, Options options) {
        try {
            for (int i = 0; i < Math.min(3, requests.length); i++) {
                HttpResponse<String> response = client.send(requests[i], HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return "token #" + (i + 1) + " answered " + response.statusCode() + ": " + response.body().trim();
                }
                if (options.expectFilter != null && options.expectFilter
                        && !response.body().contains("\"authorization_visible\":false")) {
                    return "Gatecheck should hide Authorization from the application: " + response.body().trim();
                }
            }
            if (options.expectFilter != null) {
                HttpRequest anonymous = HttpRequest.newBuilder(options.url).GET()
                        .timeout(Duration.ofSeconds(options.timeout)).build();
                int status = client.send(anonymous, HttpResponse.BodyHandlers.discarding()).statusCode();
                int expected = options.expectFilter ? 401 : 200;
                if (status != expected) {
                    return "a request without a token answered " + status + ", expected " + expected
                            + (options.expectFilter ? " (is Gatecheck in front?)" : " (is a filter in front?)");
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot reach " + options.url + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Prints the load server's {@code /_heap} answer. */
    private static void heap(URI uri) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.println("LoadClient: " + uri + " answered " + response.statusCode());
            System.exit(2);
        }
        System.out.print(response.body());
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "load-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The command line. */
    static final class Options {
        URI url;
        Path tokens;
        String scenario = "load";
        int concurrency = 64;
        int warmup = 10;
        int duration = 20;
        long maxRequests = 50_000_000L;
        int timeout = 10;
        int threads = 2;
        Boolean expectFilter;
        Path out;
        URI rotate;
        Path nextTokens;
        URI jit;
        int settle = 180;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    usage(args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--url" -> o.url = URI.create(v);
                    case "--tokens" -> o.tokens = Path.of(v);
                    case "--scenario" -> o.scenario = v;
                    case "--concurrency" -> o.concurrency = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Integer.parseInt(v);
                    case "--duration" -> o.duration = Integer.parseInt(v);
                    case "--max-requests" -> o.maxRequests = Long.parseLong(v);
                    case "--timeout" -> o.timeout = Integer.parseInt(v);
                    case "--threads" -> o.threads = Integer.parseInt(v);
                    case "--expect-filter" -> o.expectFilter = switch (v) {
                        case "on" -> Boolean.TRUE;
                        case "off" -> Boolean.FALSE;
                        default -> {
                            usage("--expect-filter is on or off");
                            yield null;
                        }
                    };
                    case "--out" -> o.out = Path.of(v);
                    case "--rotate" -> o.rotate = URI.create(v);
                    case "--next-tokens" -> o.nextTokens = Path.of(v);
                    case "--jit" -> o.jit = URI.create(v);
                    case "--settle" -> o.settle = Integer.parseInt(v);
                    default -> usage("unknown option " + args[i]);
                }
            }
            if (o.url == null || o.tokens == null) {
                usage("--url and --tokens are required");
            }
            for (URI uri : new URI[] {o.url, o.jit, o.rotate}) {
                if (uri != null && !"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())
                        && !"[::1]".equals(uri.getHost())) {
                    usage("the load test drives loopback only, not " + uri.getHost());
                }
            }
            if (o.concurrency < 1 || o.concurrency > 1024 || o.warmup < 0 || o.duration < 1 || o.duration > 3600
                    || o.warmup > 3600 || o.maxRequests < 1 || o.timeout < 1 || o.threads < 0 || o.settle < 0
                    || o.settle > 3600) {
                usage("out of range: --concurrency 1..1024, --warmup 0..3600, --duration 1..3600, --settle 0..3600,"
                        + " --max-requests, --timeout, --threads positive");
            }
            return o;
        }

        private static void usage(String problem) {
            System.err.println("LoadClient: " + problem + "\nusage: LoadClient --url http://127.0.0.1:PORT/api/users"
                    + " --tokens FILE [--scenario NAME] [--concurrency 64] [--warmup 10] [--duration 20]"
                    + " [--max-requests N] [--timeout 10] [--threads 2] [--expect-filter on|off] [--out FILE]"
                    + " [--jit http://127.0.0.1:PORT/_jit [--settle 180]] [--rotate URL --next-tokens FILE]\n"
                    + "       LoadClient check --url URL --tokens FILE --expect-filter on|off\n"
                    + "       LoadClient heap http://127.0.0.1:PORT/_heap");
            System.exit(64);
        }
    }
}
