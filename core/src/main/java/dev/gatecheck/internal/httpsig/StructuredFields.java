package dev.gatecheck.internal.httpsig;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strict subset of RFC 8941 structured fields that RFC 9421 signatures use: a dictionary whose members are
 * inner lists of strings with parameters ({@code Signature-Input}) or byte sequences ({@code Signature}).
 * Anything outside the subset (items with parameters, floats, tokens as components) is refused.
 */
public final class StructuredFields {
    private final String text;
    private int pos;

    /** A member of {@code Signature-Input}: covered components and signature parameters. */
    public record InnerList(List<String> items, Map<String, Object> params) {
    }

    /** Malformed input; the message is a short reason. */
    public static final class ParseException extends Exception {
        ParseException(String reason) {
            super(reason, null, false, false);
        }
    }

    private StructuredFields(String text) {
        this.text = text;
    }

    /** Parses a dictionary of inner lists. */
    public static Map<String, InnerList> innerListDictionary(String value) throws ParseException {
        StructuredFields p = new StructuredFields(value);
        Map<String, InnerList> out = new LinkedHashMap<>();
        p.dictionary(() -> {
            String key = p.key();
            p.expect('=');
            InnerList list = p.innerList();
            if (out.putIfAbsent(key, list) != null) {
                throw new ParseException("duplicate_label");
            }
        });
        return out;
    }

    /** Parses a dictionary of byte sequences. */
    public static Map<String, byte[]> byteSequenceDictionary(String value) throws ParseException {
        StructuredFields p = new StructuredFields(value);
        Map<String, byte[]> out = new LinkedHashMap<>();
        p.dictionary(() -> {
            String key = p.key();
            p.expect('=');
            byte[] bytes = p.byteSequence();
            if (p.peek() == ';') {
                throw new ParseException("parameters_not_supported");
            }
            if (out.putIfAbsent(key, bytes) != null) {
                throw new ParseException("duplicate_label");
            }
        });
        return out;
    }

    /** Serialises an inner list of strings with parameters (strings, integers). */
    public static String serialize(List<String> items, Map<String, Object> params) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : " ").append(quote(items.get(i)));
        }
        out.append(')');
        params.forEach((k, v) -> out.append(';').append(k).append('=')
                .append(v instanceof String s ? quote(s) : v.toString()));
        return out.toString();
    }

    private interface Member {
        void read() throws ParseException;
    }

    private void dictionary(Member member) throws ParseException {
        skipSpaces();
        if (pos == text.length()) {
            throw new ParseException("empty");
        }
        while (true) {
            member.read();
            skipOws();
            if (pos == text.length()) {
                return;
            }
            expect(',');
            skipOws();
            if (pos == text.length()) {
                throw new ParseException("trailing_comma");
            }
        }
    }

    private String key() throws ParseException {
        int start = pos;
        char c = peek();
        if (!(c >= 'a' && c <= 'z') && c != '*') {
            throw new ParseException("bad_key");
        }
        while (pos < text.length()) {
            c = text.charAt(pos);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private InnerList innerList() throws ParseException {
        expect('(');
        List<String> items = new ArrayList<>();
        while (true) {
            while (peek() == ' ') {
                pos++;
            }
            if (peek() == ')') {
                pos++;
                break;
            }
            items.add(string());
            if (peek() == ';') {
                throw new ParseException("component_parameters_not_supported");
            }
            if (peek() != ' ' && peek() != ')') {
                throw new ParseException("bad_inner_list");
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        while (peek() == ';') {
            pos++;
            String key = key();
            Object value = Boolean.TRUE;
            if (peek() == '=') {
                pos++;
                value = bareItem();
            }
            if (params.putIfAbsent(key, value) != null) {
                throw new ParseException("duplicate_parameter");
            }
        }
        return new InnerList(List.copyOf(items), params);
    }

    private Object bareItem() throws ParseException {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        throw new ParseException("unsupported_parameter_value");
    }

    private long integer() throws ParseException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = 0;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
            digits++;
        }
        if (digits == 0 || digits > 15 || peek() == '.') {
            throw new ParseException("bad_integer");
        }
        return Long.parseLong(text.substring(start, pos));
    }

    private String string() throws ParseException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new ParseException("unterminated_string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = pos < text.length() ? text.charAt(pos++) : 0;
                if (e != '"' && e != '\\') {
                    throw new ParseException("bad_escape");
                }
                out.append(e);
            } else if (c < 0x20 || c > 0x7E) {
                throw new ParseException("bad_string_character");
            } else {
                out.append(c);
            }
        }
    }

    private byte[] byteSequence() throws ParseException {
        expect(':');
        int end = text.indexOf(':', pos);
        if (end < 0) {
            throw new ParseException("unterminated_bytes");
        }
        String b64 = text.substring(pos, end);
        pos = end + 1;
        if (!b64.matches("[A-Za-z0-9+/]*={0,2}") || b64.length() % 4 != 0) {
            throw new ParseException("bad_base64");
        }
        return Base64.getDecoder().decode(b64);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void expect(char c) throws ParseException {
        if (peek() != c) {
            throw new ParseException("expected_" + (c == '=' ? "equals" : c == ',' ? "comma" : "'" + c + "'"));
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (peek() == ' ') {
            pos++;
        }
    }

    private void skipOws() {
        while (peek() == ' ' || peek() == '\t') {
            pos++;
        }
    }
}
