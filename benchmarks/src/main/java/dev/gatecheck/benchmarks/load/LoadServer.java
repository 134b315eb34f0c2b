package dev.gatecheck.benchmarks.load;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.keys.JwksSettings;
import dev.gatecheck.internal.jwt.TokenVerifier;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.servlet.GatecheckFilter;
import jakarta.servlet.DispatcherType;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The server side of the end-to-end load test: the servlet demo's {@code /api/users} ({@link UsersServlet}) on
 * embedded Jetty 12, on 127.0.0.1 only, as a separate process the load client drives over loopback.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.gatecheck.benchmarks.load.LoadServer MODE PORT
 *      [--dir DIR] [--tokens N] [--max-seconds S]
 * </pre>
 *
 * <ul>
 *   <li>{@code nofilter}: the servlet alone, no Gatecheck (the baseline);</li>
 *   <li>{@code gatecheck}: {@link GatecheckFilter} in front of everything as the demo registers it, token mode,
 *       trusting the RS256 key generated at startup through its inline public JWKS, verified-token cache at its
 *       defaults (10,000 tokens, 60 s);</li>
 *   <li>{@code gatecheck-nocache}: the same with the cache off, so every request is a full RS256 verify;</li>
 *   <li>{@code gatecheck-rotation}: the same with the keys fetched from a JWKS endpoint ({@link RotatingJwks},
 *       fresh for 2 s) that the client rotates through {@code /_rotate}; it also writes {@code tokens-next.txt},
 *       the same subjects signed with the next key.</li>
 * </ul>
 *
 * <p>It writes {@code tokens-cached.txt} (one token, subject {@code alice}) and {@code tokens-rotating.txt}
 * ({@code --tokens}, default 10,000, distinct valid tokens: own {@code sub} and {@code jti}; the no-filter server
 * writes them too, for a baseline with the same request bytes) into {@code --dir} (default: a new temporary
 * directory), then prints one line the load script
 * waits for: {@code READY port=.. url=.. cached=.. rotating=.. heap=..}. {@code GET /_heap} (loopback only) answers
 * the heap used after two {@code System.gc()}, {@code GET /_jit} the JIT's compile time so far ({@link AdminServlet}).
 * The server stops by itself after {@code --max-seconds} (default 900), so a killed script leaves nothing running for
 * long; SIGTERM stops it at once.
 */
public final class LoadServer {
    static final String USERS_PATH = "/api/users";
    static final String HEAP_PATH = "/_heap";
    static final String JIT_PATH = "/_jit";
    /** The admin endpoints are public to Gatecheck: {@link AdminServlet} checks the peer itself. */
    private static final Route ADMIN = new Route("admin", List.of(HEAP_PATH, JIT_PATH), Set.of(), AuthMode.PUBLIC,
            Requirements.NONE);

