package dev.gatecheck.internal;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A read-only set of strings in the order it was given (an identity's roles and scopes, which become
 * {@code X-User-Roles} in that order), in one array. A cached identity keeps it as long as its token is cached, and a
 * {@code LinkedHashSet} of two roles costs five times the heap. Sets of more than {@value #SCANNED_UP_TO} also keep
 * an unordered copy for {@link #contains}. Internal.
 */
public final class OrderedSet extends AbstractSet<String> {
    private static final int SCANNED_UP_TO = 16;
    private static final OrderedSet EMPTY = new OrderedSet(new String[0]);

    private final String[] values;
    /** Null for a small set. */
    private final Set<String> lookup;

    private OrderedSet(String[] values) {
        this.values = values;
        this.lookup = values.length > SCANNED_UP_TO ? Set.of(values) : null;
    }

    /** The distinct values of {@code values} in iteration order; no nulls. */
    public static Set<String> copyOf(Collection<String> values) {
        if (values instanceof OrderedSet same) {
            return same;
        }
        if (values.isEmpty()) {
            return EMPTY;
        }
        // A Set has no duplicates to drop; anything else goes through one that keeps the order.
        String[] array = (values instanceof Set ? values : new LinkedHashSet<>(values)).toArray(new String[0]);
        for (String value : array) {
            Objects.requireNonNull(value, "a set value");
        }
        return new OrderedSet(array);
    }

    private static boolean contains(String[] values, Object value) {
        for (String candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean contains(Object value) {
        return lookup != null ? lookup.contains(value) : contains(values, value);
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.asList(values).iterator();
    }

    @Override
    public int size() {
        return values.length;
    }
}
