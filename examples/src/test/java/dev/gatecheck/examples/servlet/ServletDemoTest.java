package dev.gatecheck.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.auth.AuthRequest;
import dev.gatecheck.auth.Decision;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.examples.DemoJson;
import dev.gatecheck.examples.DemoWebhook;
import dev.gatecheck.examples.DevelopmentIssuer;
import dev.gatecheck.examples.PrintedWebhookLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The servlet demo started as the README starts it (its main class, here on a free port), called over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServletDemoTest {
    private static final Pattern EXPECTED_STATUS = Pattern.compile("^# .*\\((\\d{3})[,)]");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServletDemo demo;
    private String printed;

    @BeforeAll
    void startDemo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        demo = ServletDemo.start(Map.of("PORT", "0"), new PrintStream(out, true, StandardCharsets.UTF_8));
        printed = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    void stopDemo() throws Exception {
        demo.close();
    }

    @Test
    void listensOnLoopback() {
        assertThat(demo.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(printed).contains("Gatecheck servlet demo on " + demo.uri(), "Ctrl-C");
    }

    @Test
    void acceptsThePrintedUserToken() throws Exception {
        HttpResponse<String> users = get("/api/users", "Authorization", "Bearer " + printedToken("alice"));

        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("\"user\":\"alice\"");
    }

    @Test
    void answersEveryPrintedCurlLineWithTheStatusItAnnounces() throws Exception {
        List<CurlLine> lines = curlLines();

        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        for (CurlLine line : lines) {
            assertThat(HTTP.send(line.request(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(line.line()).isEqualTo(line.expectedStatus());
        }
        assertThat(lines).extracting(CurlLine::expectedStatus).contains(200, 401, 403);
    }

    @Test
    void letsOnlyTheAdminTokenIntoAdmin() throws Exception {
        assertThat(get("/admin", "Authorization", "Bearer " + printedToken("ada")).statusCode()).isEqualTo(200);
        assertThat(get("/admin", "Authorization", "Bearer " + printedToken("alice")).statusCode()).isEqualTo(403);
    }

    @Test
    void showsTheApplicationTheTokenIdentityAndNotTheClientHeaders() throws Exception {
        HttpResponse<String> users = get("/api/users", "Authorization", "Bearer " + printedToken("alice"),
                "X-User-ID", "admin", "X-User-Roles", "admin");

        assertThat(users.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(users.body().trim()).isEqualTo("{\"user\":\"alice\",\"org\":\"acme\",\"roles\":[\"user\"],"
                + "\"scopes\":[\"users:read\"],\"headers\":{\"X-User-ID\":\"alice\",\"X-User-Org\":\"acme\","
                + "\"X-User-Roles\":\"user\"},\"authorization_visible\":false}");
    }

    @Test
    void answersOneUserWithItsId() throws Exception {
        HttpResponse<String> user = get("/api/users/42", "Authorization", "Bearer " + printedToken("alice"));

        assertThat(user.body()).startsWith("{\"id\":\"42\",\"user\":\"alice\"");
    }

    @Test
    void servesReadinessWithoutATokenAsTheHealthOfTheKeySources() throws Exception {
        HttpResponse<String> ready = get("/ready");

        assertThat(ready.statusCode()).as("status of /ready").isEqualTo(200);
        assertThat(ready.body()).as("body of /ready").startsWith("{\"status\":\"UP\",\"issuers\":{\"jwt\":"
                + "{\"status\":\"UP\",\"keys\":1,");
    }

    @Test
    void servesTheMetersOfItsDecisionsWithoutAToken() throws Exception {
        get("/admin", "Authorization", "Bearer " + printedToken("alice"));

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).as("status of /metrics").isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).as("content type")
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).as("Prometheus text").contains("gatecheck_requests_total{code=\"forbidden\","
                + "method=\"none\",outcome=\"deny\",reason=\"missing_role\",route=\"admin\"}")
                .contains("gatecheck_keys_state{issuer=\"jwt\"} 1.0")
                .doesNotContain(printedToken("alice").substring(printedToken("alice").lastIndexOf('.') + 1));
    }

    @Test
    void servesHealthWithoutToken() throws Exception {
        HttpResponse<String> health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body().trim()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void answersWebhookOnATokenRouteWithTheDigestOfTheBodyItRead() throws Exception {
        byte[] body = new byte[3000];
        new SecureRandom().nextBytes(body);

        HttpResponse<String> answer = post("/webhooks/inbox", body, "Authorization", "Bearer " + printedToken("alice"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body().trim()).isEqualTo("{\"received_bytes\":3000,\"sha256\":\""
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)) + "\",\"caller\":\"alice\"}");
    }

    @Test
    void thePrintedWebhookLineWorksWhenPastedIntoBash() throws Exception {
        PrintedWebhookLine printedLine = PrintedWebhookLine.in(printed);
        PrintedWebhookLine.assumeShellTools();

        PrintedWebhookLine.Run first = printedLine.runInBash();
        PrintedWebhookLine.Run again = printedLine.runInBash();

        assertThat(first.err()).as("stderr of " + printedLine.line()).isEmpty();
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo(PrintedWebhookLine.EXPECTED_ANSWER);
        assertThat(again.out()).as("pasted again: the same signed body is the same delivery, a replay")
                .isEqualTo(PrintedWebhookLine.REPLAYED_ANSWER);
    }

    @Test
    void thePrintedWebhookLineWithATamperedBodyIsRefused() throws Exception {
        PrintedWebhookLine printedLine = PrintedWebhookLine.in(printed);
        PrintedWebhookLine.assumeShellTools();

        PrintedWebhookLine.Run tampered = printedLine.runTamperedInBash();

        assertThat(tampered.out()).isEqualTo("{\"error\":\"invalid_signature\",\"detail\":\"bad_signature\"}\n401");
    }

    @Test
    void signsTheGithubRouteWithThePrintedSecret() throws Exception {
        PrintedWebhookLine printedLine = PrintedWebhookLine.in(printed);
        byte[] body = "{\"action\":\"opened\",\"number\":7}".getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> signed = post(DemoWebhook.PATH, body, "X-Hub-Signature-256", printedLine.signature(body),
                "X-GitHub-Delivery", delivery, "Content-Type", "application/json");
        byte[] tampered = body.clone();
        tampered[3] ^= 1;
        HttpResponse<String> changed = post(DemoWebhook.PATH, tampered, "X-Hub-Signature-256",
                printedLine.signature(body), "X-GitHub-Delivery", UUID.randomUUID().toString());
        // GitHub does not sign X-GitHub-Delivery: a made-up id does not make the same delivery new
        HttpResponse<String> replayed = post(DemoWebhook.PATH, body, "X-Hub-Signature-256", printedLine.signature(body),
                "X-GitHub-Delivery", UUID.randomUUID().toString());

        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body().trim()).isEqualTo(DemoJson.of(DemoWebhook.answer(body, () -> "github:github-webhook")));
        assertThat(changed.statusCode()).isEqualTo(401);
        assertThat(changed.body()).isEqualTo("{\"error\":\"invalid_signature\",\"detail\":\"bad_signature\"}");
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).isEqualTo("{\"error\":\"invalid_signature\",\"detail\":\"replayed\"}");
    }

    @Test
    void aTokenDoesNotOpenTheGithubRoute() throws Exception {
        HttpResponse<String> answer = post(DemoWebhook.PATH, "{}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + printedToken("ada"), "X-User-ID", "ada");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("{\"error\":\"invalid_signature\",\"detail\":\"missing_header\"}");
    }

    @Test
    void servesTheJwksThatVerifiesItsTokens() throws Exception {
        HttpResponse<String> jwks = get("/.well-known/jwks.json");
        Gatecheck verifier = Gatecheck.create(GatecheckConfig.builder()
                .jwt(j -> j.issuer(demo.uri().toString()).audiences(DevelopmentIssuer.AUDIENCE).jwks(jwks.body()))
                .build());

        Decision decision = verifier.authenticate(AuthRequest.builder("GET", "/api/users")
                .bearer(printedToken("ada")).build());

        assertThat(decision).isInstanceOf(Decision.Allow.class);
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(demo.uri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(demo.uri().resolve(path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The token printed under "Token of {@code subject}". */
    private String printedToken(String subject) {
        List<String> lines = printed.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("Token of " + subject + " ")) {
                return lines.get(i + 1);
            }
        }
        throw new AssertionError("no token of " + subject + " printed:\n" + printed);
    }

    private List<CurlLine> curlLines() {
        List<String> lines = printed.lines().toList();
        List<CurlLine> curls = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("curl ")) {
                Matcher status = EXPECTED_STATUS.matcher(lines.get(i - 1));
                assertThat(status.find()).as("status announced above " + lines.get(i)).isTrue();
                curls.add(new CurlLine(lines.get(i), Integer.parseInt(status.group(1))));
            }
        }
        return curls;
    }
}
