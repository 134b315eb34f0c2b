package dev.gatecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderChangesHidingTest {
    private final HeaderChanges changes = new HeaderChanges(Set.of("x-user-id", "x_tenant", "authorization"),
            Map.of("X-User-ID", "alice"));

    @Test
    void hidesHiddenHeaderInAnyCase() {
        assertThat(changes.hides("AUTHORIZATION")).isTrue();
        assertThat(changes.hides("Authorization")).isTrue();
    }

    @Test
    void hidesUnderscoreSpellingOfHiddenHeader() {
        assertThat(changes.hides("X_User_ID")).isTrue();
        assertThat(changes.hides("x_user_id")).isTrue();
    }

    @Test
    void hidesDashSpellingOfHeaderConfiguredWithUnderscore() {
        assertThat(changes.hides("X-Tenant")).isTrue();
    }

    @Test
    void hidesClientCopyOfAddedHeader() {
        assertThat(new HeaderChanges(Set.of(), Map.of("X-User-Org", "acme")).hides("x_user_org")).isTrue();
    }

    @Test
    void leavesOtherHeadersVisible() {
        assertThat(changes.hides("X-User-Idx")).isFalse();
        assertThat(changes.hides("Accept")).isFalse();
    }
}
