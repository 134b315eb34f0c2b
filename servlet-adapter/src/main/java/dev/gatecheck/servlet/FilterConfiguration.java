package dev.gatecheck.servlet;

import dev.gatecheck.config.ConfigException;
import dev.gatecheck.config.GatecheckConfig;
import jakarta.servlet.FilterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The declarative configuration of a {@link GatecheckFilter}, in layers, later ones winning: the filter's
 * init-params, then the properties file named by the {@code GATECHECK_CONFIG} environment variable (else by
 * the {@code gatecheck.config} init-param), then the {@code GATECHECK_*} environment variables. Packaged
 * defaults thus give way to the deployment's file and environment.
 */
final class FilterConfiguration {
    static final String CONFIG_PARAM = "gatecheck.config";
    static final String CONFIG_ENV = "GATECHECK_CONFIG";
    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private FilterConfiguration() {
    }

    /**
     * The configuration for {@code filterConfig} under {@code environment}.
     *
     * @throws ConfigException for an unknown init-param or variable, an unreadable file or an invalid setting
     */
    static GatecheckConfig load(FilterConfig filterConfig, Map<String, String> environment) {
        Map<String, String> keys = new HashMap<>(initParams(filterConfig));
        String location = keys.remove(CONFIG_PARAM);
        String fromEnvironment = environment.get(CONFIG_ENV);
        if (fromEnvironment != null) {
            keys.putAll(properties(CONFIG_ENV, nonBlank(CONFIG_ENV, fromEnvironment), filterConfig));
        } else if (location != null) {
            keys.putAll(properties(CONFIG_PARAM, nonBlank(CONFIG_PARAM, location), filterConfig));
        }
        keys.putAll(GatecheckConfig.environmentKeys(environment));
        return GatecheckConfig.fromMap(keys);
    }

    /** {@code location} trimmed; an empty one (an unset variable) would silently drop the file's settings. */
    private static String nonBlank(String key, String location) {
        if (location.isBlank()) {
            throw new ConfigException(key, "is empty; to read no properties file, leave it out");
        }
        return location.trim();
    }

    private static Map<String, String> initParams(FilterConfig filterConfig) {
        Map<String, String> params = new HashMap<>();
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            if (!name.startsWith("gatecheck.")) {
                throw new ConfigException(name, "is not a Gatecheck configuration key (filter init-param of "
                        + filterConfig.getFilterName() + ")");
            }
            params.put(name, filterConfig.getInitParameter(name));
        }
        return params;
    }

    /** The properties at a path, {@code file:} path or {@code classpath:} resource (read as UTF-8). */
    private static Map<String, String> properties(String key, String location, FilterConfig filterConfig) {
        Properties properties = new Properties();
        try (InputStream in = open(location, filterConfig);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(key, "cannot read the properties file " + location + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> keys = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> keys.put(name, properties.getProperty(name)));
        return keys;
    }

    private static InputStream open(String location, FilterConfig filterConfig) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String name = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
            InputStream in = filterConfig.getServletContext().getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new java.io.FileNotFoundException(name);
            }
            return in;
        }
        String path = location.startsWith(FILE) ? location.substring(FILE.length()) : location;
        return Files.newInputStream(Path.of(path));
    }
}
