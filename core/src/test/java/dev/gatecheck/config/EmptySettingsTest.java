package dev.gatecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.gatecheck.route.Requirements;
import dev.gatecheck.testing.TestKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An empty setting never loosens a rule: an empty or blank value for any key, and a list with an empty element or
 * nothing but separators, is a {@link ConfigException} naming the key, from every source and from the builder. A
 * setting is removed by leaving it out.
 */
class EmptySettingsTest {
    private static final String ISSUER = "https://issuer.test";
    private static final String JWKS = TestKeys.jwks(TestKeys.jwk(TestKeys.rsa().getPublic(), "k1", "RS256"));
    /** What a deployment's properties file sets. */
    private static final Map<String, String> FILE = Map.of(
            "gatecheck.jwt.issuer", ISSUER,
            "gatecheck.jwt.jwks", JWKS,
            "gatecheck.jwt.audiences", "orders-api",
            "gatecheck.routes.admin.paths", "/admin/*",
            "gatecheck.routes.admin.roles", "admin");

    /** {@code FILE} with the environment layered over it, the way the adapters layer their sources. */
    private static GatecheckConfig fileThenEnvironment(Map<String, String> environment) {
        Map<String, String> keys = new HashMap<>(FILE);
        keys.putAll(GatecheckConfig.environmentKeys(environment));
        return GatecheckConfig.fromMap(keys);
    }

    /** {@code FILE} with {@code key} set to {@code value}. */
    private static Map<String, String> fileWith(String key, String value) {
        Map<String, String> keys = new HashMap<>(FILE);
        keys.put(key, value);
        return keys;
    }

