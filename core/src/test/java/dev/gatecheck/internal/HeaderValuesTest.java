package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
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

    @Test
    void agreesWithACaseInsensitiveTreeOnRandomNames() {
        String[] names = {"X-User-ID", "x-user-id", "X-USER-ID", "X-User-Roles", "x-user-roles", "A", "a", "X_User_ID",
            "X-User-Org", "Z", "x-user-i", "\u00c9t\u00e9", "\u00e9T\u00c9"};
        Random random = new Random(1);
        for (int n = 0; n < 2_000; n++) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                given.put(names[random.nextInt(names.length)], "v" + random.nextInt(5));
            }
            TreeMap<String, String> tree = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            tree.putAll(given);

            Map<String, String> values = HeaderValues.copyOf(given);

            // Entries compare names exactly: the spelling the tree keeps, not just one equal without regard to case.
            assertThat(values.entrySet()).as("%s", given).containsExactlyElementsOf(tree.entrySet());
        }
    }
}
