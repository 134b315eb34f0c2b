package dev.gatecheck.internal;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Header names to values, read-only, names compared without regard to case and in that order (as a {@code TreeMap}
 * with {@link String#CASE_INSENSITIVE_ORDER} would), in one array. The identity headers of every cached token are
 * kept in one, and every header the application reads looks it up: a few names compared in one array, where a tree
 * costs an object per name and a walk through them. Internal.
 */
public final class HeaderValues extends AbstractMap<String, String> {
    /** name, value, name, value, ... in case-insensitive order of the names */
    private final String[] pairs;

    private HeaderValues(String[] pairs) {
        this.pairs = pairs;
    }

    /** The entries of {@code values}, names differing only in case merged as a case-insensitive tree merges them. */
    public static Map<String, String> copyOf(Map<String, String> values) {
        if (values instanceof HeaderValues same) {
            return same;
        }
        // An insertion sort into one array: a few names for every verified credential, where a tree costs a node each.
        String[] pairs = new String[values.size() * 2];
        int length = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "a header name");
            int at = 0;
            int order = 1;
            while (at < length && (order = String.CASE_INSENSITIVE_ORDER.compare(pairs[at], name)) < 0) {
                at += 2;
            }
            if (at < length && order == 0) {
                pairs[at + 1] = entry.getValue(); // the tree keeps the first name and the last value
                continue;
            }
            System.arraycopy(pairs, at, pairs, at + 2, length - at);
            pairs[at] = name;
            pairs[at + 1] = entry.getValue();
            length += 2;
        }
        for (int i = 1; i < length; i += 2) {
            Objects.requireNonNull(pairs[i], "a header value");
        }
        return new HeaderValues(length == pairs.length ? pairs : Arrays.copyOf(pairs, length));
    }

    @Override
    public String get(Object name) {
        int i = find(name);
        return i < 0 ? null : pairs[i + 1];
    }

    @Override
    public boolean containsKey(Object name) {
        return find(name) >= 0;
    }

    private int find(Object name) {
        if (name instanceof String wanted) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i].equalsIgnoreCase(wanted)) { // compares the lengths first
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return pairs.length / 2;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return Pairs.entrySet(pairs);
    }
}
