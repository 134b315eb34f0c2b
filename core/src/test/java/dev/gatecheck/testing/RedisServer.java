package dev.gatecheck.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for tests: a child of the JVM on a free loopback port, with its own directory (no
 * persistence), stopped by its pid. {@link #kill()} ends it the hard way (a crash), {@link #restart()} starts it
 * again on the same port. {@link #command} talks RESP over a plain socket, independently of the client under test
 * (authenticating first when the options hold {@code --requirepass}).
 *
 * <p>Where {@code redis-server} is missing the tests skip with a clear message ({@link #binaryOrSkip()}); with
 * {@code REDIS_E2E_REQUIRED=1} (set by {@code .ci/run}) they fail instead.
 */
public final class RedisServer implements AutoCloseable {
    static final List<Path> BINARIES = List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server"));
    public static final String NOT_INSTALLED = "redis-server not installed: run .ci/run or apt-get install -y"
            + " redis-server (REDIS_E2E_BINARY names another binary)";
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration STOP = Duration.ofSeconds(10);

    private final Path binary;
    private final Path dir;
    private final int port;
    private final List<String> leading;
    private final List<String> options;
    private final Thread shutdownHook;
    private Process process;

    private RedisServer(Path binary, Path dir, int port, List<String> leading, List<String> options,
                        Process process) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.leading = List.copyOf(leading);
        this.options = List.copyOf(options);
        this.process = process;
        this.shutdownHook = new Thread(this::kill, "stop-redis-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The {@code redis-server} binary: {@code REDIS_E2E_BINARY}, else a usual place, else on the PATH. */
    public static Optional<Path> binary() {
        String configured = System.getenv("REDIS_E2E_BINARY");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        return BINARIES.stream().filter(Files::isExecutable).findFirst().or(() -> LocalProcesses.onPath("redis-server"));
    }

    /** The binary; fails under {@code REDIS_E2E_REQUIRED=1} when there is none, else skips the test. */
    public static Path binaryOrSkip() {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            if ("1".equals(System.getenv("REDIS_E2E_REQUIRED"))) {
                Assertions.fail(NOT_INSTALLED);
            }
            System.err.println("WARNING: skipped: " + NOT_INSTALLED);
            Assumptions.abort(NOT_INSTALLED);
        }
        return binary.get();
    }

    /** Starts {@code binary} on a free loopback port in the fresh directory {@code dir}, with extra {@code options}. */
    public static RedisServer start(Path binary, Path dir, String... options) throws IOException {
        return start(binary, dir, List.of(), List.of(options));
    }

    /**
     * Starts a Sentinel in the fresh directory {@code dir} that watches the master {@code masterName} at
     * {@code masterPort} (quorum 1, down after 1 s).
     */
    public static RedisServer sentinel(Path binary, Path dir, String masterName, int masterPort) throws IOException {
        Files.createDirectories(dir);
        Path conf = Files.writeString(dir.resolve("sentinel.conf"), String.join("\n",
                "sentinel resolve-hostnames no",
                "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " 1",
                "sentinel down-after-milliseconds " + masterName + " 1000",
                "sentinel failover-timeout " + masterName + " 10000", ""));
        return start(binary, dir, List.of(conf.toString()), List.of("--sentinel"));
    }

    private static RedisServer start(Path binary, Path dir, List<String> leading, List<String> options)
            throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = LocalProcesses.freePort(); // redis-server cannot listen on port 0 (it means "no TCP"): retry
            try {
                return new RedisServer(binary, dir, port, leading, options, launch(binary, dir, port, leading,
                        options));
            } catch (IOException e) {
                last = e;
                if (!e.getMessage().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    /** The port it listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Its directory (configuration, log). */
    public Path dir() {
        return dir;
    }

    /** Whether the server process is running. */
    public synchronized boolean running() {
        return process.isAlive();
    }

    /** Ends the server at once ({@code SIGKILL}), as a crash would, and waits until it is gone. */
    public synchronized void kill() {
        process.destroyForcibly();
        waitFor(process);
    }

    /** Starts the server again on the same port and directory (after {@link #kill()}). */
    public synchronized void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is still running");
        }
        process = launch(binary, dir, port, leading, options);
    }

    /** Sends one command and returns the reply: a String, Long, List or null; an error reply throws. */
    public Object command(String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Optional<String> password = password();
            if (password.isPresent()) {
                out.write(encode("AUTH", password.get()));
                out.flush();
                read(in);
            }
            out.write(encode(args));
            out.flush();
            return read(in);
        }
    }

    /** Every key the server holds ({@code KEYS *}: fine for a test's few). */
    public List<String> keys() throws IOException {
        return ((List<?>) command("KEYS", "*")).stream().map(String.class::cast).sorted().toList();
    }

    private Optional<String> password() {
        int at = options.indexOf("--requirepass");
        return at < 0 ? Optional.empty() : Optional.of(options.get(at + 1));
    }

    /** The server's log, for a failure report. */
    public String log() {
        return log(dir);
    }

    /** Stops the server ({@code SHUTDOWN NOSAVE}, then forcibly) and forgets its shutdown hook. */
    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            try {
                command("SHUTDOWN", "NOSAVE");
            } catch (IOException expected) {
                // the server closes the connection as it exits
            }
            try {
                process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private static Process launch(Path binary, Path dir, int port, List<String> leading, List<String> options)
            throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(leading); // a configuration file comes first
        command.addAll(List.of("--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        try {
            Awaitility.await("redis-server answering PING on port " + port).atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !process.isAlive() || answersPing(port));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            waitFor(process);
            throw new IOException("redis-server did not start on port " + port + ":\n" + log(dir), e);
        }
        if (!process.isAlive()) {
            throw new IOException("redis-server exited (" + process.exitValue() + "):\n" + log(dir));
        }
        return process;
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(encode("PING"));
            int reply = socket.getInputStream().read(); // +PONG, or -NOAUTH with --requirepass: either way it answers
            return reply == '+' || reply == '-';
        } catch (IOException notYet) {
            return false;
        }
    }

    private static byte[] encode(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IOException("Redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("not a RESP2 reply: " + (char) type + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed mid-reply");
            }
            line.write(c);
        }
        in.read(); // \n
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String log(Path dir) {
        return LocalProcesses.logs(dir, List.of("redis.log", "stdout.log"));
    }
}
