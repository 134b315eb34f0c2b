package dev.gatecheck.jaxrs;

import dev.gatecheck.auth.Identity;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Reaches the Gatecheck {@link Identity} from a resource without a cast, on any JAX-RS runtime:
 * <pre>{@code
 * @GET
 * public String me(@Context SecurityContext security) {
 *     return GatecheckIdentity.of(security).map(Identity::subject).orElse("anonymous");
 * }
 * }</pre>
 */
public final class GatecheckIdentity {
    private GatecheckIdentity() {
    }

    /** The caller Gatecheck authenticated, or empty for an anonymous request (e.g. on a {@code @PermitAll} method). */
    public static Optional<Identity> of(SecurityContext security) {
        return security != null && security.getUserPrincipal() instanceof Identity identity
                ? Optional.of(identity) : Optional.empty();
    }
}
