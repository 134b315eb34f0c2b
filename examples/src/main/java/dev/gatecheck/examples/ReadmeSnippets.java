package dev.gatecheck.examples;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.RevocationList;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.events.AuditLog;
import dev.gatecheck.examples.jaxrs.MetricsResource;
import dev.gatecheck.examples.jaxrs.OrdersResource;
import dev.gatecheck.examples.jaxrs.ReadyResource;
import dev.gatecheck.jaxrs.GatecheckFeature;
import dev.gatecheck.jaxrs.RequiresAcr;
import dev.gatecheck.micrometer.GatecheckMeters;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import dev.gatecheck.webhook.ReplayGuard;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Duration;
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

    /** README "Revocation": what a back-channel logout or CAEP receiver calls. */
    public static void revocation(Gatecheck gatecheck, String issuer, String sid, String jti, String sub) {
        gatecheck.revoke(RevocationList.Revocation.session(issuer, sid));   // a logout
        gatecheck.revoke(RevocationList.Revocation.token(issuer, jti));     // one stolen token
        gatecheck.revoke(RevocationList.Revocation.subject(sub));           // an account disabled
    }

    /** README "Operating Gatecheck": a JAX-RS application (Jersey) with the meters, the audit log and a probe. */
    public static ResourceConfig operatedJaxrsApplication() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gatecheck gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .jwt(jwt -> jwt.issuer("https://login.example.com/").audiences("orders-api").discovery(true))
                .listener(new GatecheckMeters(registry))
                .listener(AuditLog.create())
                .build());
        return new ResourceConfig()
                .register(new GatecheckFeature(gatecheck))
                .register(new ReadyResource(gatecheck))       // @PermitAll, 503 when DOWN
                .register(new MetricsResource(registry));     // @PermitAll, Prometheus text
    }

    /** README "JAX-RS": registering the feature on Jersey. */
    public static ResourceConfig jaxrsApplication(Gatecheck gatecheck) {
        ResourceConfig application = new ResourceConfig()
                .register(new GatecheckFeature(gatecheck))      // or new GatecheckFeature(): GATECHECK_CONFIG + GATECHECK_* variables
                .register(OrdersResource.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        return application;
    }

    /** README "Running several instances": the replay store on Redis, with the builder. */
    public static GatecheckConfig replayStoreOnRedis(String githubSecret, String redisUri) {
        GatecheckConfig config = GatecheckConfig.builder()
                .jwt(jwt -> jwt.issuer("https://login.example.com/").audiences("orders-api").discovery(true))
                .route(Route.webhook("github", List.of("/webhooks/github"), WebhookSpec.of("github", githubSecret)))
                .replayStore(ReplayGuard.StoreSpec.redis(redisUri).withTimeout(Duration.ofMillis(250)))
                .build();
        return config;
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
