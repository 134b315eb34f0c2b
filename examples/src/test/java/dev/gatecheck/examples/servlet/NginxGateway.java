package dev.gatecheck.examples.servlet;

import dev.gatecheck.testing.LocalProcesses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (with the njs module) running {@code examples/nginx} in its own prefix: its own configuration,
 * pid file, logs and temp paths, listening on a free loopback port. It runs in the foreground ({@code daemon off})
 * as a child of the JVM, so its pid is known at once; {@link #close} stops it with {@code SIGQUIT} by that pid,
 * then forcibly (master and workers) if it lingers, and a shutdown hook does the same if the test never gets to.
 */
final class NginxGateway implements AutoCloseable {
    static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/local/sbin/nginx"),
            Path.of("/usr/local/nginx/sbin/nginx"));
    static final List<Path> NJS_MODULES = List.of(Path.of("/usr/lib/nginx/modules/ngx_http_js_module.so"),
            Path.of("/usr/lib64/nginx/modules/ngx_http_js_module.so"),
            Path.of("/usr/local/nginx/modules/ngx_http_js_module.so"));
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

    private final Path prefix;
    private final Process process;
    private final URI uri;
    private final Thread shutdownHook;

    private NginxGateway(Path prefix, Process process, URI uri) {
        this.prefix = prefix;
        this.process = process;
        this.uri = uri;
        this.shutdownHook = new Thread(this::stop, "stop-nginx-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    // Not GATECHECK_*: the declarative demo refuses unknown GATECHECK_* variables in its environment.
    /** The nginx binary: {@code NGINX_E2E_BINARY}, else the first of {@link #BINARIES}, else {@code nginx} on PATH. */
    static Optional<Path> binary() {
        return explicit("NGINX_E2E_BINARY").orElseGet(
                () -> BINARIES.stream().filter(Files::isExecutable).findFirst().or(() -> LocalProcesses.onPath("nginx")));
    }

    /** The njs module: {@code NGINX_E2E_NJS_MODULE}, else the first of {@link #NJS_MODULES} that exists. */
    static Optional<Path> njsModule() {
        return explicit("NGINX_E2E_NJS_MODULE").orElseGet(
                () -> NJS_MODULES.stream().filter(Files::isRegularFile).findFirst());
    }

    /**
     * Starts nginx with {@code examples/nginx} (from {@code source}) in the fresh directory {@code prefix}, in front
     * of {@code upstream}, with {@code environment} (the signing secret) added to its own.
     */
    static NginxGateway start(Path binary, Path njsModule, Path source, Path prefix, InetSocketAddress upstream,
                              Map<String, String> environment) throws IOException, InterruptedException {
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        // Workers may run as another user (nobody, when the test runs as root) and read users.htpasswd per request.
        Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(source.resolve("gatecheck-sign.js"), prefix.resolve("gatecheck-sign.js"));
        Files.copy(source.resolve("users.htpasswd"), prefix.resolve("users.htpasswd"));
        String template = Files.readString(source.resolve("nginx.conf"), StandardCharsets.UTF_8);
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = LocalProcesses.freePort(); // nginx cannot report a port 0 bind, so pick one and retry if it is taken meanwhile
            Files.writeString(prefix.resolve("nginx.conf"), template
                    .replace("@NJS_MODULE@", njsModule.toString())
                    .replace("@LISTEN@", "127.0.0.1:" + port)
                    .replace("@UPSTREAM@", upstream.getHostString() + ":" + upstream.getPort()), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-p", prefix + "/", "-c", "nginx.conf",
                    "-e", "logs/error.log", "-g", "daemon off;")
                    .directory(prefix.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("logs/stdout.log").toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (awaitListening(process, port)) {
                    return new NginxGateway(prefix, process, URI.create("http://127.0.0.1:" + port));
                }
            } catch (RuntimeException | InterruptedException e) {
                kill(process);
                throw e;
            }
            kill(process);
            String logs = logs(prefix);
            lastFailure = new IOException("nginx did not start (exit " + exitValue(process) + "):\n" + logs);
            if (!logs.contains("Address already in use")) {
                break;
            }
        }
        throw lastFailure;
    }

    /** Where nginx listens, e.g. {@code http://127.0.0.1:40123}. */
    URI uri() {
        return uri;
    }

    /** The pid of the nginx master process. */
    long pid() {
        return process.pid();
    }

    /** Whether the master or any worker of this nginx is still running. */
    boolean running() {
        return process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive);
    }

    /** nginx's error log and its stdout/stderr, for a failure report. */
    String logs() {
        return logs(prefix);
    }

    /** Stops nginx by its pid: {@code kill -QUIT}, then forcibly. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void stop() {
        if (!running()) {
            return;
        }
        List<ProcessHandle> workers = process.descendants().toList();
        long pid = pidFile().orElse(process.pid());
        try {
            // The graceful stop the README uses: kill -QUIT $(cat nginx.pid). The pid file must name our child.
            if (pid == process.pid()) {
                new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
                process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            // fall through to the forcible stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
        kill(process);
    }

    private Optional<Long> pidFile() {
        try {
            return Optional.of(Long.parseLong(Files.readString(prefix.resolve("nginx.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean awaitListening(Process process, int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on port " + port + " within " + STARTUP);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String exitValue(Process process) {
        return process.isAlive() ? "none, killed" : Integer.toString(process.exitValue());
    }

    private static String logs(Path prefix) {
        return LocalProcesses.logs(prefix, List.of("logs/error.log", "logs/stdout.log"));
    }

    /** The path a variable names, if set: present only when it exists (an explicit choice has no fallback). */
    private static Optional<Optional<Path>> explicit(String variable) {
        String configured = System.getenv(variable);
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(configured.trim());
        return Optional.of(Files.exists(path) ? Optional.of(path) : Optional.empty());
    }
}
