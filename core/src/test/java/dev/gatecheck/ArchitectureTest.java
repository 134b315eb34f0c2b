package dev.gatecheck;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Core's shape, as DESIGN and the README state it: no package depends on another that depends back on it, the
 * public types are exactly the documented API (everything else is package-private or in
 * {@code dev.gatecheck.internal}), the module exports exactly the API packages, and nothing comes from Servlet or
 * JAX-RS.
 */
class ArchitectureTest {
    /** The API: every public top-level type outside {@code dev.gatecheck.internal}, as the README lists it. */
    static final Set<String> API = Set.of(
            "dev.gatecheck.Gatecheck",
            "dev.gatecheck.auth.AuthMethod",
            "dev.gatecheck.auth.AuthRequest",
            "dev.gatecheck.auth.Decision",
            "dev.gatecheck.auth.ErrorCode",
            "dev.gatecheck.auth.HeaderChanges",
            "dev.gatecheck.auth.Identity",
            "dev.gatecheck.auth.Rejection",
            "dev.gatecheck.auth.RevocationList",
            "dev.gatecheck.config.ConfigException",
            "dev.gatecheck.config.DpopConfig",
            "dev.gatecheck.config.DpopSettings",
            "dev.gatecheck.config.GatecheckConfig",
            "dev.gatecheck.config.GatewayConfig",
            "dev.gatecheck.config.GatewaySettings",
            "dev.gatecheck.config.HeaderMapping",
            "dev.gatecheck.config.IntrospectionSettings",
            "dev.gatecheck.config.IssuerConfig",
            "dev.gatecheck.config.JwtSettings",
            "dev.gatecheck.events.AuditLog",
            "dev.gatecheck.events.GatecheckListener",
            "dev.gatecheck.events.Health",
            "dev.gatecheck.gateway.GatewayPreset",
            "dev.gatecheck.gateway.GatewaySigner",
            "dev.gatecheck.keys.JwksSettings",
            "dev.gatecheck.keys.KeyLookup",
            "dev.gatecheck.keys.KeySource",
            "dev.gatecheck.keys.KeySources",
            "dev.gatecheck.keys.KeySpec",
            "dev.gatecheck.keys.SignatureAlgorithm",
            "dev.gatecheck.keys.VerificationKey",
            "dev.gatecheck.route.AuthMode",
            "dev.gatecheck.route.Declaration",
            "dev.gatecheck.route.Requirements",
            "dev.gatecheck.route.ResourcePolicy",
            "dev.gatecheck.route.Route",
            "dev.gatecheck.route.RouteTable",
            "dev.gatecheck.route.WebhookSpec",
            "dev.gatecheck.token.TokenSource",
            "dev.gatecheck.webhook.ReplayGuard");

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gatecheck");

    @Test
    void noPackageDependsOnAPackageThatDependsBackOnIt() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return SliceIdentifier.of(javaClass.getPackageName());
            }

            @Override
            public String getDescription() {
                return "core's packages";
            }
        }).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void thePublicTypesOutsideInternalAreTheDocumentedApi() {
        Set<String> publicTypes = CORE.stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.isTopLevelClass())
                .map(JavaClass::getName)
                .filter(name -> !name.startsWith("dev.gatecheck.internal.") && !name.endsWith("module-info"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(publicTypes).as("public types outside dev.gatecheck.internal (update the README's API list too)")
                .containsExactlyInAnyOrderElementsOf(API);
    }

    @Test
    void theModuleExportsExactlyTheApiPackages() throws IOException {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> apiPackages = API.stream().map(name -> name.substring(0, name.lastIndexOf('.')))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(descriptor.name()).isEqualTo("dev.gatecheck.core");
        assertThat(exported).as("packages the module exports").isEqualTo(apiPackages);
    }

    @Test
    void coreUsesNothingOfServletOrJaxrs() {
        ArchRuleDefinition.noClasses().should().dependOnClassesThat(DescribedPredicate.describe(
                "are of the Servlet or RESTful Web Services API", (JavaClass c) ->
                        c.getPackageName().startsWith("jakarta.servlet") || c.getPackageName().startsWith("jakarta.ws")))
                .check(CORE);
    }
}
