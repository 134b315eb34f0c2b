package dev.gatecheck.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.servlet.GatecheckFilter;
import dev.gatecheck.spring.app.ApiApplication;
import dev.gatecheck.testing.Http;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the starter registers, and how each part gives way to the application's own beans. */
class GatecheckBackOffTest {
    private static final String[] KEYS = {"gatecheck.jwt.issuer=" + TestIssuer.ISSUER,
            "gatecheck.jwt.jwks=" + TestIssuer.JWKS};
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GatecheckAutoConfiguration.class));

    @Test
    void filterIsRegisteredFirstForRequestAsyncAndErrorDispatches() {
        runner.withPropertyValues(KEYS).run(context -> {
            FilterRegistrationBean<?> registration = context.getBean(GatecheckAutoConfiguration.FILTER_REGISTRATION,
                    FilterRegistrationBean.class);

            assertThat(registration.getFilter()).isInstanceOf(GatecheckFilter.class);
            assertThat(registration.getOrder()).isEqualTo(Integer.MIN_VALUE);
            assertThat(registration.determineDispatcherTypes())
                    .isEqualTo(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
            assertThat(registration.isAsyncSupported()).isTrue();
            assertThat(registration.getUrlPatterns()).containsExactly("/*");
        });
    }

    @Test
    void engineIsOneBeanClosedWithTheContext() {
        runner.withPropertyValues(KEYS).run(context -> {
            assertThat(context).hasSingleBean(Gatecheck.class).hasSingleBean(GatecheckConfig.class);
            assertThat(context.getSourceApplicationContext().getBeanFactory().getBeanDefinition("gatecheck")
                    .getDestroyMethodName()).isEqualTo("close");
        });
    }

    @Test
    void applicationsOwnEngineIsUsedAndNoPropertiesAreRead() {
        runner.withUserConfiguration(OwnEngine.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Gatecheck.class).doesNotHaveBean(GatecheckConfig.class);
            assertThat(context.getBean(Gatecheck.class)).isSameAs(context.getBean(OwnEngine.class).engine);
        });
    }

    @Test
    void applicationsOwnConfigurationBuildsTheEngine() {
        runner.withUserConfiguration(OwnConfig.class).run(context ->
                assertThat(context.getBean(Gatecheck.class).config()).isSameAs(context.getBean(GatecheckConfig.class)));
    }

    @Test
    void applicationsOwnFilterRegistrationReplacesTheStarters() {
        runner.withPropertyValues(KEYS).withUserConfiguration(OwnRegistration.class).run(context ->
                assertThat(context.getBean(GatecheckAutoConfiguration.FILTER_REGISTRATION)).isInstanceOf(String.class));
    }

    @Test
    void csrfProtectionStaysWhenTokensComeFromCookies() {
        try (ConfigurableApplicationContext app = TestApps.start(ApiApplication.class, KEYS[0], KEYS[1],
                "gatecheck.token.sources=cookie:session")) {
            String cookie = "session=" + TestIssuer.token("alice", TestIssuer.AUDIENCE, "");
            Http.Target http = TestApps.http(app);

            assertThat(http.get("/api/me", "Cookie", cookie).status()).isEqualTo(200);
            Http.Reply forged = http.post("/api/notes", new byte[0], "Cookie", cookie);
            assertThat(forged.status()).as("a browser sends the cookie to any site's form: CSRF must stop it")
                    .isEqualTo(403);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEngine {
        final Gatecheck engine = Gatecheck.create(GatecheckConfig.builder()
                .jwt(jwt -> jwt.issuer(TestIssuer.ISSUER).jwks(TestIssuer.JWKS)).build());

        @Bean
        Gatecheck ownGatecheck() {
            return engine;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnConfig {
        @Bean
        GatecheckConfig ownConfig() {
            return GatecheckConfig.builder().jwt(jwt -> jwt.issuer(TestIssuer.ISSUER).jwks(TestIssuer.JWKS)).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistration {
        @Bean(GatecheckAutoConfiguration.FILTER_REGISTRATION)
        String gatecheckFilterRegistration() {
            return "registered by the application";
        }
    }
}
