package dev.gatecheck.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser for token headers and claims: no trailing commas, leading zeros, raw control
 * characters, lone surrogates, bytes that are not UTF-8, duplicate member names or non-finite numbers, and a depth
 * cap. Objects become read-only {@link Map}s in document order, arrays read-only {@link List}s, numbers
 * {@link Long} when integral and in range, else {@link Double}; JSON {@code null} becomes {@code null}. Internal.
 */
public final class Json {
    /** The document in UTF-8, read byte by byte: a token's claims are parsed straight from their decoded bytes. */
    private final byte[] in;
    private final int end;
    private final int maxDepth;
    private int pos;
    /** Whether the last name {@link #readName} read is a registered one (so the shared instance). */
    private boolean nameRegistered;

    private Json(byte[] in, int from, int to, int maxDepth) {
        this.in = in;
        this.pos = from;
        this.end = to;
        this.maxDepth = maxDepth;
    }

    /** Parses {@code text} as one JSON object. */
    public static Map<String, Object> parseObject(String text, int maxDepth) throws JsonException {
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new JsonException("lone_surrogate"); // a String's only way not to be UTF-8
        }
        return parseObject(utf8.array(), 0, utf8.limit(), maxDepth);
    }

    /** Parses the UTF-8 bytes {@code utf8[from, to)} as one JSON object; any byte sequence that is not UTF-8 fails. */
    public static Map<String, Object> parseObject(byte[] utf8, int from, int to, int maxDepth) throws JsonException {
        Json parser = new Json(utf8, from, to, maxDepth);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw new JsonException("not_an_object");
        }
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos != to) {
            throw new JsonException("trailing_data");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    /** {@code s} as a JSON string literal (quotes and escapes included). */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private Object readValue(int depth) throws JsonException {
        skipWhitespace();
        char c = peek();
        return switch (c) {
            case '{' -> readObject(depth + 1);
            case '[' -> readArray(depth + 1);
            case '"' -> readString();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw new JsonException("unexpected_character");
            }
        };
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        JsonObject.Builder object = new JsonObject.Builder();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return object.build();
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("expected_member_name");
            }
            String name = readName();
            boolean registered = nameRegistered;
            skipWhitespace();
            expect(':');
            if (!object.add(name, registered, peekAfterWhitespace() == '"' ? readMemberString() : readValue(depth))) {
                throw new JsonException("duplicate_member");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return object.build();
            }
            if (c != ',') {
                throw new JsonException("expected_comma");
            }
        }
    }

    private List<Object> readArray(int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        ArrayList<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            list.add(readValue(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                list.trimToSize(); // claims may be kept as long as their token is cached
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                throw new JsonException("expected_comma");
            }
        }
    }

    /**
     * A member name: {@link #readString()}, as the shared instance when the name is a registered one, which
     * {@link #nameRegistered} then says.
     */
    private String readName() throws JsonException {
        int start = pos + 1; // after the opening quote
        int stop = ByteScan.endOfPlainAscii(in, start, end);
        boolean plain = stop < end && in[stop] == '"';
        String registered = plain ? JsonNames.shared(in, start, stop) : null;
        if (registered != null) {
            pos = stop + 1;
            nameRegistered = true;
            return registered;
        }
        String name = readString(start, stop);
        String shared = plain ? name : JsonNames.shared(name); // a registered name may be spelled with escapes
        nameRegistered = shared != name;
        return shared;
    }

    private String readString() throws JsonException {
        int start = pos + 1; // after the opening quote
        return readString(start, ByteScan.endOfPlainAscii(in, start, end));
    }

    /**
     * A member's string value: a long plain one as {@link JsonObject.LongText}, copied out only when read (a token's
     * claims are mostly not read: a 3 KB claim is a 3 KB copy otherwise), any other as {@link #readString()}.
     */
    private Object readMemberString() throws JsonException {
        int start = pos + 1;
        int stop = ByteScan.endOfPlainAscii(in, start, end);
        if (stop - start >= JsonObject.LongText.MIN_LENGTH && stop < end && in[stop] == '"') {
            pos = stop + 1;
            return new JsonObject.LongText(in, start, stop);
        }
        return readString(start, stop);
    }

    private char peekAfterWhitespace() {
        skipWhitespace();
        return peek();
    }

    /**
     * The string whose content starts at {@code start}, where its printable-ASCII run ends at {@code stop}: the common
     * case, a run up to the closing quote, is one copy.
     */
    private String readString(int start, int stop) throws JsonException {
        if (stop == end) {
            throw new JsonException("unexpected_end");
        }
        if (in[stop] != '"') {
            return readStringSlowly(start);
        }
        pos = stop + 1;
        return new String(in, start, stop - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * A string with escapes or non-ASCII characters: its bytes up to the closing quote are decoded as strict UTF-8
     * (no overlong forms, no encoded surrogates), then unescaped. A quote or backslash byte is never part of a
     * multi-byte UTF-8 sequence, so the closing quote is found on the bytes.
     */
    private String readStringSlowly(int start) throws JsonException {
        int close = start;
        while (close < end && in[close] != '"') {
            close += in[close] == '\\' ? 2 : 1;
        }
        if (close >= end) {
            throw new JsonException("unexpected_end");
        }
        String raw = Utf8.decode(in, start, close - start);
        if (raw == null) {
            throw new JsonException("bad_utf8");
        }
        pos = close + 1;
        return unescape(raw);
    }

    /** The value of a string literal's decoded content {@code raw}: escapes resolved, surrogates paired. */
    private static String unescape(String raw) throws JsonException {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20) {
                throw new JsonException("control_character_in_string");
            }
            if (c != '\\') {
                out.append(c); // strict UTF-8 decoding only gives surrogates in pairs
                continue;
            }
            char e = raw.charAt(++i); // the closing-quote search keeps a character after every backslash
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> i = unescapeUnicode(raw, i + 1, out) - 1;
                default -> throw new JsonException("bad_escape");
            }
        }
        return out.toString();
    }

    /** Appends the character of the {@code \\u} escape whose hex digits start at {@code at}; the index after it. */
    private static int unescapeUnicode(String raw, int at, StringBuilder out) throws JsonException {
        char c = hex4(raw, at);
        if (Character.isLowSurrogate(c)) {
            throw new JsonException("lone_surrogate");
        }
        if (!Character.isHighSurrogate(c)) {
            out.append(c);
            return at + 4;
        }
        if (!raw.startsWith("\\u", at + 4)) {
            throw new JsonException("lone_surrogate");
        }
        char low = hex4(raw, at + 6);
        if (!Character.isLowSurrogate(low)) {
            throw new JsonException("lone_surrogate");
        }
        out.append(c).append(low);
        return at + 10;
    }

    private static char hex4(String raw, int at) throws JsonException {
        if (at + 4 > raw.length()) {
            throw new JsonException("bad_escape");
        }
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            char digit = raw.charAt(i);
            // ASCII only: Character.digit also takes Arabic-Indic and fullwidth digits.
            if (!HexFormat.isHexDigit(digit)) {
                throw new JsonException("bad_escape");
            }
            value = value * 16 + HexFormat.fromHexDigit(digit);
        }
        return (char) value;
    }

    private Object readNumber() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new JsonException("bad_number");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw new JsonException("bad_number");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new JsonException("bad_number");
            }
            digits();
        }
        if (integral && pos - start <= 18) { // 18 digits, or a sign and 17: never beyond a long
            return integer(start, pos);
        }
        String literal = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        if (integral && literal.length() <= 20) { // 19 digits and a sign: Long.MIN_VALUE is a Long too
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException overflow) {
                // falls through to a double
            }
        }
        if (literal.length() > 64) {
            throw new JsonException("bad_number");
        }
        double d;
        try {
            d = new BigDecimal(literal).doubleValue();
        } catch (NumberFormatException exponentBeyondInt) {
            // BigDecimal refuses exponents outside the int range ("1e9999999999"): out of range, not a crash.
            throw new JsonException("number_out_of_range");
        }
        if (Double.isInfinite(d)) {
            throw new JsonException("number_out_of_range");
        }
        return d;
    }

    /** The integer whose grammatical literal (an optional minus, then digits) is {@code in[from, to)}. */
    private Long integer(int from, int to) {
        boolean negative = in[from] == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            value = value * 10 + (in[i] - '0');
        }
        return negative ? -value : value;
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws JsonException {
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                throw new JsonException("unexpected_character");
            }
        }
        return value;
    }

    private void checkDepth(int depth) throws JsonException {
        if (depth > maxDepth) {
            throw new JsonException("too_deep");
        }
    }

    private void expect(char c) throws JsonException {
        if (next() != c) {
            throw new JsonException("unexpected_character");
        }
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = in[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The next byte as a character (0x80 and above stay above ASCII, where no grammar rule matches), or NUL. */
    private char peek() {
        return pos < end ? (char) (in[pos] & 0xFF) : '\0';
    }

    private char next() throws JsonException {
        if (pos >= end) {
            throw new JsonException("unexpected_end");
        }
        return (char) (in[pos++] & 0xFF);
    }

    /** Malformed JSON; the message is a short reason code and never echoes the input. */
    public static final class JsonException extends Exception {
        public JsonException(String reason) {
            super(reason, null, false, false);
        }
    }
}
