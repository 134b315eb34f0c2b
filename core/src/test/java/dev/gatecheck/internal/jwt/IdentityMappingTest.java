package dev.gatecheck.internal.jwt;

import static dev.gatecheck.testing.SpecFixture.NOW_S;
import static dev.gatecheck.testing.SpecFixture.allowed;
import static dev.gatecheck.testing.SpecFixture.denied;
import static dev.gatecheck.testing.SpecFixture.get;
import static dev.gatecheck.testing.SpecFixture.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthMethod;
import dev.gatecheck.auth.Identity;
import dev.gatecheck.testing.SpecFixture;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How verified claims become the {@link Identity} the application sees. */
class IdentityMappingTest {
    private final Gatecheck gatecheck = SpecFixture.gatecheck("gatecheck.routes.admin.paths", "/admin/*",
            "gatecheck.routes.admin.roles", "admin");

    private Identity identity(Gatecheck engine, String sub, String extraClaims) {
        return allowed(engine.authenticate(get("/x", token(sub, extraClaims)))).identity()
                .orElseThrow(() -> new AssertionError("a valid token must give an identity"));
    }

    private Identity identity(String extraClaims) {
        return identity(gatecheck, "alice", extraClaims);
    }

    // --- who ------------------------------------------------------------------------------------------------

    @Test
    void subjectIsThePrincipalName() {
        Identity identity = identity("");

        assertThat(identity.subject()).isEqualTo("alice");
        assertThat(identity.getName()).isEqualTo("alice");
    }

    @Test
    void identityCarriesIssuerMethodAndExpiry() {
        Identity identity = identity("");

        assertThat(identity.issuer()).contains(SpecFixture.ISSUER);
        assertThat(identity.method()).isEqualTo(AuthMethod.TOKEN);
        assertThat(identity.method().authType()).isEqualTo("BEARER");
        assertThat(identity.expiresAt()).contains(Instant.ofEpochSecond(NOW_S + 300));
    }

    @Test
    void orgComesFromTheOrgClaim() {
        assertThat(identity("\"org\":\"acme\"").org()).contains("acme");
        assertThat(identity("").org()).isEmpty();
    }

    @Test
    void orgClaimIsConfigurableAsADottedPath() {
        Gatecheck tenant = SpecFixture.gatecheck("gatecheck.jwt.org-claim", "tenant.name");

        assertThat(identity(tenant, "alice", "\"tenant\":{\"name\":\"globex\"},\"org\":\"acme\"").org()).contains("globex");
    }

    @ParameterizedTest(name = "org = {0}")
    @ValueSource(strings = {"1", "[\"acme\"]", "{\"name\":\"acme\"}", "true", "null"})
    void orgOfAnotherTypeIsLeftOut(String org) {
        assertThat(identity("\"org\":" + org).org()).isEmpty();
    }

    // --- roles ----------------------------------------------------------------------------------------------

    @Test
    void rolesComeFromAnArray() {
        assertThat(identity("\"roles\":[\"admin\",\"dev\"]").roles()).containsExactly("admin", "dev");
    }

    @ParameterizedTest(name = "roles = {0}")
    @ValueSource(strings = {"\"admin dev\"", "\"admin,dev\"", "\"admin, dev\"", "\" admin  dev \"", "\"admin,,dev,\""})
    void rolesComeFromASpaceOrCommaSeparatedString(String roles) {
        assertThat(identity("\"roles\":" + roles).roles()).containsExactly("admin", "dev");
    }

    @Test
    void rolesClaimIsConfigurableAsADottedPath() {
        Gatecheck keycloak = SpecFixture.gatecheck("gatecheck.jwt.roles-claim", "realm_access.roles");

        Identity identity = identity(keycloak, "alice",
                "\"realm_access\":{\"roles\":[\"admin\",\"offline_access\"]},\"roles\":[\"ignored\"]");

        assertThat(identity.roles()).containsExactly("admin", "offline_access");
    }

    @Test
    void rolesFromADottedPathOpenARoleRoute() {
        Gatecheck keycloak = SpecFixture.gatecheck("gatecheck.jwt.roles-claim", "realm_access.roles",
                "gatecheck.routes.admin.paths", "/admin/*", "gatecheck.routes.admin.roles", "admin");

        allowed(keycloak.authenticate(get("/admin/x", token("alice", "\"realm_access\":{\"roles\":[\"admin\"]}"))));
    }

    @ParameterizedTest(name = "roles = {0}")
    @ValueSource(strings = {"[1,2]", "{}", "5", "true", "null", "[[\"admin\"]]", "{\"admin\":true}", "[null]"})
    void wrongTypedRolesGiveAnIdentityWithoutRoles(String roles) {
        Identity identity = identity("\"roles\":" + roles);

        assertThat(identity.roles()).as("roles from %s", roles).isEmpty();
    }

    @ParameterizedTest(name = "roles = {0}")
    @ValueSource(strings = {"[1,2]", "{}", "5", "{\"admin\":true}"})
    void wrongTypedRolesAreForbiddenOnARoleRouteNeverAnError(String roles) {
        denied(gatecheck.authenticate(get("/admin/x", token("alice", "\"roles\":" + roles))), 403, "forbidden");
    }

    @Test
    void nonStringEntriesOfARolesArrayAreSkipped() {
        assertThat(identity("\"roles\":[1,\"admin\",{},\"\",\"dev\"]").roles()).containsExactly("admin", "dev");
    }

