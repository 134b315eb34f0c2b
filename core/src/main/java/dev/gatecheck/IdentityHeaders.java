package dev.gatecheck;

import dev.gatecheck.auth.HeaderChanges;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.config.HeaderMapping;
import dev.gatecheck.internal.ClaimPath;
import dev.gatecheck.internal.IdentityValues;
import dev.gatecheck.internal.Memo;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Computes the application's view of the identity headers ({@code gatecheck.forward.headers}): client copies
 * (and gateway identity and marker headers) are always hidden, and values derived from the verified identity
 * are shown in their place, exactly. An identity with a value no header can carry faithfully (a control
 * character, whitespace at either end, a role holding the comma roles are joined with) gets no headers at all:
 * it is refused, so the headers and the identity never disagree.
 */
final class IdentityHeaders {
    private static final Set<String> IDENTITY_FIELDS = Set.of("sub", "roles", "scopes", "org");

    private final List<HeaderMapping> mappings;
    private final HeaderChanges anonymous;

    IdentityHeaders(List<HeaderMapping> mappings, boolean hideAuthorization, Set<String> alsoHidden,
                    Set<String> hiddenPrefixes) {
        this.mappings = List.copyOf(mappings);
        Set<String> hidden = new HashSet<>(alsoHidden);
        mappings.forEach(m -> hidden.add(HeaderChanges.canonical(m.header())));
        if (hideAuthorization) {
            hidden.add("authorization");
        }
        this.anonymous = new HeaderChanges(hidden, hiddenPrefixes, Map.of());
    }

    /** Changes for a request without identity: every client-sent identity header hidden. */
    HeaderChanges anonymous() {
        return anonymous;
    }

    /**
     * Changes for {@code identity}: client copies hidden, derived values shown; empty when a value of the
     * identity cannot be shown faithfully, and the identity must be refused.
     */
    Optional<HeaderChanges> of(Identity identity, Memo memo) {
        // Computed once per verified credential: a cached token returns the same memo.
        return memo.get(this, identity, IdentityHeaders::compute);
    }

    private Optional<HeaderChanges> compute(Identity identity) {
        if (!faithful(identity)) {
            return Optional.empty();
        }
        Map<String, String> added = new LinkedHashMap<>();
        for (HeaderMapping mapping : mappings) {
            value(identity, mapping.field()).filter(v -> !v.isEmpty()).ifPresent(v -> added.put(mapping.header(), v));
        }
        return Optional.of(new HeaderChanges(anonymous.hidden(), anonymous.hiddenPrefixes(), added));
    }

    /** The subject, org, each role and scope, and every forwarded claim: each as its header shows it. */
    private boolean faithful(Identity identity) {
        if (!IdentityValues.isFaithful(identity.subject()) || !identity.org().map(IdentityValues::isFaithful).orElse(true)
                || !all(identity.roles(), IdentityValues::isFaithfulListItem)
                || !all(identity.scopes(), IdentityValues::isFaithfulToken)) {
            return false;
        }
        for (HeaderMapping mapping : mappings) {
            if (IDENTITY_FIELDS.contains(mapping.field())) {
                continue; // shown from the identity's own values, checked above
            }
            Object claim = ClaimPath.read(identity.claims(), mapping.field());
            if (claim instanceof String s && !IdentityValues.isFaithful(s)
                    || claim instanceof Collection<?> list && !all(list, v -> !(v instanceof String s)
                    || IdentityValues.isFaithfulListItem(s))) {
                return false;
            }
        }
        return true;
    }

    /** A plain loop: this runs for every verified credential, where a stream costs more than the check. */
    private static <T> boolean all(Collection<T> values, Predicate<? super T> test) {
        for (T value : values) {
            if (!test.test(value)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> value(Identity identity, String field) {
        return switch (field) {
            case "sub" -> Optional.of(identity.subject());
            case "roles" -> Optional.of(String.join(",", identity.roles()));
            case "scopes" -> Optional.of(String.join(" ", identity.scopes()));
            case "org" -> identity.org();
            default -> Optional.ofNullable(render(ClaimPath.read(identity.claims(), field)));
        };
    }

    private static String render(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().filter(v -> v instanceof String || v instanceof Number)
                    .map(Object::toString).collect(Collectors.joining(","));
        }
        return null;
    }
}
