package dev.gatecheck.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser for token headers and claims: no trailing commas, leading zeros, raw control
 * characters, lone surrogates, duplicate member names or non-finite numbers, and a depth cap.
 * Objects become read-only {@link Map}s, arrays read-only {@link List}s, numbers {@link Long} when integral
 * and in range, else {@link Double}; JSON {@code null} becomes {@code null}. Internal.
 */
public final class Json {
    private final String text;
    private final int maxDepth;
    private int pos;

    private Json(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** Parses {@code text} as one JSON object. */
    public static Map<String, Object> parseObject(String text, int maxDepth) throws JsonException {
        Json parser = new Json(text, maxDepth);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw new JsonException("not_an_object");
        }
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
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

    /**
     * Registered JOSE and JWT member names, shared by every parse: a cached token keeps its claims, and without this
     * each would hold its own copy of {@code "iss"}, {@code "exp"} and the rest.
     */
    private static final Map<String, String> NAMES = Map.ofEntries(java.util.stream.Stream.of("alg", "kid", "typ",
            "cty", "crit", "jwk", "jku", "x5c", "x5u", "x5t", "x5t#S256", "b64", "zip", "enc", "iss", "sub", "aud",
            "exp", "nbf", "iat", "jti", "scope", "scp", "roles", "groups", "org", "azp", "sid", "acr", "amr",
            "auth_time", "client_id", "cnf", "jkt", "htm", "htu", "ath", "nonce", "email", "email_verified", "name",
            "preferred_username", "given_name", "family_name", "realm_access", "resource_access", "allowed-origins",
            "session_state", "tid", "oid", "ver", "uti", "active", "token_type", "username", "identity", "hd",
            "custom").map(n -> Map.entry(n, n)).toArray(Map.Entry[]::new));

    private static String shared(String name) {
        return NAMES.getOrDefault(name, name);
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("expected_member_name");
            }
            String name = shared(readString());
            skipWhitespace();
            expect(':');
            Object value = readValue(depth);
            if (map.containsKey(name)) {
                throw new JsonException("duplicate_member");
            }
            map.put(name, value);
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                throw new JsonException("expected_comma");
            }
        }
    }

    private List<Object> readArray(int depth) throws JsonException {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
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
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                throw new JsonException("expected_comma");
            }
        }
    }

    private String readString() throws JsonException {
        pos++; // opening quote
        StringBuilder out = null;
        int start = pos;
        while (true) {
            char c = next();
            if (c == '"') {
                return out == null ? text.substring(start, pos - 1) : out.toString();
            }
            if (c < 0x20) {
                throw new JsonException("control_character_in_string");
            }
            if (out == null && (c == '\\' || Character.isSurrogate(c))) {
                out = new StringBuilder().append(text, start, pos - 1);
            }
            if (c == '\\') {
                readEscape(out);
            } else if (Character.isHighSurrogate(c)) {
                char low = next();
                if (!Character.isLowSurrogate(low)) {
                    throw new JsonException("lone_surrogate");
                }
                out.append(c).append(low);
            } else if (Character.isLowSurrogate(c)) {
                throw new JsonException("lone_surrogate");
            } else if (out != null) {
                out.append(c);
            }
        }
    }

    private void readEscape(StringBuilder out) throws JsonException {
        char e = next();
        switch (e) {
            case '"', '\\', '/' -> out.append(e);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                char c = readHex4();
                if (Character.isHighSurrogate(c)) {
                    if (next() != '\\' || next() != 'u') {
                        throw new JsonException("lone_surrogate");
                    }
                    char low = readHex4();
                    if (!Character.isLowSurrogate(low)) {
                        throw new JsonException("lone_surrogate");
                    }
                    out.append(c).append(low);
                } else if (Character.isLowSurrogate(c)) {
                    throw new JsonException("lone_surrogate");
                } else {
                    out.append(c);
                }
            }
            default -> throw new JsonException("bad_escape");
        }
    }

    private char readHex4() throws JsonException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char digit = next();
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
        String literal = text.substring(start, pos);
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

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw new JsonException("unexpected_character");
        }
        pos += word.length();
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
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws JsonException {
        if (pos >= text.length()) {
            throw new JsonException("unexpected_end");
        }
        return text.charAt(pos++);
    }

    /** Malformed JSON; the message is a short reason code and never echoes the input. */
    public static final class JsonException extends Exception {
        public JsonException(String reason) {
            super(reason, null, false, false);
        }
    }
}
