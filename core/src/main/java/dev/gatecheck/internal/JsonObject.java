package dev.gatecheck.internal;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A parsed JSON object: read-only, in document order, its names and values in one array. A cached token keeps its
 * claims as long as it is cached, and a {@code LinkedHashMap} costs about five times the heap (an entry object per
 * member, a table, a view). A lookup compares the names' cached hash codes in order; an object of more than
 * {@value #SCANNED_UP_TO} members also gets an index, so a lookup never walks a large object. Internal.
 */
final class JsonObject extends AbstractMap<String, Object> {
    private static final int SCANNED_UP_TO = 16;

    /** name, value, name, value, ... */
    private final Object[] members;
    /** Null for a small object; else open addressing over a power-of-two table: slot to member number + 1. */
    private final int[] index;

    private JsonObject(Object[] members) {
        this.members = members;
        this.index = members.length / 2 > SCANNED_UP_TO ? index(members) : null;
    }

    private static int[] index(Object[] members) {
        int[] index = new int[Integer.highestOneBit(members.length - 1) << 1]; // at least twice the members
        int mask = index.length - 1;
        for (int member = 0; member < members.length / 2; member++) {
            int slot = spread(members[2 * member].hashCode()) & mask;
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = member + 1;
        }
        return index;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    @Override
    public Object get(Object name) {
        int member = find(name);
        return member < 0 ? null : value(members[2 * member + 1]);
    }

    private static Object value(Object member) {
        return member instanceof LongText text ? text.toString() : member;
    }

    @Override
    public boolean containsKey(Object name) {
        return find(name) >= 0;
    }

    private int find(Object name) {
        if (!(name instanceof String)) {
            return -1;
        }
        int hash = name.hashCode();
        if (index == null) {
            for (int i = 0; i < members.length; i += 2) {
                Object candidate = members[i];
                if (candidate == name || candidate.hashCode() == hash && candidate.equals(name)) {
                    return i / 2;
                }
            }
            return -1;
        }
        int mask = index.length - 1;
        for (int slot = spread(hash) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
            Object candidate = members[2 * (index[slot] - 1)];
            if (candidate.hashCode() == hash && candidate.equals(name)) {
                return index[slot] - 1;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return members.length / 2;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < members.length; i += 2) {
            action.accept((String) members[i], value(members[i + 1]));
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return Pairs.entrySet(members, JsonObject::value);
    }

    /**
     * A long plain-ASCII string value, kept as its place in the parsed document until it is read, then as its
     * {@code String}. Racy but idempotent, like {@code String.hash}: two readers may each make an equal copy.
     */
    static final class LongText {
        /** Shorter values are copied at once: the copy costs less than keeping the document for them. */
        static final int MIN_LENGTH = 256;

        private final byte[] document;
        private final int from;
        private final int to;
        private String text;

        LongText(byte[] document, int from, int to) {
            this.document = document;
            this.from = from;
            this.to = to;
        }

        @Override
        public String toString() {
            String read = text;
            if (read == null) {
                read = new String(document, from, to - from, StandardCharsets.ISO_8859_1);
                text = read;
            }
            return read;
        }
    }

    /** Collects the members of one object as the parser reads them. */
    static final class Builder {
        private Object[] members = new Object[16];
        private int length;
        /** The names so far, once there are more than can be compared one by one for the duplicate check. */
        private Set<String> names;

        /**
         * Adds a member; false when the object already has one of that name. {@code registered}: the name is the
         * shared instance of a registered name ({@link JsonNames}), so equal only to itself among the names so far.
         */
        boolean add(String name, boolean registered, Object value) {
            if (names != null) {
                if (!names.add(name)) {
                    return false;
                }
            } else {
                if (registered ? hasSame(name) : hasEqual(name)) {
                    return false;
                }
                if (length / 2 == SCANNED_UP_TO) {
                    names = new HashSet<>();
                    for (int i = 0; i < length; i += 2) {
                        names.add((String) members[i]);
                    }
                    names.add(name);
                }
            }
            if (length == members.length) {
                members = Arrays.copyOf(members, length * 2);
            }
            members[length++] = name;
            members[length++] = value;
            return true;
        }

        private boolean hasSame(String name) {
            for (int i = 0; i < length; i += 2) {
                if (members[i] == name) {
                    return true;
                }
            }
            return false;
        }

        private boolean hasEqual(String name) {
            int hash = name.hashCode();
            for (int i = 0; i < length; i += 2) {
                if (members[i].hashCode() == hash && members[i].equals(name)) {
                    return true;
                }
            }
            return false;
        }

        Map<String, Object> build() {
            return length == 0 ? Map.of() : new JsonObject(Arrays.copyOf(members, length));
        }
    }
}
