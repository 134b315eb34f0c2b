package dev.gatecheck;

import dev.gatecheck.config.HeaderMapping;
import dev.gatecheck.internal.ClaimPath;
import dev.gatecheck.internal.HeaderValues;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Computes the application's view of the identity headers ({@code gatecheck.forward.headers}): client copies
 * (and gateway identity and marker headers) are always hidden, and values derived from the verified identity
 * are shown in their place, sanitised.
 */
final class IdentityHeaders {
    private final List<HeaderMapping> mappings;
    private final HeaderChanges anonymous;

    IdentityHeaders(List<HeaderMapping> mappings, boolean hideAuthorization, Set<String> alsoHidden) {
        this.mappings = List.copyOf(mappings);
        Set<String> hidden = new HashSet<>(alsoHidden);
        mappings.forEach(m -> hidden.add(HeaderChanges.canonical(m.header())));
        if (hideAuthorization) {
            hidden.add("authorization");
        }
        this.anonymous = new HeaderChanges(hidden, Map.of());
    }

    /** Changes for a request without identity: every client-sent identity header hidden. */
    HeaderChanges anonymous() {
        return anonymous;
    }

    /** Changes for {@code identity}: client copies hidden, derived values shown. */
    HeaderChanges of(Identity identity) {
        // Computed once per Identity object: a cached token returns the same one.
        return identity.forwardedHeaders(this, this::compute);
    }

    private HeaderChanges compute(Identity identity) {
        Map<String, String> added = new LinkedHashMap<>();
        for (HeaderMapping mapping : mappings) {
            value(identity, mapping.field()).map(HeaderValues::sanitise).filter(v -> !v.isEmpty())
                    .ifPresent(v -> added.put(mapping.header(), v));
        }
        return new HeaderChanges(anonymous.hidden(), added);
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
