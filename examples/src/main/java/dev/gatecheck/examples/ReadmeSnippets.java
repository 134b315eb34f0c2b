package dev.gatecheck.examples;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.jaxrs.RequiresAcr;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Set;

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

    /** README "Step-up (RFC 9470)": a payment needs a second factor used in the last five minutes. */
    @Path("payments")
    public static class Payments {
        @POST
        @RequiresAcr(values = "urn:example:mfa", maxAge = 300)
        public String pay() {
            return "paid";
        }
    }
}
