package dev.gatecheck.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Declaration.RequiresAcr} (the JAX-RS adapter's {@code @RequiresAcr}) resolved by
 * {@link ResourcePolicy#declaredBy}: method level before class level, combined with roles and scopes, contradicting
 * {@code @PermitAll} / {@code @DenyAll} on one level, and refused when it requires nothing or something impossible.
 */
class DeclaredStepUpTest {
    @Retention(RetentionPolicy.RUNTIME)
    @interface Permit {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Roles {
        String[] value();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface Acr {
        String[] value() default {};

        long maxAge() default -1;
    }

    private static List<Declaration> read(AnnotatedElement element) {
        List<Declaration> found = new ArrayList<>();
        if (element.getDeclaredAnnotation(Permit.class) != null) {
            found.add(new Declaration.PermitAll());
        }
        Roles roles = element.getDeclaredAnnotation(Roles.class);
        if (roles != null) {
            found.add(new Declaration.RolesAllowed(Set.of(roles.value())));
        }
        Acr acr = element.getDeclaredAnnotation(Acr.class);
        if (acr != null) {
            found.add(new Declaration.RequiresAcr(Set.of(acr.value()),
                    acr.maxAge() == -1 ? Optional.empty() : Optional.of(Duration.ofSeconds(acr.maxAge()))));
        }
        return found;
    }

    private static Optional<ResourcePolicy> policy(Class<?> type, String method) {
        try {
            Method m = type.getMethod(method);
            return ResourcePolicy.declaredBy(type, m, DeclaredStepUpTest::read);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static Requirements stepUp(Requirements base, Set<String> acr, Long maxAge) {
        return base.withStepUp(new Requirements.StepUp(acr,
                maxAge == null ? Optional.empty() : Optional.of(Duration.ofSeconds(maxAge))));
    }

    @Acr("urn:mfa")
    public static class Banking {
        public void balance() {
        }

        @Acr(value = "urn:hwk", maxAge = 300)
        @Roles("teller")
        public void transfer() {
        }

        @Permit
        public void rates() {
        }
    }

    public static class Contradiction {
        @Permit
        @Acr("urn:mfa")
        public void open() {
        }
    }

    public static class Empty {
        @Acr
        public void nothing() {
        }

        @Acr(maxAge = 0)
        public void zero() {
        }

        @Acr("urn a")
        public void space() {
        }
    }

    @Test
    void aClassStepUpAppliesToItsMethods() {
        assertThat(policy(Banking.class, "balance")).contains(ResourcePolicy.authenticated("Banking.balance",
                stepUp(Requirements.NONE, Set.of("urn:mfa"), null)));
    }

    @Test
    void aMethodStepUpBeatsTheClassesAndCombinesWithRoles() {
        assertThat(policy(Banking.class, "transfer")).contains(ResourcePolicy.authenticated("Banking.transfer",
                stepUp(new Requirements(Set.of("teller"), Set.of(), Map.of()), Set.of("urn:hwk"), 300L)));
    }

    @Test
    void aMethodsPermitAllBeatsTheClassStepUp() {
        assertThat(policy(Banking.class, "rates")).contains(ResourcePolicy.permitAll("Banking.rates"));
    }

    @Test
    void permitAllAndAStepUpOnOneLevelContradictEachOther() {
        assertThatThrownBy(() -> policy(Contradiction.class, "open")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Contradiction.open").hasMessageContaining("@PermitAll")
                .hasMessageContaining("@RequiresAcr");
    }

    @Test
    void aStepUpRequiringNothingIsRefused() {
        assertThatThrownBy(() -> policy(Empty.class, "nothing")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Empty.nothing").hasMessageContaining("no acr value and no maxAge");
    }

    @Test
    void aMaxAgeUnderOneSecondIsRefused() {
        assertThatThrownBy(() -> policy(Empty.class, "zero")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Empty.zero").hasMessageContaining("max-age");
    }

    @Test
    void anAcrValueWithASpaceIsRefused() {
        assertThatThrownBy(() -> policy(Empty.class, "space")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Empty.space").hasMessageContaining("acr");
    }
}
