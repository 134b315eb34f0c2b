package dev.gatecheck.spring;

import dev.gatecheck.auth.Identity;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The caller Gatecheck authenticated, as Spring Security sees it: the principal is the {@link Identity}, the
 * authorities are {@code ROLE_<role>} for each role and {@code SCOPE_<scope>} for each scope (so
 * {@code hasRole('admin')} and {@code hasAuthority('SCOPE_orders:read')} work), the details are the claims. It holds
 * no credential: the token stays with Gatecheck.
 */
public final class GatecheckAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;
    /** The prefix of a role's authority, as {@code hasRole} expects it. */
    public static final String ROLE_PREFIX = "ROLE_";
    /** The prefix of a scope's authority, as in Spring Security's OAuth 2.0 resource server. */
    public static final String SCOPE_PREFIX = "SCOPE_";

    private final transient Identity identity;

    /** The authentication of {@code identity}. */
    public GatecheckAuthentication(Identity identity) {
        super(authorities(identity));
        this.identity = identity;
        setDetails(identity.claims());
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(Identity identity) {
        return Stream.concat(identity.roles().stream().map(role -> ROLE_PREFIX + role),
                identity.scopes().stream().map(scope -> SCOPE_PREFIX + scope))
                .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    }

    /** The {@link Identity}. */
    @Override
    public Identity getPrincipal() {
        return identity;
    }

    /** Always {@code null}: the credential is never handed on. */
    @Override
    public Object getCredentials() {
        return null;
    }

    /** The claims of the identity (read-only). */
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> getDetails() {
        return (Map<String, Object>) super.getDetails();
    }
}
