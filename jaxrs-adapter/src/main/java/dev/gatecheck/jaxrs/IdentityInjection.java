package dev.gatecheck.jaxrs;

import jakarta.ws.rs.core.FeatureContext;

/**
 * Makes {@code @Context Identity} injectable as a resource method parameter (null when anonymous). JAX-RS has no
 * portable way to add an injectable type, so each runtime's own extension does it, registered only on that runtime:
 * Jersey a binder, RESTEasy a context injector. Both answer the {@link GatecheckIdentity} of the request's security
 * context. A field is filled when the resource is built, before Gatecheck ran on both runtimes: it stays null.
 */
final class IdentityInjection {
    private IdentityInjection() {
    }

    static void register(FeatureContext context) {
        String runtime = context.getConfiguration().getClass().getName();
        if (runtime.startsWith("org.glassfish.jersey.") && present("org.glassfish.jersey.internal.inject.AbstractBinder")) {
            context.register(new JerseyIdentityBinder());
        } else if (runtime.startsWith("org.jboss.resteasy.") && present("org.jboss.resteasy.spi.ContextInjector")) {
            context.register(new ResteasyIdentityInjector());
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, IdentityInjection.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
