package dev.gatecheck.examples;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.examples.jaxrs.OrdersResource;
import dev.gatecheck.jaxrs.GatecheckFeature;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import java.util.List;
import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The code snippets of README.md, kept here so they compile with every build. */
public final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    /** README "Use it": configuration with the builder. */
    public static Gatecheck builderConfiguration() {
        GatecheckConfig config = GatecheckConfig.builder()
                .jwt(jwt -> jwt
                        .issuer("https://login.example.com/")
                        .audiences("orders-api")
                        .jwksUri("https://login.example.com/.well-known/jwks.json")
                        .rolesClaim("realm_access.roles"))
                .route(new Route("health", List.of("/health"), Set.of(), AuthMode.PUBLIC, Requirements.NONE))
                .route(new Route("admin", List.of("/admin/*"), Set.of(), AuthMode.TOKEN, Requirements.roles("admin")))
                .build();
        Gatecheck gatecheck = Gatecheck.create(config);
        return gatecheck;
    }

    /** README "JAX-RS": registering the feature on Jersey. */
    public static ResourceConfig jaxrsApplication(Gatecheck gatecheck) {
        ResourceConfig application = new ResourceConfig()
                .register(new GatecheckFeature(gatecheck))      // or new GatecheckFeature(): GATECHECK_CONFIG + GATECHECK_* variables
                .register(OrdersResource.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        return application;
    }
}
