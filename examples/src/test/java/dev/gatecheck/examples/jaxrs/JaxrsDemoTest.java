package dev.gatecheck.examples.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.examples.DemoWebhook;
import dev.gatecheck.examples.PrintedWebhookLine;
import dev.gatecheck.test.TestIssuer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JAX-RS demo as a user meets it: started on a free port, called with the tokens it prints. */
class JaxrsDemoTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(URI uri, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The line after the one starting with {@code label}. */
    private static String lineAfter(List<String> lines, String label) {
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith(label)) {
                return lines.get(i + 1);
            }
        }
        throw new AssertionError("no line starting with " + label + " in " + lines);
    }

    @Test
    void theDevelopmentIssuersPrintedTokensWork() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (JaxrsDemo demo = JaxrsDemo.start(Map.of("PORT", "0"),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            URI base = demo.uri();
            List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
            String alice = lineAfter(lines, "Token of alice");
            String ada = lineAfter(lines, "Token of ada");
            assertThat(lines).contains("curl -s " + base + "/health");
            assertThat(lines).contains("curl -s -H 'Authorization: Bearer " + alice + "' " + base + "/api/users/42");

            HttpResponse<String> users = get(base.resolve("/api/users"), alice, "X-User-ID", "admin");
            assertThat(users.statusCode()).isEqualTo(200);
            assertThat(users.body()).isEqualTo("{\"user\":\"alice\",\"org\":\"acme\",\"roles\":[\"user\"],"
                    + "\"scopes\":[\"users:read\"],\"headers\":{\"X-User-ID\":\"alice\",\"X-User-Org\":\"acme\","
                    + "\"X-User-Roles\":\"user\"},\"authorization_visible\":false}\n");
            assertThat(get(base.resolve("/api/users/42"), alice).statusCode()).isEqualTo(200);
            assertThat(get(base.resolve("/api/users"), null).statusCode()).isEqualTo(401);
            assertThat(get(base.resolve("/admin"), alice).statusCode()).isEqualTo(403);
            assertThat(get(base.resolve("/admin"), ada).body()).startsWith("{\"user\":\"ada\",");
            HttpResponse<String> noScope = get(base.resolve("/api/reports"), alice);
            assertThat(noScope.statusCode()).isEqualTo(403);
            assertThat(noScope.body()).isEqualTo("{\"error\":\"insufficient_scope\",\"detail\":\"insufficient_scope\"}");
            assertThat(get(base.resolve("/api/reports"), ada).body()).isEqualTo("{\"reports\":[],\"caller\":\"ada\"}\n");
            assertThat(get(base.resolve("/health"), null).body()).isEqualTo("{\"status\":\"ok\"}\n");
            assertThat(get(base.resolve("/.well-known/jwks.json"), null).body())
                    .startsWith("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"demo-1\"");
        }
    }

    private HttpResponse<String> post(URI uri, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBuiltInGithubRouteAcceptsThePrintedSignedDeliveryOnly() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (JaxrsDemo demo = JaxrsDemo.start(Map.of("PORT", "0"),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            URI base = demo.uri();
            String output = printed.toString(StandardCharsets.UTF_8);
            PrintedWebhookLine line = PrintedWebhookLine.in(output);
            String alice = lineAfter(output.lines().toList(), "Token of alice");
            byte[] body = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
            byte[] tampered = "{\"action\":\"closed\"}".getBytes(StandardCharsets.UTF_8);

            HttpResponse<String> signed = post(base.resolve(DemoWebhook.PATH), body, "X-Hub-Signature-256",
                    line.signature(body), "X-GitHub-Delivery", "d-1", "Content-Type", "application/json");
            assertThat(signed.statusCode()).isEqualTo(200);
            assertThat(signed.body()).isEqualTo("{\"received_bytes\":" + body.length + ",\"sha256\":\""
                    + DemoWebhook.sha256(body) + "\",\"caller\":\"github:github-webhook\"}\n");
            assertThat(post(base.resolve(DemoWebhook.PATH), tampered, "X-Hub-Signature-256", line.signature(body),
                    "X-GitHub-Delivery", "d-2").body())
                    .isEqualTo("{\"error\":\"invalid_signature\",\"detail\":\"bad_signature\"}");
            assertThat(post(base.resolve(DemoWebhook.PATH), body, "X-Hub-Signature-256", line.signature(body),
                    "X-GitHub-Delivery", "d-3").body()).as("the same signed body under a made-up delivery id")
                    .isEqualTo("{\"error\":\"invalid_signature\",\"detail\":\"replayed\"}");
            assertThat(post(base.resolve(DemoWebhook.PATH), body, "Authorization", "Bearer " + alice).body())
                    .isEqualTo("{\"error\":\"invalid_signature\",\"detail\":\"missing_header\"}");
            // The rest of /webhooks/* needs a token.
            assertThat(post(base.resolve("/webhooks/inbox"), tampered, "Authorization", "Bearer " + alice).body())
                    .isEqualTo("{\"received_bytes\":" + tampered.length + ",\"sha256\":\""
                            + DemoWebhook.sha256(tampered) + "\",\"caller\":\"alice\"}\n");
            assertThat(post(base.resolve("/webhooks/inbox"), body).statusCode()).isEqualTo(401);
            assertThat(output).contains("curl -s -i -X POST --data-binary 'hello' " + base + "/webhooks/github");
        }
    }

    @Test
    void thePrintedWebhookLineWorksWhenPastedIntoBash() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (JaxrsDemo demo = JaxrsDemo.start(Map.of("PORT", "0"),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            PrintedWebhookLine line = PrintedWebhookLine.in(printed.toString(StandardCharsets.UTF_8));
            PrintedWebhookLine.assumeShellTools();

            PrintedWebhookLine.Run run = line.runInBash();
            PrintedWebhookLine.Run tampered = line.runTamperedInBash();

            assertThat(run.err()).as("stderr of " + line.line()).isEmpty();
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo(PrintedWebhookLine.EXPECTED_ANSWER);
            assertThat(tampered.out()).isEqualTo("{\"error\":\"invalid_signature\",\"detail\":\"bad_signature\"}\n401");
        }
    }

    @Test
    void aConfigurationFileReplacesTheDevelopmentIssuer(@TempDir Path dir) throws Exception {
        TestIssuer issuer = TestIssuer.builder().issuer("https://login.example.test").audience("orders-api").build();
        Files.writeString(dir.resolve("key.pem"), issuer.publicKeyPem());
        Path config = dir.resolve("gatecheck.properties");
        Files.writeString(config, "gatecheck.jwt.issuer=https://login.example.test\n"
                + "gatecheck.jwt.audiences=orders-api\n"
                + "gatecheck.jwt.public-key-location=" + dir.resolve("key.pem").toString().replace('\\', '/') + "\n");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (JaxrsDemo demo = JaxrsDemo.start(Map.of("PORT", "0", "GATECHECK_CONFIG", config.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String token = issuer.token().subject("carol").roles("admin").build();
            assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("Token of").doesNotContain("SECRET=");
            assertThat(get(demo.uri().resolve("/admin"), token).body()).startsWith("{\"user\":\"carol\",");
            assertThat(get(demo.uri().resolve("/.well-known/jwks.json"), null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anInvalidConfigurationStopsTheDemoWithTheKeyAtFault(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("gatecheck.properties");
        Files.writeString(config, "gatecheck.jwt.issuer=https://login.example.test\n");
        assertThatThrownBy(() -> JaxrsDemo.start(Map.of("PORT", "0", "GATECHECK_CONFIG", config.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(JaxrsDemo.DemoException.class)
                .hasMessageStartingWith("Gatecheck configuration is invalid, the demo does not start:")
                .hasMessageContaining("gatecheck.jwt.public-key-location");
    }
}
