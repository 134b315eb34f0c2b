package dev.gatecheck.token;

import java.util.Objects;

/**
 * A place a bearer token may come from ({@code gatecheck.token.sources}): the {@code Authorization} header,
 * a query parameter ({@code query:<name>}) or a cookie ({@code cookie:<name>}).
 *
 * @param kind where
 * @param name the parameter or cookie name; empty for the header
 */
public record TokenSource(Kind kind, String name) {
    /** The kinds of place. */
    public enum Kind { HEADER, QUERY, COOKIE }

    /** The {@code Authorization: Bearer} header, the default and only source unless configured. */
    public static final TokenSource HEADER = new TokenSource(Kind.HEADER, "");

    public TokenSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind != Kind.HEADER && !name.matches("[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("a query or cookie token source needs a plain name");
        }
    }

    /**
     * Parses {@code header}, {@code query:<name>} or {@code cookie:<name>}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static TokenSource parse(String spec) {
        if (spec.equals("header")) {
            return HEADER;
        }
        if (spec.startsWith("query:")) {
            return new TokenSource(Kind.QUERY, spec.substring("query:".length()));
        }
        if (spec.startsWith("cookie:")) {
            return new TokenSource(Kind.COOKIE, spec.substring("cookie:".length()));
        }
        throw new IllegalArgumentException("'" + spec + "' is not header, query:<name> or cookie:<name>");
    }

    @Override
    public String toString() {
        return kind == Kind.HEADER ? "header" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
