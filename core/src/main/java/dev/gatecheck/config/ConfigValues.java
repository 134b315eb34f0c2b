package dev.gatecheck.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses configuration values: durations, sizes, lists, booleans, {@code file:} and {@code classpath:} locations. */
final class ConfigValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KiB|MiB|KB|MB)?");
    /** Why an empty value is refused rather than read as "not set": it would silently loosen a rule. */
    static final String EMPTY = "is empty; to remove a setting, leave it out";

    private ConfigValues() {
    }

    static Duration duration(String key, String value) {
        String v = value.trim();
        Matcher m = DURATION.matcher(v);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(v);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new ConfigException(key, "'" + value + "' is not a duration (500ms, 30s, 10m, 24h or PT30S)");
        }
    }

    static long size(String key, String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigException(key, "'" + value + "' is not a size (bytes, or 256KiB, 1MiB)");
        }
        try {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "B" : m.group(2);
            return switch (unit) {
                case "KiB" -> Math.multiplyExact(n, 1024L);
                case "MiB" -> Math.multiplyExact(n, 1024L * 1024);
                case "KB" -> Math.multiplyExact(n, 1000L);
                case "MB" -> Math.multiplyExact(n, 1000L * 1000);
                default -> n;
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ConfigException(key, "'" + value + "' is too large");
        }
    }

    static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + value + "' is not a whole number");
        }
    }

    static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "'" + value + "' is not true or false");
        };
    }

    /** A comma-separated list of {@code key}, each element trimmed; see {@link #split}. */
    static List<String> list(String key, String value) {
        return split(key, value, ",");
    }

    /**
     * The elements of {@code value} between {@code separator}s, trimmed; empty for an empty value (a key left out).
     * An empty element ({@code a,,b}, a trailing separator, nothing but separators) is refused: it would silently
     * shorten the list.
     */
    static List<String> split(String key, String value, String separator) {
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> elements = Arrays.stream(value.split(Pattern.quote(separator), -1)).map(String::trim).toList();
        if (elements.contains("")) {
            throw new ConfigException(key, "has an empty element; remove the extra '" + separator + "'");
        }
        return elements;
    }

    /** {@code value} of {@code key}, given by a builder: null, empty or blank is refused. */
    static String nonBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, EMPTY);
        }
        return value;
    }

    /** A conversion of an array setting that refuses an empty one, naming {@code key}. */
    static <T> java.util.function.Function<T[], List<T>> nonEmpty(String key) {
        return values -> {
            if (values.length == 0) {
                throw new ConfigException(key, "lists nothing; to keep the default, leave it out");
            }
            return List.of(values);
        };
    }

    /** {@code values} of {@code key}, given by a builder: none at all, or a null, empty or blank one, is refused. */
    static List<String> nonBlankList(String key, String... values) {
        if (values.length == 0) {
            throw new ConfigException(key, "lists nothing; to remove a setting, leave it out");
        }
        for (String value : values) {
            nonBlank(key, value);
        }
        return List.of(values);
    }

    /** A secret value: literal, or {@code file:/path} read with one trailing newline removed. */
    static String secret(String key, String value) {
        if (!value.startsWith("file:")) {
            return value;
        }
        String path = value.substring("file:".length());
        try {
            return stripFinalNewline(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(key, "cannot read secret file " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Several secrets (rotation): inline, separated by commas; or {@code file:/path} holding one secret per line
     * (blank lines ignored), so a secret in a file may contain commas.
     */
    static List<String> secrets(String key, String value) {
        if (!value.startsWith("file:")) {
            return list(key, value);
        }
        return secret(key, value).lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The text at a location: a file path, {@code file:/path} or {@code classpath:name}. */
    static String text(String key, String location) {
        try {
            if (location.startsWith("classpath:")) {
                String name = location.substring("classpath:".length()).replaceFirst("^/", "");
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                try (InputStream in = (loader != null ? loader : ConfigValues.class.getClassLoader())
                        .getResourceAsStream(name)) {
                    if (in == null) {
                        throw new ConfigException(key, "no classpath resource " + name);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(key, "cannot read " + location + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String stripFinalNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
