package dev.gatecheck.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The README's web.xml snippet ({@code src/main/webapp/WEB-INF/web.xml}) names the filter as it exists. */
class WebXmlSnippetTest {
    private Document webXml;

    @BeforeEach
    void parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        webXml = factory.newDocumentBuilder().parse(Path.of("src/main/webapp/WEB-INF/web.xml").toFile());
    }

    @Test
    void declaresTheGatecheckFilterClass() throws Exception {
        Class<?> declared = Class.forName(texts("filter-class").get(0));

        assertThat(Filter.class.isAssignableFrom(declared)).isTrue();
        assertThat(declared.getConstructor()).isNotNull();
    }

    @Test
    void registersTheFilterAsyncSupportedForRequestAsyncAndErrorDispatches() {
        assertThat(texts("async-supported")).containsExactly("true");
        assertThat(texts("dispatcher")).containsExactlyInAnyOrder("REQUEST", "ASYNC", "ERROR");
        assertThat(texts("url-pattern")).containsExactly("/*");
    }

    @Test
    void givesOnlyGatecheckKeysAsInitParams() {
        assertThat(texts("param-name")).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("gatecheck."));
    }

    private List<String> texts(String element) {
        NodeList nodes = webXml.getElementsByTagNameNS("https://jakarta.ee/xml/ns/jakartaee", element);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }
}
