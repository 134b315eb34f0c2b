package dev.gatecheck.jaxrs;

import dev.gatecheck.auth.Identity;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.jboss.resteasy.spi.ContextInjector;
import org.jboss.resteasy.spi.ResteasyProviderFactory;

/** RESTEasy: a {@code @Context Identity} parameter from the request's security context (null when anonymous). */
final class ResteasyIdentityInjector implements ContextInjector<Identity, Identity> {
    @Override
    public Identity resolve(Class<? extends Identity> rawType, Type genericType, Annotation[] annotations) {
        SecurityContext security = ResteasyProviderFactory.getInstance().getContextData(SecurityContext.class);
        return GatecheckIdentity.of(security).orElse(null);
    }
}
