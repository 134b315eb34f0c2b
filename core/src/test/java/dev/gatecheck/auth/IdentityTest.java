package dev.gatecheck.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The identity a credential proves: its roles and scopes keep the credential's order, read-only. */
class IdentityTest {

    @ParameterizedTest(name = "{0} roles")
    @ValueSource(ints = {0, 1, 2, 16, 17, 300})
    void keepsRolesInTheCredentialsOrderAndFindsEachOne(int count) {
        List<String> listed = IntStream.range(0, count).mapToObj(i -> "role-" + (count - i)).toList();
        Identity identity = Identity.builder(AuthMethod.TOKEN).subject("alice")
                .roles(new LinkedHashSet<>(listed)).build();

        assertThat(List.copyOf(identity.roles())).isEqualTo(listed);
        for (String role : listed) {
            assertThat(identity.hasRole(role)).as("has %s", role).isTrue();
        }
        assertThat(identity.hasRole("role-0")).as("a role not listed").isFalse();
        assertThat(identity.roles()).isEqualTo(Set.copyOf(listed)).hasSameHashCodeAs(Set.copyOf(listed));
    }

    @Test
    void rolesAndScopesAreReadOnly() {
        Identity identity = Identity.builder(AuthMethod.TOKEN).subject("alice")
                .roles(Set.of("admin")).scopes(Set.of("read")).build();

        assertThatThrownBy(() -> identity.roles().add("root")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> identity.scopes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> identity.roles().iterator().remove())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesANullRole() {
        Set<String> withNull = new LinkedHashSet<>(Arrays.asList("admin", null));

        assertThatThrownBy(() -> Identity.builder(AuthMethod.TOKEN).subject("alice").roles(withNull).build())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void givesTheExpiryItWasBuiltWith() {
        Instant exp = Instant.ofEpochSecond(1_900_000_000L);

        assertThat(Identity.builder(AuthMethod.TOKEN).subject("a").expiresAt(exp).build().expiresAt()).contains(exp);
        assertThat(Identity.builder(AuthMethod.TOKEN).subject("a").build().expiresAt()).isEmpty();
        assertThat(Identity.builder(AuthMethod.TOKEN).subject("a").expiresAt(Instant.EPOCH).build().expiresAt())
                .contains(Instant.EPOCH);
    }

    @Test
    void joinsRolesInOrderForItsDescription() {
        Identity identity = Identity.builder(AuthMethod.TOKEN).subject("alice")
                .roles(new LinkedHashSet<>(List.of("b", "a", "c"))).build();

        assertThat(identity.roles().stream().collect(Collectors.joining(","))).isEqualTo("b,a,c");
    }
}
