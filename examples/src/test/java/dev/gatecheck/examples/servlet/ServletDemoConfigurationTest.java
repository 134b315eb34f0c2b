package dev.gatecheck.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.examples.DemoWebhook;
import dev.gatecheck.test.TestIssuer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servlet demo's settings: {@code GATECHECK_CONFIG}, whose keys alone then decide, and {@code PORT}. */
class ServletDemoConfigurationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TestIssuer issuer = TestIssuer.builder().issuer("https://issuer.test").audience("orders-api")
            .build();

    @TempDir
    Path dir;

    @Test
    void letsTheConfigurationFileAloneDecideWhoMayCallWhat() throws Exception {
        Path file = configuration("gatecheck.routes.admin.paths=/admin/*\ngatecheck.routes.admin.auth=public\n");
        String bob = issuer.token().subject("bob").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (ServletDemo demo = ServletDemo.start(Map.of("PORT", "0", "GATECHECK_CONFIG", file.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(call(demo, "/admin", null).statusCode()).isEqualTo(200);
            assertThat(call(demo, "/api/users", bob).body()).contains("\"user\":\"bob\"");
            assertThat(call(demo, "/api/users", null).statusCode()).isEqualTo(401);
            assertThat(call(demo, "/.well-known/jwks.json", null).statusCode()).isEqualTo(401);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(file.toString()).doesNotContain("Token of");
    }

    @Test
    void servesAnyWebhookRouteTheConfigurationFileNames() throws Exception {
        String secret = "whsec_test_only_stripe_signing_secret";
        Path file = configuration("gatecheck.routes.stripe.paths=/webhooks/stripe\n"
                + "gatecheck.routes.stripe.auth=webhook\ngatecheck.routes.stripe.webhook=stripe\n"
                + "gatecheck.routes.stripe.secrets=" + secret + "\n");
        byte[] body = "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\"}".getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((now + ".").getBytes(StandardCharsets.UTF_8));
        String signature = "t=" + now + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (ServletDemo demo = ServletDemo.start(Map.of("PORT", "0", "GATECHECK_CONFIG", file.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            HttpResponse<String> signed = HTTP.send(HttpRequest.newBuilder(demo.uri().resolve("/webhooks/stripe"))
                    .header("Stripe-Signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> github = HTTP.send(HttpRequest.newBuilder(demo.uri().resolve("/webhooks/github"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(signed.body().trim()).isEqualTo("{\"received_bytes\":" + body.length + ",\"sha256\":\""
                    + DemoWebhook.sha256(body) + "\",\"caller\":\"stripe:stripe\"}");
            // Only the file's routes: /webhooks/github is no webhook route here, so it needs a token.
            assertThat(github.statusCode()).isEqualTo(401);
            assertThat(github.body()).contains("missing_authorization_header");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("SECRET=");
    }

    @Test
    void servesMetricsAndReadyPublicOnTopOfTheFilesTable() throws Exception {
        Path file = configuration("gatecheck.routes.everything.paths=/*\ngatecheck.routes.everything.auth=token\n");

        try (ServletDemo demo = ServletDemo.start(Map.of("PORT", "0", "GATECHECK_CONFIG", file.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThat(call(demo, "/health", null).statusCode()).as("a path the file protects").isEqualTo(401);
            assertThat(call(demo, "/ready", null).statusCode()).as("/ready").isEqualTo(200);
            assertThat(call(demo, "/metrics", null).body()).as("/metrics")
                    .contains("gatecheck_requests_total{code=\"missing_authorization_header\"");
        }
    }

    @Test
    void answersReadyWith503WhileTheFilesJwksEndpointIsDown() throws Exception {
        int closed = dev.gatecheck.testing.JwksServer.freePort();
        Path file = Files.writeString(dir.resolve("down.properties"), "gatecheck.jwt.issuer=https://issuer.test\n"
                + "gatecheck.jwt.jwks-uri=http://127.0.0.1:" + closed + "/jwks?secret=query-marker-8a1f\n");

        try (ServletDemo demo = ServletDemo.start(Map.of("PORT", "0", "GATECHECK_CONFIG", file.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            HttpResponse<String> ready = call(demo, "/ready", null);
            assertThat(ready.statusCode()).as("/ready without usable keys").isEqualTo(503);
            assertThat(ready.body()).as("its body").startsWith("{\"status\":\"DOWN\"")
                    .doesNotContain("query-marker-8a1f");
        }
    }

    @Test
    void refusesToStartWithAnInvalidConfigurationFile() throws IOException {
        Path file = configuration("gatecheck.jwt.algorithms=none\n");

        assertThatThrownBy(() -> ServletDemo.start(Map.of("PORT", "0", "GATECHECK_CONFIG", file.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(ServletDemo.DemoException.class)
                .hasMessageContaining("gatecheck.jwt.algorithms");
    }

    @Test
    void refusesAPortThatIsNoNumber() {
        assertThatThrownBy(() -> ServletDemo.start(Map.of("PORT", "http"), System.out))
                .isInstanceOf(ServletDemo.DemoException.class).hasMessageContaining("PORT");
    }

    private Path configuration(String extra) throws IOException {
        Path pem = Files.writeString(dir.resolve("issuer.pem"), issuer.publicKeyPem());
        return Files.writeString(dir.resolve("gatecheck.properties"), "gatecheck.jwt.issuer=https://issuer.test\n"
                + "gatecheck.jwt.audiences=orders-api\n"
                + "gatecheck.jwt.public-key-location=" + pem + "\n" + extra);
    }

    private static HttpResponse<String> call(ServletDemo demo, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(demo.uri().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
