package dev.gatecheck.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a resource's declared policy replaces the route-table entry of a request. */
class ResourcePolicyTest {
    private static final Route TOKEN_ADMIN = new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN,
            Requirements.roles("admin"));
    private static final Route PUBLIC = new Route("open", List.of("/open"), Set.of(), AuthMode.PUBLIC,
            Requirements.NONE);
    private static final Route DENIED = new Route("closed", List.of("/closed/*"), Set.of(), AuthMode.DENY,
            Requirements.NONE);
    private static final Route GATEWAY = new Route("internal", List.of("/internal/*"), Set.of(), AuthMode.GATEWAY,
            Requirements.NONE);
    private static final Route WEBHOOK = Route.webhook("github", List.of("/webhooks/github"),
            WebhookSpec.of("github", "a-webhook-secret-of-at-least-32-bytes"));

    @Test
    void denyAllDeniesWhateverTheRouteSays() {
        ResourcePolicy deny = ResourcePolicy.denyAll("R.m");
        for (Route matched : List.of(TOKEN_ADMIN, PUBLIC, DENIED, GATEWAY, WEBHOOK)) {
            assertThat(deny.applyTo(matched, AuthMode.TOKEN).mode()).isEqualTo(AuthMode.DENY);
        }
    }

    @Test
    void permitAllMakesTheResourcePublicEvenOnAProtectedOrDeniedRoute() {
        ResourcePolicy permit = ResourcePolicy.permitAll("R.m");
        for (Route matched : List.of(TOKEN_ADMIN, PUBLIC, DENIED, GATEWAY)) {
            Route applied = permit.applyTo(matched, AuthMode.TOKEN);
            assertThat(applied.mode()).isEqualTo(AuthMode.PUBLIC);
            assertThat(applied.requirements()).isEqualTo(Requirements.NONE);
            assertThat(applied.name()).isEqualTo("R.m");
        }
    }

    @Test
    void authenticatedReplacesTheRequirementsButKeepsTheRoutesWayOfAuthenticating() {
        ResourcePolicy scopes = ResourcePolicy.authenticated("R.m", Requirements.scopes("reports:read"));
        Route onAdmin = scopes.applyTo(TOKEN_ADMIN, AuthMode.TOKEN);
        assertThat(onAdmin.mode()).isEqualTo(AuthMode.TOKEN);
        assertThat(onAdmin.requirements()).isEqualTo(Requirements.scopes("reports:read"));
        assertThat(scopes.applyTo(GATEWAY, AuthMode.TOKEN).mode()).isEqualTo(AuthMode.GATEWAY);
    }

    @Test
    void authenticatedOnAPublicOrDeniedRouteUsesTheDefaultMode() {
        ResourcePolicy any = ResourcePolicy.authenticated("R.m", Requirements.NONE);
        assertThat(any.applyTo(PUBLIC, AuthMode.GATEWAY_OR_TOKEN).mode()).isEqualTo(AuthMode.GATEWAY_OR_TOKEN);
        assertThat(any.applyTo(DENIED, AuthMode.TOKEN).mode()).isEqualTo(AuthMode.TOKEN);
    }

    @Test
    void aWebhookRouteKeepsItsSignatureCheckUnlessDenied() {
        assertThat(ResourcePolicy.permitAll("R.m").applyTo(WEBHOOK, AuthMode.TOKEN)).isSameAs(WEBHOOK);
        assertThat(ResourcePolicy.authenticated("R.m", Requirements.roles("admin")).applyTo(WEBHOOK, AuthMode.TOKEN))
                .isSameAs(WEBHOOK);
    }

    @Test
    void onlyAnAuthenticatedPolicyCarriesRequirements() {
        assertThatThrownBy(() -> new ResourcePolicy("R.m", ResourcePolicy.Access.PUBLIC, Requirements.roles("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R.m");
        assertThatThrownBy(() -> new ResourcePolicy("R.m", ResourcePolicy.Access.DENY, Requirements.scopes("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
