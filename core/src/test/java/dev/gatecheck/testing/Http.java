package dev.gatecheck.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Real HTTP calls to a server under test on loopback: through the JDK client ({@link #get}, {@link #send},
 * {@link #post}), or written byte for byte on a socket where a client library would normalise or refuse what the
 * test means to send ({@link #exchange}, {@link #raw}, {@link #sendExpectingContinue}). Headers are given as name,
 * value pairs, a name may repeat. Every read has a 10 s guard, so a server that never answers fails the test.
 */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Duration GUARD = Duration.ofSeconds(10);

    private Http() {
    }

    /** An answer: status, header lines and body. */
    public record Reply(int status, List<Map.Entry<String, String>> headerLines, String body) {
        public Reply {
            headerLines = List.copyOf(headerLines);
        }

        /** The first value of header {@code name} (case-insensitive). */
        public Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }

        /** Every value of header {@code name} (case-insensitive), in order. */
        public List<String> headers(String name) {
            return headerLines.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .toList();
        }

        /** The body as report applications write it: {@code name: value} lines. */
        public Map<String, String> report() {
            return Http.report(body);
        }
    }

    /** The final answer to a request sent with {@code Expect: 100-continue}, and whether the body went out. */
    public record Sent(Reply reply, boolean bodySent) {
        public int status() {
            return reply.status();
        }

        public String body() {
            return reply.body();
        }
    }

    /** Requests relative to one base URI, e.g. {@code http://127.0.0.1:<port>/app}. */
    public record Target(URI base) {
        public Reply get(String path, String... headers) {
            return Http.get(uri(path), headers);
        }

        public Reply send(String method, String path, String... headers) {
            return Http.send(method, uri(path), headers);
        }

        public Reply post(String path, byte[] body, String... headers) {
            return Http.post(uri(path), body, headers);
        }

        /** {@code base} followed by {@code path}, as written. */
        public URI uri(String path) {
            return URI.create(base + path);
        }
    }

    /** Requests relative to {@code base}. */
    public static Target at(URI base) {
        return new Target(base);
    }

    /** {@code Authorization: Bearer <token>} followed by the name, value pairs {@code more}. */
    public static String[] bearer(String token, String... more) {
        String[] headers = new String[more.length + 2];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        System.arraycopy(more, 0, headers, 2, more.length);
        return headers;
    }

    public static Reply get(URI uri, String... headers) {
        return send("GET", uri, headers);
    }

    public static Reply send(String method, URI uri, String... headers) {
        return send(method, uri, HttpRequest.BodyPublishers.noBody(), headers);
    }

    public static Reply post(URI uri, byte[] body, String... headers) {
        return send("POST", uri, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    private static Reply send(String method, URI uri, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(GUARD).method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            List<Map.Entry<String, String>> lines = new ArrayList<>();
            response.headers().map().forEach((name, values) -> values.forEach(v -> lines.add(Map.entry(name, v))));
            return new Reply(response.statusCode(), lines, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code GET target} written byte for byte on a socket to 127.0.0.1: {@code target} as the request target, as
     * it is (ISO-8859-1), then {@code Host}, {@code headers} and {@code Connection: close}.
     */
    public static Reply raw(int port, String target, String... headers) {
        return exchange(port, "GET", target, null, headers);
    }

    /**
     * {@code method target} written byte for byte: the request line, {@code Host}, {@code headers} (names and values
     * as given, ISO-8859-1), {@code Content-Length} when there is a {@code body}, {@code Connection: close}, then
     * the body. The answer is read until the server closes.
     */
    public static Reply exchange(int port, String method, String target, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] bytes = head.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        return exchange(port, body == null ? bytes : Bytes.concat(bytes, body), method.equals("HEAD"));
    }

    /** Writes {@code request} as it is on a new connection and reads the one answer. */
    public static Reply exchange(int port, byte[] request) {
        return exchange(port, request, false);
    }

    private static Reply exchange(int port, byte[] request, boolean head) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) GUARD.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream(), head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST of {@code body} as a careful client sends a large one: see {@link #sendExpectingContinue}. */
    public static Sent postExpectingContinue(URI uri, byte[] body, String... headers) throws IOException {
        return sendExpectingContinue("POST", uri, body, false, headers);
    }

    /**
     * {@code method} with {@code body} as a careful client sends a large one, written by hand on a socket (the JDK
     * 17 client never returns when the server answers such a request without a {@code 100}): {@code Expect:
     * 100-continue}, and the body only if the server answers {@code 100 Continue}; framed by {@code Content-Length},
     * or as one chunk when {@code chunked}. A server that answers without reading the body never gets it.
     */
    public static Sent sendExpectingContinue(String method, URI uri, byte[] body, boolean chunked, String... headers)
            throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) GUARD.toMillis());
            StringBuilder head = new StringBuilder(method + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\nHost: "
                    + uri.getAuthority() + "\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            head.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length)
                    .append("\r\nExpect: 100-continue\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            Reply answer = read(in, false);
            if (answer.status() != 100) {
                return new Sent(answer, false);
            }
            out.write(chunked ? chunk(body) : body);
            out.flush();
            return new Sent(read(in, false), true);
        }
    }

    /**
     * Reads one answer from {@code in}: its head, then its body as framed ({@code Content-Length}, chunked, or up
     * to the end of the stream); none for a {@code 1xx} or an answer to {@code HEAD}.
     */
    public static Reply read(InputStream in, boolean toHead) throws IOException {
        String head = readLine(in, "\r\n\r\n");
        if (!head.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer: " + head);
        }
        int status = Integer.parseInt(head.substring(9, 12));
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        head.lines().skip(1).filter(l -> l.indexOf(':') > 0).forEach(l -> lines.add(
                Map.entry(l.substring(0, l.indexOf(':')).trim(), l.substring(l.indexOf(':') + 1).trim())));
        Reply headOnly = new Reply(status, lines, "");
        if (status < 200 || toHead || status == 204 || status == 304) {
            return headOnly;
        }
        Optional<String> length = headOnly.header("Content-Length");
        byte[] body;
        if (length.isPresent()) {
            body = in.readNBytes(Integer.parseInt(length.get()));
        } else if (headOnly.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                .orElse(false)) {
            body = dechunk(in);
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, lines, new String(body, StandardCharsets.UTF_8));
    }

    /** {@code name: value} lines, the first {@code ": "} separating them. */
    public static Map<String, String> report(String body) {
        Map<String, String> report = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                report.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return report;
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, "\r\n").trim();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon), 16);
            if (size == 0) {
                while (!readLine(in, "\r\n").equals("\r\n")) {
                    // trailer fields: not part of the body
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in, "\r\n");
        }
    }

    private static byte[] chunk(byte[] body) {
        byte[] size = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return Bytes.concat(Bytes.concat(size, body), "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Bytes up to and including {@code end}, as ISO-8859-1 text. */
    private static String readLine(InputStream in, String end) throws IOException {
        StringBuilder line = new StringBuilder();
        while (line.length() < end.length() || !line.substring(line.length() - end.length()).equals(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the middle of an answer: " + line);
            }
            line.append((char) b);
        }
        return line.toString();
    }
}
