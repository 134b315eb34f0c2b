package dev.gatecheck.route;

import dev.gatecheck.internal.RequestPath;

/** A parsed route path: exact ({@code /x}) or prefix ({@code /x/*}, {@code /*}). */
record PathPattern(String base, boolean prefix) {

    /**
     * Parses a configured pattern.
     *
     * @throws IllegalArgumentException when it does not start with {@code /}, has a wildcard anywhere but a
     *                                  trailing {@code /*}, or is not already normalised
     */
    static PathPattern parse(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new Route.InvalidSetting("paths", "path '" + pattern + "' must start with /");
        }
        boolean prefix = pattern.endsWith("/*");
        String base = prefix ? pattern.substring(0, pattern.length() - 2) : pattern;
        if (base.contains("*")) {
            throw new Route.InvalidSetting("paths", "path '" + pattern + "': only a trailing /* is a wildcard");
        }
        String normalised = base.isEmpty() ? "/" : RequestPath.normalise(base).orElse(null);
        if (!(base.isEmpty() ? "/" : base).equals(normalised) || (base.length() > 1 && base.endsWith("/"))) {
            throw new Route.InvalidSetting("paths", "path '" + pattern + "' is not in normal form"
                    + " (no //, ., .., ;, percent escapes or trailing /)");
        }
        return new PathPattern(base, prefix);
    }

    /** True when {@code path} (normalised) is covered. */
    boolean matches(String path) {
        if (!prefix) {
            return path.equals(base);
        }
        return base.isEmpty() || path.equals(base) || (path.startsWith(base) && path.charAt(base.length()) == '/');
    }

    /** Longer bases are more specific; an exact pattern beats a prefix of the same base. */
    int specificity() {
        return base.length() * 2 + (prefix ? 0 : 1);
    }
}
