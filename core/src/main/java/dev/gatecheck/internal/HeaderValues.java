package dev.gatecheck.internal;

/** Header value hygiene shared by the identity-header rules. Internal. */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** {@code value} without control characters (CR/LF would split a header), trimmed. */
    public static String sanitise(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != 0x7F) {
                out.append(c);
            }
        }
        return out.toString().trim();
    }
}
