package dev.gatecheck.jaxrs;

import dev.gatecheck.auth.Identity;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * The resources' {@link SecurityContext}: the principal is the Gatecheck {@link Identity} (none when
 * anonymous), roles come from it, the scheme is how it was established ({@code BEARER}), and
 * {@link #isSecure()} is the container's answer.
 */
final class GatecheckSecurityContext implements SecurityContext {
    private final Identity identity;
    private final SecurityContext container;

    GatecheckSecurityContext(Optional<Identity> identity, SecurityContext container) {
        this.identity = identity.orElse(null);
        this.container = container;
    }

    @Override
    public Principal getUserPrincipal() {
        return identity;
    }

    @Override
    public boolean isUserInRole(String role) {
        return identity != null && identity.hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return container != null && container.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
        return identity == null ? null : identity.method().authType();
    }
}
