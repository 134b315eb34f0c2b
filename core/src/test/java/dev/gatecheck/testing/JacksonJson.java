package dev.gatecheck.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON as Jackson's streaming parser reads it with duplicate member names refused: an independent RFC 8259 parser
 * to compare Gatecheck's with. Values take the shapes Gatecheck's parser gives them ({@link Map}, {@link List},
 * {@link String}, {@link Long}, {@link Double}, {@link Boolean}, null); a reading also notes what Gatecheck refuses
 * on purpose although it is JSON (nesting depth, lone surrogates, long or out-of-range numbers).
 */
public final class JacksonJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Jackson's own size limits would refuse inputs Gatecheck reads: only nesting keeps its default.
            .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build())
            .build();
    /** Beyond this exponent, Gatecheck may refuse a number as out of range even when its value is 0 or finite. */
    private static final BigInteger LARGE_EXPONENT = BigInteger.valueOf(Integer.MAX_VALUE - 1_000);

    private JacksonJson() {
    }

    /**
     * What Jackson read: the value when {@code text} is one JSON value, and the features of it Gatecheck may refuse.
     *
     * @param value          the value, empty when Jackson refuses the text (JSON null is {@code Optional.of(NULL)})
     * @param depth          the deepest nesting of objects and arrays (a top-level object is 1)
     * @param loneSurrogate  a string or member name holds an unpaired UTF-16 surrogate
     * @param longestNumber  the length of the longest number literal
     * @param hugeNumber     a number is infinite as a double, or its exponent is near the {@code int} range
     */
    public record Reading(Optional<Object> value, int depth, boolean loneSurrogate, int longestNumber,
                          boolean hugeNumber) {
        /** Stands for JSON null in {@link #value}. */
        public static final Object NULL = new Object();
    }

    /** Reads {@code text} as exactly one JSON value. */
    public static Reading read(String text) {
        Notes notes = new Notes();
        Optional<Object> value;
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                value = Optional.empty();
            } else {
                Object read = value(parser, notes, 0);
                value = parser.nextToken() == null ? Optional.of(read == null ? Reading.NULL : read) : Optional.empty();
            }
        } catch (IOException e) {
            value = Optional.empty();
        }
        return new Reading(value, notes.depth, notes.loneSurrogate, notes.longestNumber, notes.hugeNumber);
    }

    private static final class Notes {
        int depth;
        boolean loneSurrogate;
        int longestNumber;
        boolean hugeNumber;

        String string(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    loneSurrogate = true;
                }
            }
            return s;
        }

        double number(String literal) {
            longestNumber = Math.max(longestNumber, literal.length());
            double d = Double.parseDouble(literal);
            int e = Math.max(literal.indexOf('e'), literal.indexOf('E'));
            if (Double.isInfinite(d) || (e >= 0 && new BigInteger(literal.substring(e + 1).replace("+", ""))
                    .abs().compareTo(LARGE_EXPONENT) > 0)) {
                hugeNumber = true;
            }
            return d;
        }
    }

    private static Object value(JsonParser parser, Notes notes, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                notes.depth = Math.max(notes.depth, depth + 1);
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = notes.string(parser.currentName());
                    parser.nextToken();
                    map.put(name, value(parser, notes, depth + 1));
                }
                return map;
            }
            case START_ARRAY -> {
                notes.depth = Math.max(notes.depth, depth + 1);
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser, notes, depth + 1));
                }
                return list;
            }
            case VALUE_STRING -> {
                return notes.string(parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String literal = parser.getText();
                double d = notes.number(literal);
                boolean isLong = token == JsonToken.VALUE_NUMBER_INT
                        && (parser.getNumberType() == JsonParser.NumberType.INT
                        || parser.getNumberType() == JsonParser.NumberType.LONG);
                return isLong ? (Object) parser.getLongValue() : (Object) d;
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected token " + token);
        }
    }
}
