package dev.gatecheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.gateway.GatewayPreset;
import dev.gatecheck.route.AuthMode;
import dev.gatecheck.route.Requirements;
import dev.gatecheck.route.Route;
import dev.gatecheck.route.WebhookSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The engine, callers and requests of {@link AdapterScenarios}, and the assertions it makes; one deployment of the
 * report application per test class, on the {@link AdapterUnderTest} the subclass names. Time stands still at
 * {@link #NOW} (the engine's clock), so tokens and webhook timestamps never age during a run.
 *
 * <p>The engine: tokens of {@value #ISSUER} for {@value #AUDIENCE} (RS256, an inline JWKS), and of
 * {@value #DOWN_ISSUER}, whose JWKS endpoint answers 500; a Pomerium gateway (assertions of a P-256 key); routes
 * {@code /health} public, {@code /admin/*} role {@code admin}, {@code /members/*} role {@code **},
 * {@code /reports/*} scope {@code reports:read}, {@code /closed/*} denied, {@code /gw/*} gateway,
 * {@code /hooks/github} GitHub-signed (at most {@value #MAX_BODY} bytes); any other path needs a token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScenarioFixture {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final long T = NOW.getEpochSecond();
    static final String ISSUER = "https://issuer.test";
    static final String DOWN_ISSUER = "https://down.issuer.test";
    static final String AUDIENCE = "orders-api";
    static final String GATEWAY_HOST = "orders.corp.example.com";
    static final String ASSERTION = "X-Pomerium-Jwt-Assertion";
    static final int MAX_BODY = 1024;
    static final String[] PREFLIGHT = {"Origin", "https://app.example", "Access-Control-Request-Method", "DELETE"};

    final KeyPair issuerKey = TestKeys.rsa();
    final KeyPair strangerKey = TestKeys.rsa();
    final KeyPair gatewayKey = TestKeys.ec("secp256r1");
    final String githubSecret = Bytes.base64(Bytes.random(32));

    private final AdapterUnderTest adapter;
    private JwksServer keysDown;
    private Gatecheck gatecheck;
    private AdapterUnderTest.Deployment deployment;

    ScenarioFixture(AdapterUnderTest adapter) {
        this.adapter = adapter;
    }

    @BeforeAll
    final void deploy() throws Exception {
        keysDown = JwksServer.start().fault(JwksServer.Fault.STATUS_500);
        gatecheck = Gatecheck.create(GatecheckConfig.builder()
                .clock(MutableClock.at(NOW))
                .jwt(j -> j.issuer(ISSUER).audiences(AUDIENCE)
                        .jwks(TestKeys.jwks(TestKeys.jwk(issuerKey.getPublic(), "k1", "RS256"))))
                .issuer("down", j -> j.issuer(DOWN_ISSUER).audiences(AUDIENCE).jwksUri(keysDown.uri("/jwks").toString()))
                .gateway(g -> g.markers(GatewayConfig.Marker.ASSERTION).preset(GatewayPreset.POMERIUM)
                        .assertion(a -> a.issuer(GATEWAY_HOST).audiences(GATEWAY_HOST)
                                .jwks(TestKeys.jwks(TestKeys.jwk(gatewayKey.getPublic(), "p1", "ES256")))))
                .route(route("health", "/health", AuthMode.PUBLIC, Requirements.NONE))
                .route(route("admin", "/admin/*", AuthMode.TOKEN, Requirements.roles("admin")))
                .route(route("members", "/members/*", AuthMode.TOKEN, Requirements.roles("**")))
                .route(route("reports", "/reports/*", AuthMode.TOKEN, Requirements.scopes("reports:read")))
                .route(route("closed", "/closed/*", AuthMode.DENY, Requirements.NONE))
                .route(route("gw", "/gw/*", AuthMode.GATEWAY, Requirements.NONE))
                .route(Route.webhook("github", List.of("/hooks/github"),
                        new WebhookSpec("github", List.of(githubSecret), Duration.ofMinutes(5), MAX_BODY)))
                .build());
        deployment = adapter.deploy(gatecheck);
    }

    @AfterAll
    final void undeploy() {
        try (JwksServer keys = keysDown; Gatecheck engine = gatecheck) {
            if (deployment != null) {
                deployment.close();
            }
        }
    }

    private static Route route(String name, String path, AuthMode mode, Requirements requirements) {
        return new Route(name, List.of(path), Set.of(), mode, requirements);
    }

    /** What one request came to: the answer, and whether the application ran for it. */
    record Answer(Http.Reply reply, boolean applicationRan) {
        int status() {
            return reply.status();
        }

        /** The report of the application, which must have run and answered 200. */
        Map<String, String> seen() {
            assertThat(reply.status()).as("status of a request the application should answer: %s", reply.body())
                    .isEqualTo(200);
            assertThat(applicationRan).as("the application ran").isTrue();
            return reply.report();
        }
    }

    /** {@code method path} (below the application's root, as written) with {@code headers}, and no body. */
    Answer send(String method, String path, String... headers) {
        return send(method, path, null, headers);
    }

    Answer get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** {@code method path} with {@code body} (framed by {@code Content-Length}) unless it is null. */
    Answer send(String method, String path, byte[] body, String... headers) {
        URI root = deployment.root();
        int before = deployment.applicationRuns();
        Http.Reply reply = Http.exchange(root.getPort(), method, root.getRawPath() + path, body, headers);
        return new Answer(reply, deployment.applicationRuns() > before);
    }

    /** {@code method path} with {@code body} sent only when the server asks for it ({@code Expect: 100-continue}). */
    Answer sendExpectingContinue(String method, String path, byte[] body, boolean chunked, String... headers) {
        int before = deployment.applicationRuns();
        try {
            Http.Sent sent = Http.sendExpectingContinue(method, URI.create(deployment.root() + path), body, chunked,
                    headers);
            return new Answer(sent.reply(), deployment.applicationRuns() > before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token of {@value #ISSUER} for {@code subject}, issued now for five minutes, with {@code claims} members. */
    String token(String subject, String claims) {
        return token(issuerKey, ISSUER, subject, T, claims);
    }

    static String token(KeyPair key, String issuer, String subject, long issuedAt, String claims) {
        return Tokens.signWithKid("RS256", key.getPrivate(), "k1",
                Tokens.claims(issuer, subject, AUDIENCE, issuedAt, 300, claims));
    }

    /** {@code Authorization: Bearer} a token for {@code subject} with {@code claims}, then {@code more} headers. */
    String[] bearer(String subject, String claims, String... more) {
        return Http.bearer(token(subject, claims), more);
    }

    /** A Pomerium assertion for {@code subject} signed with {@code key}. */
    static String assertion(KeyPair key, String subject) {
        return Tokens.signWithKid("ES256", key.getPrivate(), "p1",
                Tokens.claims(GATEWAY_HOST, subject, GATEWAY_HOST, T, 60, "\"email\":\"" + subject + "@corp.example.com\""));
    }

    static String[] preflightAnd(String... more) {
        String[] headers = java.util.Arrays.copyOf(PREFLIGHT, PREFLIGHT.length + more.length);
        System.arraycopy(more, 0, headers, PREFLIGHT.length, more.length);
        return headers;
    }

    /**
     * Asserts a refusal: {@code status}, the JSON body {@code {"error":code,"detail":detail}}, not cacheable, and the
     * application never ran.
     */
    static void assertRefused(Answer answer, int status, String code, String detail) {
        Http.Reply reply = answer.reply();
        assertThat(reply.status() + " " + reply.body()).as("status and body of the refusal")
                .isEqualTo(status + " {\"error\":\"" + code + "\",\"detail\":\"" + detail + "\"}");
        assertThat(reply.header("Content-Type")).as("content type of the refusal")
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(reply.header("Cache-Control")).as("a refusal is not cached").contains("no-store");
        assertThat(answer.applicationRan()).as("the application ran for a refused request").isFalse();
    }

    /** Asserts every name accessor of the application's API names {@code caller} ({@code "null"}: anonymous). */
    static void assertCaller(Map<String, String> seen, String caller) {
        assertThat(seen.get("principal")).as("the principal's name").isEqualTo(caller);
        assertThat(seen.get("identity")).as("the subject of Gatecheck's identity").isEqualTo(caller);
        assertThat(seen.getOrDefault("remote-user", caller)).as("the remote user").isEqualTo(caller);
    }

    /** The header names the application lists. */
    static List<String> names(Map<String, String> seen) {
        return List.of(seen.get("names").split(","));
    }
}