    private LoadServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage("MODE and PORT are required");
        }
        String mode = args[0].toLowerCase(Locale.ROOT);
        if (!Set.of("nofilter", "gatecheck", "gatecheck-nocache", "gatecheck-rotation").contains(mode)) {
            usage("unknown mode " + args[0]);
        }
        int port = Integer.parseInt(args[1]);
        Path dir = null;
        int rotating = 10_000;
        long maxSeconds = 900;
        for (int i = 2; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--dir" -> dir = Path.of(require(args[i], value));
                case "--tokens" -> rotating = Integer.parseInt(require(args[i], value));
                case "--max-seconds" -> maxSeconds = Long.parseLong(require(args[i], value));
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        if (rotating < 1 || rotating > 1_000_000 || maxSeconds < 1) {
            usage("--tokens must be 1..1000000 and --max-seconds positive");
        }
        dir = dir == null ? Files.createTempDirectory("gatecheck-load-") : Files.createDirectories(dir);

        LoadTokens issuer = new LoadTokens();
        boolean filtered = !mode.equals("nofilter");
        Path cachedFile = LoadTokens.write(dir.resolve("tokens-cached.txt"),
                List.of(issuer.token(LoadTokens.CACHED_SUBJECT, 0)));
        long start = System.nanoTime();
        Path rotatingFile = LoadTokens.write(dir.resolve("tokens-rotating.txt"), issuer.distinct(rotating));
        if (rotating > 1) {
            System.out.printf(Locale.ROOT, "signed %d distinct tokens in %.1f s%n", rotating,
                    (System.nanoTime() - start) / 1e9);
        }

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        RotatingJwks rotation = null;
        String nextTokens = "";
        if (mode.equals("gatecheck-rotation")) {
            LoadTokens next = new LoadTokens(LoadTokens.NEXT_KID);
            rotation = new RotatingJwks(issuer, next);
            nextTokens = " next=" + LoadTokens.write(dir.resolve("tokens-next.txt"), next.distinct(rotating))
                    .toAbsolutePath();
            context.addServlet(new ServletHolder(rotation.control()), RotatingJwks.ROTATE_PATH);
        }
        Gatecheck gatecheck = null;
        LongSupplier cachedTokens = () -> -1;
        if (filtered) {
            gatecheck = Gatecheck.create(rotation != null ? rotationConfiguration(rotation)
                    : configuration(issuer, mode.equals("gatecheck")));
            FilterHolder filter = new FilterHolder(new GatecheckFilter(gatecheck));
            filter.setName("gatecheck");
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
            cachedTokens = cachedTokens(gatecheck);
        }
        context.addServlet(new ServletHolder(new UsersServlet()), USERS_PATH + "/*");
        ServletHolder admin = new ServletHolder(new AdminServlet(cachedTokens));
        context.addServlet(admin, HEAP_PATH);
        context.addServlet(admin, JIT_PATH);
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();

        Gatecheck engine = gatecheck;
        long lifetime = maxSeconds;
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(lifetime).toMillis());
                System.out.println("LoadServer: --max-seconds " + lifetime + " reached, stopping");
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                System.exit(0);
            }
        }, "load-server-deadline");
        deadline.setDaemon(true);
        deadline.start();

        String base = "http://127.0.0.1:" + connector.getLocalPort();
        System.out.println("READY mode=" + mode + " port=" + connector.getLocalPort() + " url=" + base + USERS_PATH
                + " heap=" + base + HEAP_PATH + " cached=" + cachedFile.toAbsolutePath()
                + " rotating=" + rotatingFile.toAbsolutePath() + nextTokens);
        System.out.flush();
        try {
            server.join();
        } finally {
            if (engine != null) {
                engine.close();
            }
            if (rotation != null) {
                rotation.close();
            }
        }
    }

    /**
     * The demo's built-in routes for this issuer: {@code /api/users} a token, the admin endpoint public (it checks
     * the peer itself), every other path a token (the default mode). With {@code cache} false the verified-token
     * cache is off.
     */
    static GatecheckConfig configuration(LoadTokens issuer, boolean cache) {
        GatecheckConfig.Builder config = GatecheckConfig.builder()
                .jwt(j -> j.issuer(LoadTokens.ISSUER).audiences(LoadTokens.AUDIENCE).jwks(issuer.jwks()))
                .route(ADMIN)
                .route(new Route("users", List.of(USERS_PATH + "/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE));
        if (!cache) {
            config.tokenCacheMaxSize(0);
        }
        return config.build();
    }

    /**
     * The same routes with the keys of {@code rotation}'s JWKS endpoint, fresh for 2 s (so a retired key is noticed
     * within the run) and refetched at most once a second for an unknown {@code kid}.
     */
    static GatecheckConfig rotationConfiguration(RotatingJwks rotation) {
        return GatecheckConfig.builder()
                .jwt(j -> j.issuer(LoadTokens.ISSUER).audiences(LoadTokens.AUDIENCE).jwksUri(rotation.uri()))
                .jwks(JwksSettings.DEFAULTS.withTtl(Duration.ofSeconds(2)).withRefreshCooldown(Duration.ofSeconds(1)))
                .route(ADMIN)
                .route(new Route("rotate", List.of(RotatingJwks.ROTATE_PATH), Set.of(), AuthMode.PUBLIC,
                        Requirements.NONE))
                .route(new Route("users", List.of(USERS_PATH + "/*"), Set.of(), AuthMode.TOKEN, Requirements.NONE))
                .build();
    }

    /**
     * Gatecheck's count of cached verified tokens. The engine does not expose it, so this reads its
     * {@link TokenVerifier} reflectively (benchmarks only); -1 if that ever stops working.
     */
    private static LongSupplier cachedTokens(Gatecheck gatecheck) {
        try {
            Field field = Gatecheck.class.getDeclaredField("tokens");
            field.setAccessible(true);
            TokenVerifier verifier = (TokenVerifier) field.get(gatecheck);
            return verifier::cachedTokens;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return () -> -1;
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("LoadServer: " + problem
                + "\nusage: LoadServer nofilter|gatecheck|gatecheck-nocache|gatecheck-rotation PORT"
                + " [--dir DIR] [--tokens N] [--max-seconds S]");
        System.exit(64);
    }
}
