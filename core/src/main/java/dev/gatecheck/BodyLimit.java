package dev.gatecheck;

import dev.gatecheck.auth.AuthRequest;
import java.util.List;

/**
 * The largest body a route reads (webhook routes, gateway routes whose signature covers {@code content-digest}).
 * Internal.
 *
 * @param maxBytes the largest body accepted, in bytes
 */
record BodyLimit(long maxBytes) {
    /**
     * True when {@code request} declares a {@code Content-Length} over the limit: it is refused whatever its body.
     * A missing, repeated or malformed length says nothing (the container frames the body, and the bytes read are
     * counted anyway).
     */
    public boolean declaredOver(AuthRequest request) {
        List<String> lengths = request.headers("Content-Length");
        if (lengths.size() != 1) {
            return false;
        }
        String length = lengths.get(0).trim();
        if (length.isEmpty() || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        // Over 18 digits may overflow a long; any such length is far over every limit (64 MiB at most).
        return length.length() > 18 || Long.parseLong(length) > maxBytes;
    }

    /** True when {@code request}, whose buffered body is {@code body} (at most the limit + 1 bytes), is too large. */
    public boolean refuses(AuthRequest request, byte[] body) {
        return declaredOver(request) || body.length > maxBytes;
    }
}
