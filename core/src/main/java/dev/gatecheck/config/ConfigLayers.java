package dev.gatecheck.config;

import java.io.FileNotFoundException;
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
 * The one way adapters read a declarative configuration, in layers, later ones winning: the packaged keys (a servlet
 * filter's init-params), the properties file named by the {@code GATECHECK_CONFIG} environment variable (else by the
 * packaged {@code gatecheck.config} key), then the {@code GATECHECK_*} environment variables. Packaged defaults thus
 * give way to the deployment's file and environment.
 */
final class ConfigLayers {
    static final String CONFIG_KEY = "gatecheck.config";
    static final String CONFIG_ENV = "GATECHECK_CONFIG";
    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private ConfigLayers() {
    }

    static Map<String, String> merge(Map<String, String> packaged, Map<String, String> environment,
                                     ClassLoader classLoader) {
        Map<String, String> keys = new HashMap<>();
        packaged.forEach((name, value) -> {
            if (!name.startsWith("gatecheck.")) {
                throw new ConfigException(name, "is not a Gatecheck configuration key");
            }
            keys.put(name, value);
        });
        String location = keys.remove(CONFIG_KEY);
        String fromEnvironment = environment.get(CONFIG_ENV);
        if (fromEnvironment != null) {
            keys.putAll(properties(CONFIG_ENV, nonBlank(CONFIG_ENV, fromEnvironment), classLoader));
        } else if (location != null) {
            keys.putAll(properties(CONFIG_KEY, nonBlank(CONFIG_KEY, location), classLoader));
        }
        keys.putAll(ConfigLoader.environmentKeys(environment));
        return keys;
    }

    /** {@code location} trimmed; an empty one (an unset variable) would silently drop the file's settings. */
    private static String nonBlank(String key, String location) {
        if (location.isBlank()) {
            throw new ConfigException(key, "is empty; to read no properties file, leave it out");
        }
        return location.trim();
    }

    /** The properties at a path, {@code file:} path or {@code classpath:} resource (read as UTF-8). */
    private static Map<String, String> properties(String key, String location, ClassLoader classLoader) {
        Properties properties = new Properties();
        try (InputStream in = open(location, classLoader);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) { // InvalidPathException too
            throw new ConfigException(key, "cannot read the properties file " + location + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        return ConfigLoader.toMap(properties);
    }

    private static InputStream open(String location, ClassLoader classLoader) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String name = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
            InputStream in = classLoader.getResourceAsStream(name);
            if (in == null) {
                throw new FileNotFoundException(name);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location.startsWith(FILE) ? location.substring(FILE.length()) : location));
    }
}
