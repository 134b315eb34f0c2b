package dev.gatecheck.internal;

import java.util.Map;

/** Reads a dotted claim path ({@code realm_access.roles}) from parsed JSON. Internal. */
public final class ClaimPath {
    private ClaimPath() {
    }

    /** The value at {@code dottedPath}, or null when a step is missing or not an object. */
    public static Object read(Map<String, Object> claims, String dottedPath) {
        Object current = claims;
        int start = 0;
        while (true) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            int dot = dottedPath.indexOf('.', start);
            String step = dot < 0 ? dottedPath.substring(start) : dottedPath.substring(start, dot);
            current = map.get(step);
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
    }
}
