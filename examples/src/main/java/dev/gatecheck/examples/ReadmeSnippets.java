package dev.gatecheck.examples;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import dev.gatecheck.webhook.ReplayGuard;
import java.time.Duration;
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

    /** README "Running several instances": the replay store on Redis, with the builder. */
    public static GatecheckConfig replayStoreOnRedis(String githubSecret, String redisUri) {
        GatecheckConfig config = GatecheckConfig.builder()
                .jwt(jwt -> jwt.issuer("https://login.example.com/").audiences("orders-api").discovery(true))
                .route(Route.webhook("github", List.of("/webhooks/github"), WebhookSpec.of("github", githubSecret)))
                .replayStore(ReplayGuard.StoreSpec.redis(redisUri).withTimeout(Duration.ofMillis(250)))
                .build();
        return config;
    }
}
