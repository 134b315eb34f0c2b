package dev.gatecheck.servlet;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Real HTTP calls to the container under test, with the JDK client. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /** A GET of {@code uri}; add headers with {@code headers} as name, value pairs (a name may repeat). */
    static Reply get(URI uri, String... headers) {
        return send("GET", uri, headers);
    }

    static Reply send(String method, URI uri, String... headers) {
        return send(method, uri, HttpRequest.BodyPublishers.noBody(), headers);
    }

    /** A POST of {@code body} to {@code uri}. */
    static Reply post(URI uri, byte[] body, String... headers) {
        return send("POST", uri, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /**
     * A POST of {@code body} as a careful client sends a large one, written by hand on a socket (the JDK 17 client
     * never returns when the server answers such a request without a {@code 100}): {@code Expect: 100-continue},
     * and the body only if the server answers {@code 100 Continue}.
     */
    static Sent postExpectingContinue(URI uri, byte[] body, String... headers) throws IOException {
        return sendExpectingContinue("POST", uri, body, false, headers);
    }

    /**
     * {@code method} with {@code body} the same careful way as {@link #postExpectingContinue}: framed by
     * {@code Content-Length}, or sent as one chunk ({@code Transfer-Encoding: chunked}) when {@code chunked}.
     */
    static Sent sendExpectingContinue(String method, URI uri, byte[] body, boolean chunked, String... headers)
            throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: "
                    + uri.getAuthority() + "\r\n" + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: "
                    + body.length) + "\r\nExpect: 100-continue\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = headOf(in);
            boolean bodySent = answer.startsWith("HTTP/1.1 100");
            if (bodySent) {
                out.write(chunked ? chunk(body) : body);
                out.flush();
                answer = headOf(in);
            }
            int length = Integer.parseInt(answer.lines().filter(l -> l.toLowerCase(Locale.ROOT)
                    .startsWith("content-length:")).findFirst().orElseThrow().substring(15).trim());
            return new Sent(Integer.parseInt(answer.substring(9, 12)),
                    new String(in.readNBytes(length), StandardCharsets.UTF_8), bodySent);
        }
    }

    private static byte[] chunk(byte[] body) {
        byte[] size = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] framed = java.util.Arrays.copyOf(size, size.length + body.length + end.length);
        System.arraycopy(body, 0, framed, size.length, body.length);
        System.arraycopy(end, 0, framed, size.length + body.length, end.length);
        return framed;
    }

    /**
     * {@code GET target} written byte for byte on a socket (the JDK client normalises paths and refuses many
     * spellings): {@code target} as the request target, as it is (ISO-8859-1), then {@code Host}, {@code headers}
     * (name, value pairs) and {@code Connection: close}. The answer is read until the server closes.
     */
    static Raw raw(int port, String target, String... headers) {
        StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return exchange(port, head.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code request} on a new connection and reads the whole answer, until the server closes. */
    static Raw exchange(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 ") || end < 0) {
                throw new IOException("not an HTTP/1.1 answer: " + answer);
            }
            return new Raw(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, end), answer.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer read off a socket: status, head (status line and header lines) and body as sent. */
    record Raw(int status, String head, String body) {
        /** The body as the report servlets write it: {@code name: value} lines. */
        Map<String, String> report() {
            return Http.report(body);
        }
    }

    /** {@code name: value} lines, the first {@code ": "} separating them. */
    static Map<String, String> report(String body) {
        Map<String, String> report = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                report.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return report;
    }

    /** The final answer to {@link #postExpectingContinue}, and whether the server asked for the body. */
    record Sent(int status, String body, boolean bodySent) {
    }

    /** The status line and header lines of one answer, up to the blank line. */
    private static String headOf(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the answer's head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static Reply send(String method, URI uri, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers and body. */
    record Reply(int status, HttpResponse<String> response, String body) {
        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** The body as the report servlet writes it: {@code name: value} lines. */
        Map<String, String> report() {
            return Http.report(body);
        }
    }
}
