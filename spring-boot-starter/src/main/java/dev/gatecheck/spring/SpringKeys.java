package dev.gatecheck.spring;

import dev.gatecheck.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Spring's {@code gatecheck.*} properties in the form core's loader reads. Spring's relaxed names become the
 * documented ones ({@code jwksUri}, {@code jwks_uri} and {@code JWKS-URI} are {@code jwks-uri}; route and issuer names
 * stay as written), a YAML list becomes the comma-separated value ({@code client-cert.subjects}: semicolons, as DNs hold
 * commas), and {@code ${...}} placeholders are resolved. Keys, values and validation are left to core: an unknown key
 * reaches it and fails there.
 */
final class SpringKeys {
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("gatecheck");
    private static final String SUBJECTS = "gatecheck.gateway.client-cert.subjects";

    private SpringKeys() {
    }

    /**
     * The {@code gatecheck.*} keys of every property source but the process environment (which core reads itself,
     * with its documented variable names), higher-precedence sources winning per key.
     */
    static Map<String, String> properties(ConfigurableEnvironment environment) {
        List<PropertySource<?>> sources = environment.getPropertySources().stream().toList();
        Map<String, String> keys = new HashMap<>();
        for (int i = sources.size() - 1; i >= 0; i--) {
            PropertySource<?> source = sources.get(i);
            if (source instanceof EnumerablePropertySource<?>
                    && !source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                keys.putAll(keysOf(source, environment));
            }
        }
        return keys;
    }

    /** The process environment as Spring holds it (tests replace that property source), for core's layers. */
    static Map<String, String> environmentVariables(ConfigurableEnvironment environment) {
        PropertySource<?> source = environment.getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        Map<String, String> variables = new HashMap<>();
        if (source instanceof EnumerablePropertySource<?> enumerable) {
            for (String name : enumerable.getPropertyNames()) {
                variables.put(name, String.valueOf(enumerable.getProperty(name)));
            }
        }
        return variables;
    }

    private static Map<String, String> keysOf(PropertySource<?> source, ConfigurableEnvironment environment) {
        if (!(ConfigurationPropertySource.from(source) instanceof IterableConfigurationPropertySource iterable)) {
            return Map.of();
        }
        Map<String, TreeMap<Integer, String>> lists = new HashMap<>();
        Map<String, String> keys = new HashMap<>();
        iterable.stream().filter(ROOT::isAncestorOf).forEach(name -> {
            String value = resolved(name, iterable.getConfigurationProperty(name).getValue(), environment);
            int last = name.getNumberOfElements() - 1;
            if (name.isNumericIndex(last)) {
                lists.computeIfAbsent(key(name.getParent()), k -> new TreeMap<>())
                        .put(Integer.parseInt(name.getElement(last, Form.ORIGINAL)), value);
            } else {
                keys.put(key(name), value);
            }
        });
        lists.forEach((key, elements) -> keys.put(key,
                String.join(key.equals(SUBJECTS) ? ";" : ",", new ArrayList<>(elements.values()))));
        return keys;
    }

    private static String resolved(ConfigurationPropertyName name, Object value, ConfigurableEnvironment environment) {
        String text = String.valueOf(value);
        try {
            return environment.resolveRequiredPlaceholders(text);
        } catch (IllegalArgumentException e) { // its message would repeat the value, which may be a secret
            throw new ConfigException(key(name), "holds a ${...} placeholder that cannot be resolved");
        }
    }

    /** The documented key: each element in kebab case, but a route's or issuer's name as written. */
    private static String key(ConfigurationPropertyName name) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, Form.ORIGINAL);
            boolean userName = i == 2 && List.of("routes", "issuers").contains(name.getElement(1, Form.DASHED));
            if (name.isNumericIndex(i)) {
                key.append('[').append(element).append(']');
            } else {
                key.append(i == 0 ? "" : ".").append(userName ? element : kebab(element));
            }
        }
        return key.toString();
    }

    private static String kebab(String element) {
        if (element.equals(element.toUpperCase(Locale.ROOT))) {
            return element.toLowerCase(Locale.ROOT).replace('_', '-');
        }
        StringBuilder kebab = new StringBuilder();
        for (char c : element.toCharArray()) {
            if (Character.isUpperCase(c) && kebab.length() > 0 && kebab.charAt(kebab.length() - 1) != '-') {
                kebab.append('-');
            }
            kebab.append(c == '_' ? '-' : Character.toLowerCase(c));
        }
        return kebab.toString();
    }
}
