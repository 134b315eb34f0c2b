package dev.gatecheck.jaxrs;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import dev.gatecheck.testing.Bytes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The webhook receivers {@link JaxrsWebhookScenarios} deploys, and their engine. Each receiver answers
 * {@code {"received_bytes":..,"sha256":"<hex of the body as the resource read it>","caller":"<principal>"}}
 * (the demo contract's shape) and, in the {@value #SEEN_USER_HEADER} response header, the {@code X-User-ID}
 * values it saw; the form receivers answer the form they were given instead.
 */
public final class WebhookResources {
    static final String SEEN_USER_HEADER = "Seen-X-User-ID";
    /** {@code /webhooks/github} and below: at most this many bytes. */
    static final int GITHUB_MAX_BODY = 4096;

    static final String GITHUB_SECRET = "github secret " + random();
    /** The GitHub secret being rotated out: still accepted. */
    static final String GITHUB_PREVIOUS_SECRET = "previous github secret " + random();
    static final String SLACK_SECRET = "slack-" + random();
    static final String STRIPE_SECRET = "whsec_" + random();
    static final String STANDARD_SECRET = "whsec_" + random();

    /**
     * Token mode with {@link Fixture}'s issuer; {@code /webhooks/github[/*]} GitHub-signed (two secrets, 4 KiB),
     * {@code /webhooks/slack[/*]} Slack-, {@code /webhooks/stripe} Stripe-, {@code /webhooks/standard} Standard
     * Webhooks-signed (1 MiB); any other path, {@code /webhooks/other} included, needs a token. One per
     * deployment, each with its own replay memory: the runtimes run the same deliveries.
     */
    static Gatecheck newGatecheck() {
        return Gatecheck.create(GatecheckConfig.builder()
                .jwt(jwt -> jwt.issuer(Fixture.ISSUER).audiences(Fixture.AUDIENCE)
                        .publicKeyPem(Fixture.KIT_ISSUER.publicKeyPem()))
                .route(Route.webhook("github", List.of("/webhooks/github", "/webhooks/github/*"), new WebhookSpec("github",
                        List.of(GITHUB_SECRET, GITHUB_PREVIOUS_SECRET), Duration.ofMinutes(5), GITHUB_MAX_BODY)))
                .route(Route.webhook("slack", List.of("/webhooks/slack", "/webhooks/slack/*"),
                        WebhookSpec.of("slack", SLACK_SECRET)))
                .route(Route.webhook("stripe", List.of("/webhooks/stripe"), WebhookSpec.of("stripe", STRIPE_SECRET)))
                .route(Route.webhook("standard", List.of("/webhooks/standard"),
                        WebhookSpec.of("standard-webhooks", STANDARD_SECRET)))
                .build());
    }

    /** How many times a receiver ran (every JAX-RS runtime in this JVM counts here: compare differences). */
    static final AtomicInteger RUNS = new AtomicInteger();

    private WebhookResources() {
    }

    private static String random() {
        return Bytes.base64(Bytes.random(24));
    }

    /** The receiver's answer for {@code body} as it read it. */
    static Response echo(byte[] body, SecurityContext security, HttpHeaders headers) {
        RUNS.incrementAndGet();
        String caller = security.getUserPrincipal() == null ? "null" : "\"" + caller(security) + "\"";
        return seen(Response.ok("{\"received_bytes\":" + body.length + ",\"sha256\":\"" + Bytes.sha256Hex(body)
                + "\",\"caller\":" + caller + "}"), headers);
    }

    /** The principal's name, or {@code none} (the application without Gatecheck). */
    private static String caller(SecurityContext security) {
        return security.getUserPrincipal() == null ? "none" : security.getUserPrincipal().getName();
    }

    private static Response seen(Response.ResponseBuilder response, HttpHeaders headers) {
        List<String> users = headers.getRequestHeader("X-User-ID");
        return response.header(SEEN_USER_HEADER, users == null ? "[]" : users.toString()).build();
    }

    /** {@code name=[v1, v2]} lines in name order. */
    static String lines(Map<String, List<String>> form) {
        return new TreeMap<>(form).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                .collect(Collectors.joining());
    }

    /** Receivers under {@code /webhooks}. */
    @Path("webhooks")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Hooks {
        /** The body as a stream. */
        @POST
        @Path("github")
        public Response github(InputStream body, @Context SecurityContext security, @Context HttpHeaders headers)
                throws IOException {
            return echo(body.readAllBytes(), security, headers);
        }

        /** The body as a {@code String}, decoded by the runtime (UTF-8 unless the request names a charset). */
        @POST
        @Path("github/text")
        public Response githubText(String body, @Context SecurityContext security, @Context HttpHeaders headers) {
            return echo(body.getBytes(StandardCharsets.UTF_8), security, headers);
        }

        /** A form-encoded body as bytes. */
        @POST
        @Path("slack")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        public Response slack(byte[] body, @Context SecurityContext security, @Context HttpHeaders headers) {
            return echo(body, security, headers);
        }

        /** A form-encoded body as the form entity. */
        @POST
        @Path("slack/form")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        @Produces(MediaType.TEXT_PLAIN)
        public Response slackForm(MultivaluedMap<String, String> form, @Context SecurityContext security,
                                  @Context HttpHeaders headers) {
            RUNS.incrementAndGet();
            return seen(Response.ok("caller=" + caller(security) + "\n" + lines(form)),
                    headers);
        }

        /** A form-encoded body through {@code @FormParam}. */
        @POST
        @Path("slack/params")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        @Produces(MediaType.TEXT_PLAIN)
        public Response slackParams(@FormParam("text") String text, @FormParam("tag") List<String> tags,
                                    @Context SecurityContext security, @Context HttpHeaders headers) {
            RUNS.incrementAndGet();
            return seen(Response.ok("caller=" + caller(security) + "\ntag=" + tags
                    + "\ntext=" + text + "\n"), headers);
        }

        @POST
        @Path("stripe")
        public Response stripe(byte[] body, @Context SecurityContext security, @Context HttpHeaders headers) {
            return echo(body, security, headers);
        }

        @POST
        @Path("standard")
        public Response standard(byte[] body, @Context SecurityContext security, @Context HttpHeaders headers) {
            return echo(body, security, headers);
        }

        /** Not a webhook route: a token, and the body untouched by Gatecheck whatever its size. */
        @POST
        @Path("other")
        public Response other(InputStream body, @Context SecurityContext security, @Context HttpHeaders headers)
                throws IOException {
            return echo(body.readAllBytes(), security, headers);
        }
    }

    /** {@link Hooks} without Gatecheck: what the runtime itself makes of a request. */
    public static class WithoutGatecheckApp extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Hooks.class);
        }
    }

    /** {@link Hooks} with its own {@link #newGatecheck()}. */
    public static class App extends WithoutGatecheckApp {
        private final Gatecheck gatecheck = newGatecheck();

        @Override
        public Set<Object> getSingletons() {
            return Set.of(new GatecheckFeature(gatecheck));
        }
    }
}
