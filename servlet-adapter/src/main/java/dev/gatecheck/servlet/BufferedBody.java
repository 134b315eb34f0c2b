package dev.gatecheck.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request whose body the filter read (on a webhook route, to verify its signature) and now hands to the
 * application unchanged: {@link #getInputStream()} and {@link #getReader()} replay the same bytes, and the
 * parameters are those of the query string followed by those of a form-encoded body, as the container would
 * have parsed them. Multipart parts are not replayed.
 */
final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;
    private Map<String, String[]> parameters;

    BufferedBody(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** Reads at most {@code limit} + 1 bytes of {@code request}'s body: one more than allowed tells it is too large. */
    static byte[] read(HttpServletRequest request, long limit) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
    }

    @Override
    public ServletInputStream getInputStream() {
        return new Replay(body);
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = getParameterMap().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public synchronized Map<String, String[]> getParameterMap() {
        if (parameters == null) {
            Map<String, List<String>> parsed = new LinkedHashMap<>();
            String query = getQueryString();
            if (query != null) {
                parse(query, StandardCharsets.UTF_8, parsed);
            }
            String type = getContentType();
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                parse(new String(body, charset()), charset(), parsed);
            }
            Map<String, String[]> frozen = new LinkedHashMap<>();
            parsed.forEach((name, values) -> frozen.put(name, values.toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(frozen);
        }
        return parameters;
    }

    /** The request's character encoding, UTF-8 when it names none (or one this JVM does not know). */
    private Charset charset() {
        String name = getCharacterEncoding();
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** {@code a=1&b=2} into {@code into}, escapes decoded with {@code charset}. */
    private static void parse(String raw, Charset charset, Map<String, List<String>> into) {
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset);
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    private static String decode(String raw, Charset charset) {
        try {
            return URLDecoder.decode(raw, charset);
        } catch (IllegalArgumentException malformedEscape) {
            return raw;
        }
    }

    /** The buffered bytes as a servlet input stream; a read listener hears of them at once. */
    private static final class Replay extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        Replay(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                if (!isFinished()) {
                    listener.onDataAvailable();
                }
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
