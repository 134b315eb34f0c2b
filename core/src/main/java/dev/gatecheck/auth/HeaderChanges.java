package dev.gatecheck.auth;

import dev.gatecheck.internal.HeaderValues;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the application's view of the request headers differs from what the client sent: headers to hide
 * (client copies of identity headers, {@code Authorization} when configured, a gateway's unsigned companions)
 * and headers to present (identity headers derived from the verified identity, exactly as verified).
 *
 * @param hidden names of headers the application must not see, in the form {@link #canonical(String)} gives
 * @param hiddenPrefixes name prefixes of headers the application must not see (Pomerium's
 *                       {@code x-pomerium-claim-}), in the same form
 * @param added header name to value, shown instead of any client copy
 */
public record HeaderChanges(Set<String> hidden, Set<String> hiddenPrefixes, Map<String, String> added) {
    /** No change. */
    public static final HeaderChanges NONE = new HeaderChanges(Set.of(), Map.of());

    public HeaderChanges {
        hidden = CheckedNames.of(hidden);
        hiddenPrefixes = CheckedNames.of(hiddenPrefixes);
        added = HeaderValues.copyOf(added); // read-only, names without regard to case, in that order
    }

    /** Changes that hide {@code hidden} by exact name only, and show {@code added}. */
    public HeaderChanges(Set<String> hidden, Map<String, String> added) {
        this(hidden, Set.of(), added);
    }

    private static void requireCanonical(String name) {
        if (name.isEmpty() || !isCanonical(name)) {
            throw new IllegalArgumentException("hidden header names are canonical and not empty: " + name);
        }
    }

    /**
     * True when the application must not see the client's copy of {@code name}. Names match case-insensitively
     * and with {@code _} equal to {@code -}, so {@code X_User_Id} is hidden with {@code X-User-ID}, and
     * {@code X_Pomerium_Claim_Email} with the prefix {@code x-pomerium-claim-}. Every header accessor of an
     * adapter (trailers too) asks this.
     */
    public boolean hides(String name) {
        String canonical = canonical(name);
        if (hidden.contains(canonical) || added.containsKey(name)) {
            return true;
        }
        for (String prefix : hiddenPrefixes) {
            if (canonical.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #canonical} leaves {@code name} as it is; without a copy for an ASCII name (each request). */
    private static boolean isCanonical(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                return name.equals(canonical(name)); // Unicode case mapping: let the JDK say
            }
            if (c == '_' || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** A header name as Gatecheck compares it: lower case, {@code _} as {@code -}. */
    public static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value the application sees for {@code name} when Gatecheck sets it. */
    public java.util.Optional<String> valueOf(String name) {
        return java.util.Optional.ofNullable(added.get(Objects.requireNonNull(name)));
    }

    /**
     * Names checked canonical once, read-only: the identity headers of every verified credential share the hidden
     * names of their engine, and taking them from another {@code HeaderChanges} checks them no second time.
     */
    private static final class CheckedNames extends AbstractSet<String> {
        private final Set<String> names;

        private CheckedNames(Set<String> names) {
            this.names = names;
        }

        static Set<String> of(Set<String> names) {
            if (names instanceof CheckedNames checked) {
                return checked;
            }
            Set<String> copy = Set.copyOf(names);
            for (String name : copy) {
                requireCanonical(name);
            }
            return new CheckedNames(copy);
        }

        @Override
        public boolean contains(Object name) {
            return names.contains(name);
        }

        @Override
        public Iterator<String> iterator() {
            return names.iterator();
        }

        @Override
        public int size() {
            return names.size();
        }
    }
}
