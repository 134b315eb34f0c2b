package dev.gatecheck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An identity's roles and scopes: distinct, in the order first seen, read-only. */
class OrderedSetTest {

    @Test
    void builderKeepsTheFirstOccurrenceOfEachValueInOrderLikeALinkedHashSet() {
        Random random = new Random(16);
        for (int n = 0; n < 2_000; n++) {
            OrderedSet.Builder builder = new OrderedSet.Builder();
            Set<String> reference = new LinkedHashSet<>();
            // Up to 60 values from 40 names: duplicates, and sets on both sides of the scanned size.
            for (int i = random.nextInt(60); i > 0; i--) {
                String value = "v" + random.nextInt(40);
                builder.add(value);
                reference.add(value);
            }

            Set<String> built = builder.build();

            assertThat(built).as("built from %s", reference).containsExactlyElementsOf(reference);
            assertThat(built).isEqualTo(reference).hasSameHashCodeAs(reference);
            for (int i = 0; i < 40; i++) {
                assertThat(built.contains("v" + i)).as("contains v%d of %s", i, reference)
                        .isEqualTo(reference.contains("v" + i));
            }
        }
    }

    @Test
    void builtSetsAreReadOnlyAndRefuseNull() {
        Set<String> built = new OrderedSet.Builder().add("admin").build();

        assertThatThrownBy(() -> built.add("root")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new OrderedSet.Builder().add(null)).isInstanceOf(NullPointerException.class);
        assertThat(new OrderedSet.Builder().build()).isEmpty();
    }
}