    private static void assertRefusedNaming(String key, Runnable configuring) {
        assertThatThrownBy(configuring::run)
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key())
                        .as("the key named for an empty value (%s)", e.getMessage()).isEqualTo(key));
    }

    @Test
    void refusesAnEmptyAudienceVariableLayeredOverAFileThatSetsOne() {
        // An unset ${AUD} in a compose file: read as "no audience" it accepted tokens for any audience.
        assertRefusedNaming("GATECHECK_JWT_AUDIENCES",
                () -> fileThenEnvironment(Map.of("GATECHECK_JWT_AUDIENCES", "")));
    }

    @Test
    void refusesAnEmptyRolesVariableLayeredOverAFileThatSetsThem() {
        // Read as "no role required" it let any user into /admin.
        assertRefusedNaming("GATECHECK_ROUTES_ADMIN_ROLES",
                () -> fileThenEnvironment(Map.of("GATECHECK_ROUTES_ADMIN_ROLES", "")));
    }

    @Test
    void refusesARolesVariableOfNothingButSeparators() {
        assertRefusedNaming("gatecheck.routes.admin.roles",
                () -> fileThenEnvironment(Map.of("GATECHECK_ROUTES_ADMIN_ROLES", " , ")));
    }

    @Test
    void keepsTheFilesSettingWhenTheVariableIsLeftOut() {
        GatecheckConfig config = fileThenEnvironment(Map.of());

        assertThat(config.issuers().get(0).audiences()).containsExactly("orders-api");
        assertThat(config.routes().routes()).filteredOn(r -> r.name().equals("admin"))
                .singleElement().satisfies(r -> assertThat(r.requirements().roles()).containsExactly("admin"));
    }

    static Stream<Arguments> emptyValues() {
        return Stream.of("gatecheck.mode", "gatecheck.preflight", "gatecheck.token.sources",
                        "gatecheck.token.max-length", "gatecheck.forward.headers",
                        "gatecheck.forward.hide-authorization", "gatecheck.jwks.ttl", "gatecheck.jwt.issuer",
                        "gatecheck.jwt.audiences", "gatecheck.jwt.algorithms", "gatecheck.jwt.typ",
                        "gatecheck.jwt.roles-claim", "gatecheck.jwt.required-claims", "gatecheck.jwt.jwks-uri",
                        "gatecheck.jwt.hmac-secret", "gatecheck.issuers.corp.audiences", "gatecheck.gateway.marker",
                        "gatecheck.gateway.identity-headers", "gatecheck.gateway.trusted-proxies",
                        "gatecheck.gateway.client-cert.subjects", "gatecheck.gateway.assertion.audience",
                        "gatecheck.routes.admin.roles", "gatecheck.routes.admin.scopes",
                        "gatecheck.routes.admin.claims", "gatecheck.routes.admin.methods",
                        "gatecheck.routes.admin.auth", "gatecheck.routes.admin.paths")
                .flatMap(key -> Stream.of("", " ", "\t").map(value -> arguments(key, value)));
    }

    @ParameterizedTest(name = "{0}=''{1}''")
    @MethodSource("emptyValues")
    void refusesAnEmptyValueForAnyKeyNamingIt(String key, String value) {
        assertRefusedNaming(key, () -> GatecheckConfig.fromMap(fileWith(key, value)));
    }

    static Stream<Arguments> listsWithAnEmptyElement() {
        return Stream.of(
                arguments("gatecheck.jwt.audiences", "orders-api,"),
                arguments("gatecheck.jwt.audiences", ","),
                arguments("gatecheck.jwt.algorithms", "RS256,,ES256"),
                arguments("gatecheck.routes.admin.roles", "admin, ,ops"),
                arguments("gatecheck.routes.admin.scopes", ",orders:read"),
                arguments("gatecheck.routes.admin.claims", "tenant=acme,"),
                arguments("gatecheck.routes.admin.claims", "tenant="),
                arguments("gatecheck.routes.admin.claims", " =acme"),
                arguments("gatecheck.routes.admin.methods", "GET,,POST"),
                arguments("gatecheck.routes.admin.paths", "/admin/*,"),
                arguments("gatecheck.token.sources", "header,"),
                arguments("gatecheck.forward.headers", "X-User-ID:sub,,X-User-Roles:roles"),
                arguments("gatecheck.gateway.trusted-proxies", "10.0.0.0/8,"),
                arguments("gatecheck.gateway.client-cert.subjects", "CN=gateway,O=Example;"));
    }

    @ParameterizedTest(name = "{0}=''{1}''")
    @MethodSource("listsWithAnEmptyElement")
    void refusesAListWithAnEmptyElementNamingTheKey(String key, String value) {
        assertRefusedNaming(key, () -> GatecheckConfig.fromMap(fileWith(key, value)));
    }

    @Test
    void refusesAnEmptyElementOfASecretListWithoutEchoingTheSecret() {
        String secret = "gw:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> GatecheckConfig.fromMap(fileWith("gatecheck.gateway.hmac.keys", secret + ",")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("gatecheck.gateway.hmac.keys");
                    assertThat(e.getMessage()).as("the message never holds the secret").doesNotContain(secret);
                });
    }

    static Stream<Arguments> emptyBuilderValues() {
        return Stream.of(
                builder("gatecheck.jwt.issuer", b -> b.jwt(j -> j.issuer(" "))),
                builder("gatecheck.jwt.audiences", b -> b.jwt(j -> j.audiences())),
                builder("gatecheck.jwt.audiences", b -> b.jwt(j -> j.audiences("orders-api", ""))),
                builder("gatecheck.jwt.algorithms", b -> b.jwt(j -> j.algorithms(new String[0]))),
                builder("gatecheck.jwt.required-claims", b -> b.jwt(j -> j.requiredClaims())),
                builder("gatecheck.jwt.typ", b -> b.jwt(j -> j.typ(""))),
                builder("gatecheck.jwt.roles-claim", b -> b.jwt(j -> j.rolesClaim(" "))),
                builder("gatecheck.jwt.scope-claim", b -> b.jwt(j -> j.scopeClaim(""))),
                builder("gatecheck.jwt.org-claim", b -> b.jwt(j -> j.orgClaim(""))),
                builder("gatecheck.jwt.jwks-uri", b -> b.jwt(j -> j.jwksUri(""))),
                builder("gatecheck.jwt.public-key-location", b -> b.jwt(j -> j.publicKeyLocation(" "))),
                builder("gatecheck.jwt.public-key-location", b -> b.jwt(j -> j.publicKeyPem(""))),
                builder("gatecheck.jwt.jwks", b -> b.jwt(j -> j.jwks(""))),
                builder("gatecheck.issuers.corp.audiences", b -> b.issuer("corp", j -> j.audiences())),
                builder("gatecheck.forward.headers", b -> b.forwardHeaders()),
                builder("gatecheck.gateway.identity-headers", b -> b.gateway(g -> g.identityHeaders())),
                builder("gatecheck.gateway.trusted-proxies", b -> b.gateway(g -> g.trustedProxies())),
                builder("gatecheck.gateway.client-cert.subjects",
                        b -> b.gateway(g -> g.clientCert(Set.of(""), Set.of(), Set.of()))),
                builder("gatecheck.gateway.client-cert.dns-names",
                        b -> b.gateway(g -> g.clientCert(Set.of(), Set.of(" "), Set.of()))),
                builder("gatecheck.gateway.assertion.header", b -> b.gateway(g -> g.assertionHeader(""))),
                builder("gatecheck.gateway.assertion.signer", b -> b.gateway(g -> g.signers())),
                builder("gatecheck.gateway.assertion.client", b -> b.gateway(g -> g.client(" "))),
                builder("gatecheck.gateway.assertion.key-url", b -> b.gateway(g -> g.keyUrl(""))),
                builder("gatecheck.gateway.assertion.audience", b -> b.gateway(g -> g.assertion(a -> a.audiences()))));
    }

    private static Arguments builder(String key, Consumer<GatecheckConfig.Builder> setting) {
        return arguments(key, setting);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyBuilderValues")
    void builderRefusesAnEmptyValueNamingTheKey(String key, Consumer<GatecheckConfig.Builder> setting) {
        assertRefusedNaming(key, () -> setting.accept(GatecheckConfig.builder()));
    }

    @Test
    void requirementsRefuseABlankRoleScopeOrClaim() {
        assertThatThrownBy(() -> Requirements.roles("admin", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Requirements.scopes(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Requirements(Set.of(), Set.of(), Map.of("tenant", Set.of(""))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
