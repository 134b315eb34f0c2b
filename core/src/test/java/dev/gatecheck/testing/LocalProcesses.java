package dev.gatecheck.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What tests that run a real server binary (nginx, redis-server) share: finding the binary, a free loopback port,
 * the server's logs for a failure report, and cleaning up its directory.
 */
public final class LocalProcesses {
    private LocalProcesses() {
    }

    /** A loopback port free right now, for servers that cannot report a port 0 bind (retry if taken meanwhile). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The executable {@code name} on the {@code PATH}. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    /** Each file of {@code names} under {@code dir} with a header line, "(none)" when absent: for a failure report. */
    public static String logs(Path dir, List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            Path file = dir.resolve(name);
            try {
                out.append("---- ").append(file).append('\n')
                        .append(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)\n");
            } catch (IOException e) {
                out.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return out.toString();
    }

    /** Deletes {@code dir} and what it holds; a temp directory left behind is not a test failure. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // left behind
        }
    }
}