    @Test
    void dottedRolesPathThroughANonObjectGivesNoRoles() {
        Gatecheck keycloak = SpecFixture.gatecheck("gatecheck.jwt.roles-claim", "realm_access.roles");

        assertThat(identity(keycloak, "alice", "\"realm_access\":[\"admin\"]").roles()).isEmpty();
        assertThat(identity(keycloak, "alice", "\"realm_access\":\"admin\"").roles()).isEmpty();
    }

    @Test
    void hasRoleIsExactAndCaseSensitive() {
        Identity identity = identity("\"roles\":[\"Admin\"]");

        assertThat(identity.hasRole("Admin")).isTrue();
        assertThat(identity.hasRole("admin")).isFalse();
    }

    @Test
    void everyIdentityHasTheAnyAuthenticatedRole() {
        assertThat(identity("").hasRole("**")).as("\"**\" means any authenticated caller").isTrue();
        assertThat(identity("").roles()).as("it is not listed among the roles").isEmpty();
    }

    // --- scopes ---------------------------------------------------------------------------------------------

    @Test
    void scopesComeFromTheSpaceSeparatedScopeClaim() {
        assertThat(identity("\"scope\":\"openid  read:users write\"").scopes())
                .containsExactly("openid", "read:users", "write");
    }

    @Test
    void scopesComeFromAnScpArray() {
        assertThat(identity("\"scp\":[\"read\",\"write\"]").scopes()).containsExactly("read", "write");
    }

    @Test
    void scopesOfScopeAndScpAreJoined() {
        Identity identity = identity("\"scope\":\"read\",\"scp\":[\"write\",\"read\"]");

        assertThat(identity.scopes()).containsExactly("read", "write");
        assertThat(identity.hasScope("write")).isTrue();
    }

    @Test
    void scopeStringIsNotSplitOnCommas() {
        assertThat(identity("\"scope\":\"read,write\"").scopes()).containsExactly("read,write");
    }

    @Test
    void scopeClaimIsConfigurable() {
        Gatecheck permissions = SpecFixture.gatecheck("gatecheck.jwt.scope-claim", "permissions");

        assertThat(identity(permissions, "alice", "\"permissions\":[\"read:all\"],\"scope\":\"ignored\"").scopes())
                .containsExactly("read:all");
    }

    @ParameterizedTest(name = "scope = {0}")
    @ValueSource(strings = {"1", "{}", "true", "[1]"})
    void wrongTypedScopeGivesNoScopes(String scope) {
        assertThat(identity("\"scope\":" + scope).scopes()).isEmpty();
    }

    // --- claims ---------------------------------------------------------------------------------------------

    @Test
    void claimsAreAllThereAndTyped() {
        Identity identity = identity("\"n\":7,\"f\":1.5,\"b\":true,\"nothing\":null,\"list\":[\"x\"],\"obj\":{\"k\":\"v\"}");

        assertThat(identity.claims()).containsEntry("n", 7L).containsEntry("f", 1.5).containsEntry("b", true)
                .containsEntry("nothing", null).containsEntry("list", List.of("x")).containsEntry("obj", Map.of("k", "v"))
                .containsEntry("sub", "alice").containsEntry("iss", SpecFixture.ISSUER);
        assertThat(identity.claim("obj.k")).contains("v");
        assertThat(identity.claim("obj.missing")).isEmpty();
        assertThat(identity.claim("list.x")).isEmpty();
    }

    @Test
    void claimsAreReadOnlyAtEveryDepth() {
        Identity identity = identity("\"list\":[\"x\"],\"obj\":{\"k\":\"v\",\"inner\":[1]}");

        assertThatThrownBy(() -> identity.claims().put("sub", "admin")).as("top-level claims")
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> identity.claims().remove("sub")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) identity.claims().get("list");
        assertThatThrownBy(() -> list.add("admin")).as("an array claim").isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> obj = (Map<String, Object>) identity.claims().get("obj");
        assertThatThrownBy(() -> obj.put("k", "w")).as("an object claim").isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> inner = (List<Object>) obj.get("inner");
        assertThatThrownBy(inner::clear).as("a nested array").isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rolesAndScopesAreReadOnly() {
        Identity identity = identity("\"roles\":[\"dev\"],\"scope\":\"read\"");

        assertThatThrownBy(() -> identity.roles().add("admin")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> identity.scopes().add("write")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void subjectFallsBackToClientIdForClientCredentialsTokens() {
        String token = SpecFixture.signed("{\"iss\":\"" + SpecFixture.ISSUER + "\",\"aud\":\"api\",\"client_id\":\"svc-1\","
                + "\"exp\":" + (NOW_S + 60) + "}");

        Identity identity = allowed(gatecheck.authenticate(get("/x", token))).identity().orElseThrow();

        assertThat(identity.getName()).isEqualTo("svc-1");
    }

    // --- splitting, against the regular expressions it replaced ----------------------------------------------

    @Test
    void splitsStringsExactlyAsTheRegularExpressionsDo() {
        Pattern scopes = Pattern.compile("\\s+");
        Pattern lists = Pattern.compile("[\\s,]+");
        // Every separator, characters that trim() drops but \\s does not match, and Unicode spaces that neither does.
        String alphabet = " \t\n\u000B\f\r,\u0001\u001F\u00A0\u2003\u3000ab";
        Random random = new Random(19);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            assertThat(IdentityMapping.strings(s, false)).as("scopes of '%s'", s).containsExactlyElementsOf(split(s, scopes));
            assertThat(IdentityMapping.strings(s, true)).as("roles of '%s'", s).containsExactlyElementsOf(split(s, lists));
        }
    }

    private static Set<String> split(String s, Pattern separators) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : separators.split(s.trim())) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
