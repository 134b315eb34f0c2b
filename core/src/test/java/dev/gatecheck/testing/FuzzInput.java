package dev.gatecheck.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a fuzzer's raw bytes as the text fields a fuzz test hands to a parser, in a plain format so seed files can
 * be written by hand: lines, {@code Name: value} header lines, and a body after the first empty line.
 */
public final class FuzzInput {
    private FuzzInput() {
    }

    /**
     * The committed seed {@code name} of fuzz test {@code method} in {@code test}, read from where Jazzer reads it:
     * {@code <package>/<TestClass>Inputs/<method>/<name>} in the test resources.
     */
    public static byte[] seed(Class<?> test, String method, String name) {
        String path = test.getSimpleName() + "Inputs/" + method + "/" + name;
        try (InputStream in = test.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes as Latin-1 text: one character per byte, as a servlet container decodes a header or a raw path. */
    public static String latin1(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }

    /** The Latin-1 text of {@code data} split at {@code \n}, at most {@code limit} parts (the last keeps the rest). */
    public static List<String> lines(byte[] data, int limit) {
        return List.of(latin1(data).split("\n", limit));
    }

    /** {@code Name: value} lines as header entries (value trimmed of the one space after the colon); others skipped. */
    public static List<Map.Entry<String, String>> headers(List<String> lines) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String value = line.substring(colon + 1);
                headers.add(new AbstractMap.SimpleImmutableEntry<>(line.substring(0, colon),
                        value.startsWith(" ") ? value.substring(1) : value));
            }
        }
        return headers;
    }

    /** An HTTP message: header lines, an empty line, then the body bytes as they are. */
    public record Message(List<Map.Entry<String, String>> headers, byte[] body) {
    }

    /** {@code data} as header lines up to the first empty line ({@code \n\n}) and the bytes after it as the body. */
    public static Message message(byte[] data) {
        int end = indexOfBlankLine(data);
        byte[] head = end < 0 ? data : Arrays.copyOf(data, end);
        byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(data, end + 2, data.length);
        return new Message(headers(List.of(latin1(head).split("\n", -1))), body);
    }

    private static int indexOfBlankLine(byte[] data) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == '\n' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The start of {@code text} with every character outside printable ASCII escaped, for assertion messages. */
    public static String preview(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), 200); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return "'" + out + (text.length() > 200 ? "...' (" + text.length() + " characters)" : "'");
    }
}
