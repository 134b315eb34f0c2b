package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Identity header values: looked up and ordered without regard to case, exactly as a case-insensitive tree. */
class HeaderValuesTest {

    @Test
    void findsANameWhateverItsCase() {
        Map<String, String> values = HeaderValues.copyOf(Map.of("X-User-ID", "alice", "X-User-Roles", "admin"));

        assertThat(values.get("x-user-id")).isEqualTo("alice");
        assertThat(values.get("X-USER-ROLES")).isEqualTo("admin");
        assertThat(values.containsKey("X-User-Org")).isFalse();
        assertThat(values.get("X-User-I")).as("a prefix of a name").isNull();
        assertThat(values.get(42)).isNull();
    }

    @Test
    void ordersAndMergesNamesAsACaseInsensitiveTree() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("X-User-Roles", "admin");
        given.put("x-user-id", "alice");
        given.put("X-USER-ID", "bob");
        given.put("A-First", "1");
        TreeMap<String, String> tree = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        tree.putAll(given);

        Map<String, String> values = HeaderValues.copyOf(given);

        assertThat(values).isEqualTo(tree).hasSameHashCodeAs(tree);
        assertThat(values.entrySet()).containsExactlyElementsOf(tree.entrySet());
    }

    @Test
    void isReadOnly() {
        Map<String, String> values = HeaderValues.copyOf(Map.of("X-User-ID", "alice"));

        assertThatThrownBy(() -> values.put("X-User-ID", "root")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(values::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.entrySet().iterator().remove())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
