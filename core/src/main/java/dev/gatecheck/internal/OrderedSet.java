package dev.gatecheck.internal;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
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
        Builder builder = new Builder();
        for (String value : values) {
            builder.add(value);
        }
        return builder.build();
    }

    private static boolean contains(String[] values, int size, Object value) {
        for (int i = 0; i < size; i++) {
            if (values[i].equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean contains(Object value) {
        return lookup != null ? lookup.contains(value) : contains(values, values.length, value);
    }

    /**
     * Collects distinct strings in the order first added, then {@link #build()}s the set: an identity's roles and
     * scopes are gathered from several claims for every verified token, without a {@code LinkedHashSet} on the way.
     */
    public static final class Builder {
        private String[] values = new String[4];
        private int size;
        /** The values so far, once there are more than a scan should compare. */
        private Set<String> seen;

        /** Adds {@code value} unless the set has it already. */
        public Builder add(String value) {
            Objects.requireNonNull(value, "a set value");
            if (seen == null ? contains(values, size, value) : !seen.add(value)) {
                return this;
            }
            if (seen == null && size == SCANNED_UP_TO) {
                seen = new HashSet<>(Arrays.asList(values).subList(0, size));
                seen.add(value);
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
            return this;
        }

        /** The set of the values added, in that order. */
        public Set<String> build() {
            return size == 0 ? EMPTY : new OrderedSet(Arrays.copyOf(values, size));
        }
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
