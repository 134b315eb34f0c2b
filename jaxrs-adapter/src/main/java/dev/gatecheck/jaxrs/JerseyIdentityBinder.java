package dev.gatecheck.jaxrs;

import dev.gatecheck.auth.Identity;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;

/** Jersey: a {@code @Context Identity} parameter from the request's security context (null when anonymous). */
final class JerseyIdentityBinder extends AbstractBinder {
    @Override
    protected void configure() {
        bindFactory(RequestIdentity.class).to(Identity.class);
    }

    /** Looked up for each injection: Jersey gives it the current request's security context. */
    static final class RequestIdentity implements Supplier<Identity> {
        @Context
        private SecurityContext security;

        @Override
        public Identity get() {
            return GatecheckIdentity.of(security).orElse(null);
        }
    }
}
