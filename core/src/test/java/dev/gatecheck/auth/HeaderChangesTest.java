package dev.gatecheck.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The headers an application must not see, and those Gatecheck shows in their place. */
class HeaderChangesTest {

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "X-User-ID", "x_user_id", "x-user-\u0130d"})
    void refusesAHiddenNameOrPrefixThatIsNotCanonical(String name) {
        assertThatThrownBy(() -> new HeaderChanges(Set.of(name), Map.of())).as("hidden '%s'", name)
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeaderChanges(Set.of(), Set.of(name), Map.of())).as("prefix '%s'", name)
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hidesNamesWithoutRegardToCaseOrUnderscoreAndShowsItsOwnValues() {
        HeaderChanges changes = new HeaderChanges(Set.of("x-user-id"), Set.of("x-pomerium-claim-"),
                Map.of("X-User-Roles", "admin"));

        assertThat(changes.hides("X_User_Id")).as("client copy of X-User-ID").isTrue();
        assertThat(changes.hides("X-Pomerium-Claim-Email")).as("under a hidden prefix").isTrue();
        assertThat(changes.hides("x-user-roles")).as("a shown header's client copy").isTrue();
        assertThat(changes.hides("Accept")).isFalse();
        assertThat(changes.valueOf("x-user-roles")).contains("admin");
    }

    @Test
    void sharesTheHiddenNamesOfOtherChangesAsTheyAre() {
        HeaderChanges anonymous = new HeaderChanges(Set.of("x-user-id", "authorization"), Map.of());
        HeaderChanges alice = new HeaderChanges(anonymous.hidden(), anonymous.hiddenPrefixes(),
                Map.of("X-User-ID", "alice"));

        assertThat(alice.hidden()).as("the same names").isEqualTo(Set.of("x-user-id", "authorization"))
                .isSameAs(anonymous.hidden());
        assertThat(alice.hidden().hashCode()).isEqualTo(Set.of("x-user-id", "authorization").hashCode());
        assertThatThrownBy(() -> alice.hidden().add("x-other")).as("read-only")
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> alice.hidden().iterator().remove()).as("read-only through its iterator")
                .isInstanceOf(RuntimeException.class);
    }
}
