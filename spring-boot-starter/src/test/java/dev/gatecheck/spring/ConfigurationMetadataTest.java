package dev.gatecheck.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata the starter ships ({@code META-INF/spring-configuration-metadata.json}) is generated from the
 * README's configuration reference, the documented keys, so the two cannot drift. After changing the table, run this
 * test in {@code spring-boot-starter} with {@code -Dgatecheck.metadata.write=true} to write the file again.
 */
class ConfigurationMetadataTest {
    private static final String RESOURCE = "META-INF/spring-configuration-metadata.json";
    private static final Pattern ROW = Pattern.compile("^\\| (`gatecheck[^|]*) \\| ([^|]*) \\| (.*) \\|$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void shippedMetadataIsGeneratedFromTheReadmesConfigurationReference() throws IOException {
        String generated = metadata(readme());
        if (Boolean.getBoolean("gatecheck.metadata.write")) {
            Files.writeString(Path.of("src/main/resources", RESOURCE), generated);
        }
        assertThat(shipped()).as("the shipped metadata is stale: run this test with -Dgatecheck.metadata.write=true")
                .isEqualTo(generated);
    }

    @Test
    void everyDocumentedKeyIsOffered() throws IOException {
        assertThat(shipped()).contains("\"name\": \"gatecheck.jwt.audiences\"", "\"name\": \"gatecheck.cache.tokens.ttl\"",
                "\"name\": \"gatecheck.gateway.assertion.key-url\"", "\"name\": \"gatecheck.routes\"",
                "\"name\": \"gatecheck.issuers\"");
    }

    private static String readme() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        Path readme = here.resolve("README.md");
        while (!Files.exists(readme)) {
            here = here.getParent();
            readme = here.resolve("README.md");
        }
        return Files.readString(readme);
    }

    private static String shipped() throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE + " is on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The metadata of each row of the table: a key, a key with its {@code / .suffix} siblings, or a map of names. */
    static String metadata(String readme) {
        String table = readme.substring(readme.indexOf("## Configuration reference"));
        Map<String, String[]> properties = new LinkedHashMap<>(); // name -> {description, default or null}
        Map<String, List<String>> maps = new LinkedHashMap<>();   // gatecheck.routes -> its documented sub-keys
        Map<String, String> mapDescriptions = new LinkedHashMap<>();
        for (String line : table.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            List<String> keys = codes(row.group(1));
            String[] defaults = row.group(2).split(" / ");
            String description = row.group(3).replace("`", "");
            String first = keys.get(0);
            String parent = first.substring(0, first.lastIndexOf('.'));
            for (int i = 0; i < keys.size(); i++) {
                String key = i == 0 ? first : parent + keys.get(i);
                String fallback = defaults.length == keys.size() ? defaults[i] : defaults[0];
                if (key.contains("<name>")) {
                    String map = key.substring(0, key.indexOf(".<name>"));
                    maps.computeIfAbsent(map, k -> new ArrayList<>())
                            .add(key.substring(key.indexOf("<name>") + "<name>.".length()));
                    mapDescriptions.putIfAbsent(map, description);
                } else if (key.endsWith(".*")) {
                    for (String suffix : codes(row.group(3))) {
                        properties.put(key.substring(0, key.length() - 1) + suffix,
                                new String[] {"One of " + key + ": " + description, null});
                    }
                } else {
                    properties.put(key, new String[] {description, literal(fallback)});
                }
            }
        }
        StringBuilder json = new StringBuilder("{\n  \"groups\": [\n    {\n      \"name\": \"gatecheck\",\n"
                + "      \"description\": \"Gatecheck: API authentication (see the README's configuration"
                + " reference).\"\n    }\n  ],\n  \"properties\": [");
        String separator = "\n";
        for (Map.Entry<String, String[]> property : properties.entrySet()) {
            json.append(separator).append(property(property.getKey(), "java.lang.String", property.getValue()[0],
                    property.getValue()[1]));
            separator = ",\n";
        }
        for (Map.Entry<String, List<String>> map : maps.entrySet()) {
            json.append(separator).append(property(map.getKey(), "java.util.Map<java.lang.String,java.lang.String>",
                    "By name, <name>." + String.join(", <name>.", map.getValue()) + ": "
                            + mapDescriptions.get(map.getKey()), null));
        }
        return json.append("\n  ]\n}\n").toString();
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }

    /** A default that is one literal ({@code `30s`}); a default described in words is left to the description. */
    private static String literal(String cell) {
        Matcher code = CODE.matcher(cell.trim());
        return code.matches() ? code.group(1) : null;
    }

    private static String property(String name, String type, String description, String defaultValue) {
        return "    {\n      \"name\": " + quote(name) + ",\n      \"type\": " + quote(type)
                + ",\n      \"description\": " + quote(description)
                + (defaultValue == null ? "" : ",\n      \"defaultValue\": " + quote(defaultValue)) + "\n    }";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
