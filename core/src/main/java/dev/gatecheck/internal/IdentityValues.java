package dev.gatecheck.internal;

/**
 * What an identity value may hold so that the identity headers the application sees and the identity itself
 * always agree. Such a value is refused, never rewritten: a value that is cleaned up after it was verified lets
 * two identities collapse into one. Internal.
 */
public final class IdentityValues {
    private IdentityValues() {
    }

    /**
     * True when {@code value} travels in a header unchanged: no control character (below 0x20, or DEL) and no
     * whitespace at either end (every HTTP parser trims it).
     */
    public static boolean isFaithful(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        return value.isEmpty() || (!isSpace(value.charAt(0)) && !isSpace(value.charAt(value.length() - 1)));
    }

    /** True for one item of a comma-joined header ({@code X-User-Roles}): faithful and without a comma. */
    public static boolean isFaithfulListItem(String value) {
        return isFaithful(value) && value.indexOf(',') < 0;
    }

    /** True for one item of a space-joined header (scopes): faithful and without any space. */
    public static boolean isFaithfulToken(String value) {
        if (!isFaithful(value)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (isSpace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
