package dev.gatecheck.spring;

import dev.gatecheck.testing.Http;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Starts a test application on a real embedded Tomcat (random port) with given properties and environment. */
final class TestApps {
    private TestApps() {
    }

    /**
     * {@code application} with {@code properties} ({@code key=value}) and {@code environment} as its process
     * environment (the real one is left out, so the test decides every {@code GATECHECK_*} variable).
     */
    static ConfigurableApplicationContext start(Class<?> application, Map<String, String> environment,
                                                String... properties) {
        return new SpringApplicationBuilder(application).properties("server.port=0").properties(properties)
                .initializers(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                new HashMap<>(environment))))
                .run();
    }

    static ConfigurableApplicationContext start(Class<?> application, String... properties) {
        return start(application, Map.of(), properties);
    }

    /** Requests to the application on loopback. */
    static Http.Target http(ConfigurableApplicationContext context) {
        return Http.at(URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")));
    }
}
