package dev.gatecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The build's published artifacts, read from the POMs of the source tree: the BOM lists exactly the modules that
 * are deployed, and neither {@code examples} nor {@code benchmarks} is installed or deployed.
 */
class PublishedArtifactsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Document pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String child(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getParentNode() == parent) {
                return nodes.item(i).getTextContent().trim();
            }
        }
        return null;
    }

    /** Each module's artifactId and whether it is deployed (no {@code maven.deploy.skip}). */
    private static Map<String, Boolean> modules() throws Exception {
        Map<String, Boolean> deployed = new TreeMap<>();
        NodeList modules = pom(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            Element project = pom(ROOT.resolve(modules.item(i).getTextContent().trim()).resolve("pom.xml"))
                    .getDocumentElement();
            NodeList skips = project.getElementsByTagName("maven.deploy.skip");
            deployed.put(child(project, "artifactId"), skips.getLength() == 0
                    || !skips.item(0).getTextContent().trim().equals("true"));
        }
        return deployed;
    }

    @Test
    void theBomListsEveryDeployedModuleAndNothingElse() throws Exception {
        Set<String> deployed = new TreeSet<>();
        modules().forEach((artifact, isDeployed) -> {
            if (isDeployed && !artifact.equals("gatecheck-bom")) {
                deployed.add(artifact);
            }
        });
        Set<String> listed = new TreeSet<>();
        NodeList dependencies = pom(ROOT.resolve("bom/pom.xml")).getElementsByTagName("artifactId");
        for (int i = 1; i < dependencies.getLength(); i++) { // the first is the BOM's own
            listed.add(dependencies.item(i).getTextContent().trim());
        }

        assertThat(listed).as("the artifacts gatecheck-bom manages (bom/pom.xml) against the deployed modules")
                .isEqualTo(deployed);
    }

    @Test
    void everyDeployedJarCarriesSourcesAndJavadoc() throws Exception {
        NodeList modules = pom(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String pom = Files.readString(ROOT.resolve(modules.item(i).getTextContent().trim()).resolve("pom.xml"));
            if (!pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
                assertThat(pom).as("module %s is deployed", modules.item(i).getTextContent())
                        .doesNotContain("<maven.source.skip>true").doesNotContain("<maven.javadoc.skip>true");
            }
        }
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).as("the parent attaches both to every jar")
                .contains("<id>attach-sources</id>").contains("<id>attach-javadocs</id>");
    }

    @Test
    void examplesAndBenchmarksAreNeverInstalledOrDeployed() throws Exception {
        for (String module : new String[] {"examples", "benchmarks"}) {
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            assertThat(pom).as("%s/pom.xml", module)
                    .contains("<maven.install.skip>true</maven.install.skip>")
                    .contains("<maven.deploy.skip>true</maven.deploy.skip>");
        }
        assertThat(modules()).containsEntry("gatecheck-examples", false).containsEntry("gatecheck-benchmarks", false);
    }
}
