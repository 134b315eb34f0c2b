package dev.gatecheck.examples.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP/1.x request head kept byte for byte (as ISO-8859-1 text, one char per byte), to replay what nginx sent
 * with exactly the changes a test makes, over a plain socket: no client library normalises or refuses anything.
 */
record RawRequest(String method, String target, String version, List<Map.Entry<String, String>> headers) {

    RawRequest {
        headers = List.copyOf(headers);
    }

    /** Parses a captured head ({@code request-line CRLF *(field CRLF) CRLF}). */
    static RawRequest parse(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ", 3);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                break;
            }
            int colon = lines[i].indexOf(':');
            headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
        }
        return new RawRequest(requestLine[0], requestLine[1], requestLine[2], headers);
    }

    /** The only value of {@code name} (case-insensitive), if present. */
    Optional<String> header(String name) {
        List<String> values = headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .toList();
        if (values.size() > 1) {
            throw new AssertionError(name + " was sent " + values.size() + " times");
        }
        return values.stream().findFirst();
    }

    /** This request with another request target (path and query). */
    RawRequest withTarget(String newTarget) {
        return new RawRequest(method, newTarget, version, headers);
    }

    /** This request with another method. */
    RawRequest withMethod(String newMethod) {
        return new RawRequest(newMethod, target, version, headers);
    }

    /** This request with every {@code name} field replaced by one {@code value}, in the first one's place. */
    RawRequest with(String name, String value) {
        List<Map.Entry<String, String>> changed = new ArrayList<>();
        boolean placed = false;
        for (Map.Entry<String, String> header : headers) {
            if (!header.getKey().equalsIgnoreCase(name)) {
                changed.add(header);
            } else if (!placed) {
                changed.add(Map.entry(header.getKey(), value));
                placed = true;
            }
        }
        if (!placed) {
            changed.add(Map.entry(name, value));
        }
        return new RawRequest(method, target, version, changed);
    }

    /** This request without any {@code name} field. */
    RawRequest without(String name) {
        return new RawRequest(method, target, version,
                headers.stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).toList());
    }

    /** This request with one more {@code name} field, after the others. */
    RawRequest plus(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new RawRequest(method, target, version, more);
    }

    byte[] bytes() {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                .append("\r\n");
        headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends this request (its connection closing after the answer) to the server at {@code base}. */
    Response sendTo(URI base) throws IOException {
        return sendTo(base, new byte[0]);
    }

    /** Sends this request with {@code body} after its head (its {@code Content-Length} as captured). */
    Response sendTo(URI base, byte[] body) throws IOException {
        RawRequest closing = version.equals("HTTP/1.0") ? this : with("Connection", "close");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(closing.bytes());
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return Response.parse(socket.getInputStream());
        }
    }

    /** What came back: the status, the head as text and the body (read to the end of the connection). */
    record Response(int status, String head, String body) {
        static Response parse(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            String[] statusLine = head.split(" ", 3);
            return new Response(Integer.parseInt(statusLine[1]), head, body);
        }

        boolean hasHeader(String name, String value) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().anyMatch(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix)
                    && l.substring(prefix.length()).trim().equals(value));
        }
    }
}
