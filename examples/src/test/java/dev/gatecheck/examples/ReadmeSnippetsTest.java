package dev.gatecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of README.md is compiled here: each of its lines is a line of a source file of this module,
 * and it shows its imports, so a reader can copy it whole.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private static List<String> snippets() throws IOException {
        List<String> snippets = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(Files.readString(Path.of("../README.md")));
        while (block.find()) {
            snippets.add(block.group(1));
        }
        return snippets;
    }

    /** Every line of the examples' sources, the Spring Boot example's included (its own module). */
    private static Set<String> sourceLines() throws IOException {
        Set<String> lines = new HashSet<>();
        for (Path root : List.of(Path.of("src"), Path.of("spring-boot", "src"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Files.readAllLines(file).forEach(line -> lines.add(line.strip()));
                }
            }
        }
        return lines;
    }

    @Test
    void everyJavaSnippetIsCompiledInExamples() throws IOException {
        Set<String> compiled = sourceLines();
        List<String> snippets = snippets();

        assertThat(snippets).as("README's Java snippets").hasSizeGreaterThanOrEqualTo(6);
        for (String snippet : snippets) {
            for (String line : snippet.split("\n")) {
                if (!line.isBlank()) {
                    assertThat(compiled).as("README line not found in any examples source file:%n%s%nof snippet:%n%s",
                            line, snippet).contains(line.strip());
                }
            }
        }
    }

    @Test
    void everyJavaSnippetShowsItsImports() throws IOException {
        for (String snippet : snippets()) {
            assertThat(snippet.startsWith("import ") || snippet.contains("\nimport "))
                    .as("a README snippet without its imports:%n%s", snippet).isTrue();
        }
    }
}
