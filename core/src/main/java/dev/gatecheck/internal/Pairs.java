package dev.gatecheck.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The entries of a read-only map kept in one array of names and values: name, value, name, value, ... */
final class Pairs {
    private Pairs() {
    }

    /** A read-only view of the entries of {@code pairs}, in array order. */
    static <V> Set<Map.Entry<String, V>> entrySet(Object[] pairs) {
        return entrySet(pairs, UnaryOperator.identity());
    }

    /** The same view, each value as {@code value} gives it from the array. */
    @SuppressWarnings("unchecked")
    static <V> Set<Map.Entry<String, V>> entrySet(Object[] pairs, UnaryOperator<Object> value) {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < pairs.length;
                    }

                    @Override
                    public Map.Entry<String, V> next() {
                        if (next >= pairs.length) {
                            throw new NoSuchElementException();
                        }
                        next += 2;
                        return new AbstractMap.SimpleImmutableEntry<>((String) pairs[next - 2],
                                (V) value.apply(pairs[next - 1]));
                    }
                };
            }

            @Override
            public int size() {
                return pairs.length / 2;
            }
        };
    }
}
