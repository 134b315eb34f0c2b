package dev.gatecheck.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} for one benchmark trial: a child process on a free loopback port with its own directory,
 * no persistence, stopped at the end. The binary is {@code REDIS_BINARY}, else {@code redis-server} on the PATH.
 */
final class LocalRedis implements AutoCloseable {
    private static final long STARTUP_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRedis(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static LocalRedis start() throws IOException, InterruptedException {
        String binary = System.getenv().getOrDefault("REDIS_BINARY", "redis-server");
        Path dir = Files.createTempDirectory("gatecheck-bench-redis");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--logfile", dir.resolve("redis.log")
                        .toString())).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        LocalRedis redis = new LocalRedis(process, port, dir);
        long deadline = System.nanoTime() + STARTUP_NANOS;
        while (!redis.answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = redis.log("stdout.log") + redis.log("redis.log");
                redis.close();
                throw new IOException("redis-server did not start on port " + port + ":\n" + log);
            }
            Thread.sleep(20);
        }
        return redis;
    }

    private String log(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return in.read() == '+';
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (String file : List.of("redis.log", "stdout.log")) {
            Files.deleteIfExists(dir.resolve(file));
        }
        Files.deleteIfExists(dir);
    }
}
