package dev.gatecheck.internal.jwt;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A verified token's claims as its cached identity holds them: the few Gatecheck reads on every request (the
 * {@code jti}, {@code sid} and {@code iat} a revocation names) are kept, and the rest is parsed again from the token
 * on first use, then kept too (the {@code cnf} binding is kept apart, as a {@link Confirmation}). A cached token so
 * costs its claims' heap only once something reads them. Read-only, like every claims map.
 */
final class ClaimsOnDemand extends AbstractMap<String, Object> {
    private static final String[] HELD = {"jti", "sid", "iat"};
    private static final Object ABSENT = new Object();

    /** The value of each {@link #HELD} claim, or {@link #ABSENT}. */
    private final Object[] held = new Object[HELD.length];
    private final Supplier<Map<String, Object>> readAll;
    /** Null until first needed; racy but idempotent, like {@code String.hash}: every read gives equal claims. */
    private Map<String, Object> all;

    /** The claims of {@code claims}, parsed now, holding only the few read on every request. */
    ClaimsOnDemand(Map<String, Object> claims, Supplier<Map<String, Object>> readAll) {
        for (int i = 0; i < HELD.length; i++) {
            Object value = claims.get(HELD[i]); // one lookup, and a second only for an absent or null claim
            held[i] = value != null || claims.containsKey(HELD[i]) ? value : ABSENT;
        }
        this.readAll = readAll;
    }

    @Override
    public Object get(Object name) {
        int i = heldIndex(name);
        if (i < 0) {
            return all().get(name);
        }
        return held[i] == ABSENT ? null : held[i];
    }

    @Override
    public boolean containsKey(Object name) {
        int i = heldIndex(name);
        return i < 0 ? all().containsKey(name) : held[i] != ABSENT;
    }

    private static int heldIndex(Object name) {
        for (int i = 0; i < HELD.length; i++) {
            if (HELD[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return all().entrySet();
    }

    @Override
    public int size() {
        return all().size();
    }

    private Map<String, Object> all() {
        Map<String, Object> read = all;
        if (read == null) {
            read = readAll.get();
            all = read;
        }
        return read;
    }
}
