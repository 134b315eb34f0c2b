package dev.gatecheck.spring;

import dev.gatecheck.Gatecheck;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Actuator health component {@code gatecheck}, from {@code Gatecheck.health()}: {@code DOWN} (503 on
 * {@code /actuator/health}) while a key source has no usable keys, {@code UP} otherwise, with each key source in the
 * details. For Spring Boot 4 and Spring Boot 3; define a bean named {@code gatecheckHealthIndicator} to replace it.
 */
@AutoConfiguration(after = GatecheckAutoConfiguration.class)
@ConditionalOnBean(Gatecheck.class)
public class GatecheckHealthAutoConfiguration {
    static final String BEAN = "gatecheckHealthIndicator";

    /** Spring Boot 4: {@code org.springframework.boot.health.contributor}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4 {
        @Bean(BEAN)
        @ConditionalOnMissingBean(name = BEAN)
        GatecheckHealthIndicator gatecheckHealthIndicator(Gatecheck gatecheck) {
            return new GatecheckHealthIndicator(gatecheck);
        }
    }

    /** Spring Boot 3: {@code org.springframework.boot.actuate.health}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = Boot3HealthIndicator.PACKAGE + "HealthIndicator")
    static class Boot3 {
        @Bean(BEAN)
        @ConditionalOnMissingBean(name = BEAN)
        Boot3HealthIndicator gatecheckHealthIndicator(Gatecheck gatecheck) {
            return new Boot3HealthIndicator(gatecheck);
        }
    }
}
