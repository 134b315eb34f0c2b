package dev.gatecheck.spring;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.micrometer.GatecheckMeters;
import dev.gatecheck.servlet.GatecheckFilter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Gatecheck in a Spring Boot servlet application: a {@link GatecheckConfig} from the {@code gatecheck.*} properties
 * (read by core's one loader, so every key, default and message is the documented one), one {@link Gatecheck} closed
 * with the context, and its {@link GatecheckFilter} registered first, for {@code REQUEST}, {@code ASYNC} and
 * {@code ERROR} dispatches, async-supported. Each bean gives way to one the application defines. With Micrometer and
 * {@code gatecheck-micrometer} present, {@link GatecheckMeters} records on the application's registry.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Gatecheck.class, GatecheckFilter.class})
public class GatecheckAutoConfiguration {
    /** The order of the filter registration: before every other filter, Spring Security's included. */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;
    /** The bean name of the filter registration; define a bean of this name to register the filter yourself. */
    public static final String FILTER_REGISTRATION = "gatecheckFilterRegistration";

    /**
     * The configuration: Spring's {@code gatecheck.*} properties (relaxed names, YAML lists and maps, profiles), then
     * the file named by {@code GATECHECK_CONFIG}, then {@code GATECHECK_*} variables, as in core's
     * {@link GatecheckConfig#builderFromLayers}; the application's {@link GatecheckListener} beans listen. Not read
     * when the application defines its own configuration or engine.
     */
    @Bean
    @ConditionalOnMissingBean({GatecheckConfig.class, Gatecheck.class})
    public GatecheckConfig gatecheckConfig(ConfigurableEnvironment environment,
                                           ObjectProvider<GatecheckListener> listeners) {
        GatecheckConfig.Builder builder = GatecheckConfig.builderFromLayers(SpringKeys.properties(environment),
                SpringKeys.environmentVariables(environment), GatecheckAutoConfiguration.class.getClassLoader());
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    /** The engine, built once and closed when the context closes. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Gatecheck gatecheck(GatecheckConfig config) {
        return Gatecheck.create(config);
    }

    /** The filter, ahead of every other filter, on every dispatch that may reach the application. */
    @Bean(FILTER_REGISTRATION)
    @ConditionalOnMissingBean(name = FILTER_REGISTRATION)
    public FilterRegistrationBean<GatecheckFilter> gatecheckFilterRegistration(Gatecheck gatecheck) {
        FilterRegistrationBean<GatecheckFilter> registration = new FilterRegistrationBean<>(
                new GatecheckFilter(gatecheck));
        registration.setName("gatecheck");
        registration.setOrder(FILTER_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setAsyncSupported(true);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Gatecheck's meters on the application's registry, when Micrometer and {@code gatecheck-micrometer} are there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({GatecheckMeters.class, MeterRegistry.class})
    static class Meters {
        @Bean
        @ConditionalOnBean(MeterRegistry.class)
        @ConditionalOnMissingBean
        GatecheckMeters gatecheckMeters(MeterRegistry registry) {
            return new GatecheckMeters(registry);
        }
    }
}
