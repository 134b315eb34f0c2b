package dev.gatecheck.jaxrs;

import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of a {@link GatecheckFeature} built without an engine: the properties file named by the
 * {@code GATECHECK_CONFIG} environment variable (a path, {@code file:} path or {@code classpath:} resource),
 * then the {@code GATECHECK_*} environment variables, which win.
 */
final class FeatureConfiguration {
    static final String CONFIG_ENV = "GATECHECK_CONFIG";

    private FeatureConfiguration() {
    }

    /**
     * The configuration {@code environment} names.
     *
     * @throws ConfigException for an unreadable file, an unknown key or variable, or an invalid setting
     */
    static GatecheckConfig load(Map<String, String> environment) {
        Map<String, String> keys = new HashMap<>();
        String location = environment.get(CONFIG_ENV);
        if (location != null) {
            if (location.isBlank()) {
                // An unset ${VAR} in a compose file: reading no file would silently drop its settings.
                throw new ConfigException(CONFIG_ENV, "is empty; to read no properties file, leave it out");
            }
            keys.putAll(properties(location.trim()));
        }
        keys.putAll(GatecheckConfig.environmentKeys(environment));
        return GatecheckConfig.fromMap(keys);
    }

    private static Map<String, String> properties(String location) {
        Properties properties = new Properties();
        try (InputStream in = open(location); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(CONFIG_ENV, "cannot read the properties file " + location + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> keys = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> keys.put(name, properties.getProperty(name)));
        return keys;
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length()).replaceFirst("^/", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            InputStream in = (loader != null ? loader : FeatureConfiguration.class.getClassLoader())
                    .getResourceAsStream(name);
            if (in == null) {
                throw new IOException("no classpath resource " + name);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location.startsWith("file:") ? location.substring("file:".length())
                : location));
    }
}
