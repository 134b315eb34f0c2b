package dev.gatecheck.jaxrs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 written and read by hand on a socket, for what the JDK client cannot do reliably: {@code Expect:
 * 100-continue} (on JDK 17 it never returns when the server answers without a {@code 100}), and bodies that
 * never end.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** An answer read off a socket: status, head (status line and header lines) and body. */
    record Reply(int status, String head, String body) {
        /** The first value of header {@code name}. */
        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim()).findFirst();
        }
    }

    /**
     * {@code POST target} as a careful client sends a large body: {@code Expect: 100-continue}, then the body only
     * if the server answers {@code 100 Continue}. A server that answers without reading the body never gets it
     * (and a client that sent it anyway could see the connection reset before it reads that answer).
     *
     * @return the final answer, and whether the body was sent
     */
    static Sent postExpectingContinue(int port, String target, byte[] body, List<String> headers)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            for (int i = 0; i < headers.size(); i += 2) {
                head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\nExpect: 100-continue\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            Reply reply = read(in);
            if (reply.status() != 100) {
                return new Sent(reply, false);
            }
            out.write(body);
            out.flush();
            return new Sent(read(in), true);
        }
    }

    /** The final answer to a {@link #postExpectingContinue} and whether the body went out. */
    record Sent(Reply reply, boolean bodySent) {
    }

    /** Reads one answer: its head, then as many body bytes as its {@code Content-Length} says (none for a 1xx). */
    static Reply read(InputStream in) throws IOException {
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        if (status < 200) {
            return new Reply(status, head, "");
        }
        Reply headOnly = new Reply(status, head, "");
        int length = headOnly.header("Content-Length").map(Integer::parseInt)
                .orElseThrow(() -> new AssertionError("no Content-Length in " + head));
        return new Reply(status, head, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the answer's head: " + head);
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
