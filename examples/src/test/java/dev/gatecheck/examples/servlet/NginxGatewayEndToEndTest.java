package dev.gatecheck.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatecheckConfig;
import dev.gatecheck.gateway.GatewaySigner;
import dev.gatecheck.testing.LocalProcesses;
import dev.gatecheck.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A real nginx with njs ({@code examples/nginx}) as the gateway in front of the servlet demo, configured by
 * {@code examples/nginx/gatecheck.properties}, sharing a fresh random secret: nginx authenticates with HTTP Basic,
 * sets and signs the identity headers, and the application believes them only with that signature. Requests are
 * replayed and tampered with from what nginx really sent, captured by a byte-exact relay between the two.
 *
 * <p>Two instances of the demo application share the key: the one behind nginx runs the committed configuration
 * as the README runs it ({@code GATECHECK_CONFIG}, {@code on-untrusted=strip}); a second one has
 * {@code on-untrusted=reject} and a clock the test moves, so replays after the tolerance need no waiting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxGatewayEndToEndTest {
    private static final String NOT_INSTALLED = "nginx with njs not installed: run .ci/run or"
            + " apt-get install -y nginx libnginx-mod-http-js";
    private static final Path EXAMPLE = Path.of("nginx");
    private static final String KEY_ID = "gw-1";
    private static final Duration TOLERANCE = Duration.ofSeconds(60);
    private static final Pattern CREATED = Pattern.compile(";created=(\\d+);");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final ByteArrayOutputStream appOutput = new ByteArrayOutputStream();
    private boolean installed;
    private Path appDirectory;
    private Path nginxPrefix;
    private String secret;
    private ServletDemo stripApp;
    private CapturingProxy relay;
    private NginxGateway nginx;
    private MutableClock rejectClock;
    private Gatecheck rejectEngine;
    private ServletDemo rejectApp;

    @RegisterExtension
    final TestWatcher diagnostics = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.err.println("==== " + context.getDisplayName() + " failed; nginx's logs:\n"
                    + (nginx == null ? "(nginx not started)" : nginx.logs())
                    + "\n==== the demo printed:\n" + appOutput.toString(StandardCharsets.UTF_8));
        }
    };

    @BeforeAll
    void start() throws Exception {
        Optional<Path> binary = NginxGateway.binary();
        Optional<Path> njs = NginxGateway.njsModule();
        if (binary.isEmpty() || njs.isEmpty()) {
            // .ci/run installs both and sets NGINX_E2E_REQUIRED=1: there, a missing nginx fails the build.
            if ("1".equals(System.getenv("NGINX_E2E_REQUIRED"))) {
                Assertions.fail(NOT_INSTALLED + " (nginx: " + binary + ", njs module: " + njs + ")");
            }
            // Skipped test by test (an abort in @BeforeAll would leave no trace in Surefire's report).
            System.err.println("WARNING: NginxGatewayEndToEndTest skipped: " + NOT_INSTALLED);
            return;
        }
        installed = true;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secret = Base64.getEncoder().encodeToString(key);

        // The application side: the committed configuration, plus the key from a private file (as in production,
        // gatecheck.gateway.hmac.keys=file:...), never a committed key.
        appDirectory = Files.createTempDirectory("gatecheck-app");
        Path keys = Files.writeString(appDirectory.resolve("gateway-hmac-keys"), KEY_ID + ":" + secret + "\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        Path configuration = Files.writeString(appDirectory.resolve("gatecheck.properties"),
                Files.readString(EXAMPLE.resolve("gatecheck.properties"), StandardCharsets.UTF_8)
                        + "\ngatecheck.gateway.hmac.keys=file:" + keys + "\n", StandardCharsets.UTF_8);
        stripApp = ServletDemo.start(Map.of("PORT", "0", "GATECHECK_CONFIG", configuration.toString()),
                new PrintStream(appOutput, true, StandardCharsets.UTF_8));

        relay = CapturingProxy.in(stripApp.uri());
        nginxPrefix = Files.createTempDirectory("gatecheck-nginx");
        nginx = NginxGateway.start(binary.get(), njs.get(), EXAMPLE, nginxPrefix, relay.address(),
                Map.of("GATEWAY_HMAC_SECRET", secret, "GATEWAY_HMAC_KEYID", KEY_ID));

        Map<String, String> rejecting = committedConfiguration();
        rejecting.put("gatecheck.gateway.hmac.keys", KEY_ID + ":" + secret);
        rejecting.put("gatecheck.gateway.on-untrusted", "reject");
        rejectClock = MutableClock.at(Instant.now());
        rejectEngine = Gatecheck.create(GatecheckConfig.fromMap(rejecting, rejectClock));
        rejectApp = ServletDemo.serving(rejectEngine);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (nginx != null) {
                nginx.close();
                assertThat(nginx.running()).as("nginx (pid %d) or a worker is still running", nginx.pid()).isFalse();
            }
        } finally {
            closeAll(relay, stripApp, rejectApp, rejectEngine);
            LocalProcesses.deleteQuietly(nginxPrefix);
            LocalProcesses.deleteQuietly(appDirectory);
        }
    }

    @BeforeEach
    void requireNginxAndForgetCaptures() {
        Assumptions.assumeTrue(installed, NOT_INSTALLED);
        relay.clear();
    }

    @Test
    void theCommittedConfigurationHoldsNoKeyAndTheToleranceTheTestAssumes() throws IOException {
        Map<String, String> committed = committedConfiguration();

        assertThat(committed).doesNotContainKey("gatecheck.gateway.hmac.keys")
                .containsEntry("gatecheck.gateway.hmac.tolerance", TOLERANCE.toSeconds() + "s")
                .containsEntry("gatecheck.gateway.marker", "hmac")
                .containsEntry("gatecheck.gateway.hmac.components", "@authority,content-digest");
        assertThat(Files.readString(EXAMPLE.resolve("nginx.conf"))).doesNotContain("GATEWAY_HMAC_SECRET=");
    }

    // ---- through nginx

    @Test
    void nginxAnswers401ItselfWithoutAValidCredential() throws Exception {
        HttpResponse<String> none = viaNginx("/api/users", null);
        HttpResponse<String> wrong = viaNginx("/api/users", "alice:not-her-password");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"gatecheck demo\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(relay.nothingRelayed()).as("nothing reaches the application").isTrue();
    }

    @Test
    void theApplicationSeesTheIdentityNginxVerifiedAndSigned() throws Exception {
        HttpResponse<String> alice = viaNginx("/api/users", "alice:wonderland");
        RawRequest sent = RawRequest.parse(relay.next());

        assertThat(alice.statusCode()).isEqualTo(200);
        assertThat(alice.body()).contains("\"user\":\"alice\"", "\"org\":\"acme\"", "\"roles\":[\"user\"]",
                "\"authorization_visible\":false");
        assertThat(sent.header("X-User-ID")).hasValue("alice");
        assertThat(sent.header("X-User-Org")).hasValue("acme");
        assertThat(sent.header("X-User-Roles")).hasValue("user");
        assertThat(sent.header("Authorization")).as("the Basic credential stays at the gateway").isEmpty();
        assertThat(sent.header("Signature-Input").orElseThrow()).matches("gw=\\(\"@method\" \"@authority\" \"@path\""
                + " \"@query\" \"content-digest\" \"x-user-id\" \"x-user-org\" \"x-user-roles\"\\);created=\\d+;"
                + "keyid=\"gw-1\";alg=\"hmac-sha256\"");
        assertThat(sent.header("Content-Digest")).as("SHA-256 of the empty body")
                .hasValue("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
        assertThat(sent.header("Host")).as("the host the signature covers").hasValue("127.0.0.1");
        assertThat(sent.header("Signature").orElseThrow()).matches("gw=:[A-Za-z0-9+/]{43}=:");
        assertThat(created(sent)).isCloseTo(Instant.now().getEpochSecond(), within(5L));
    }

    @Test
    void rolesComeFromTheGatewayDirectory() throws Exception {
        HttpResponse<String> ada = viaNginx("/admin", "ada:lovelace");

        assertThat(ada.statusCode()).isEqualTo(200);
        assertThat(ada.body()).contains("\"admin\":true", "\"user\":\"ada\"");
        assertThat(viaNginx("/admin", "alice:wonderland").statusCode()).isEqualTo(403);
    }

    @Test
    void clientCopiesOfIdentityAndMarkerHeadersNeverPassNginx() throws Exception {
        HttpResponse<String> forged = viaNginx("/api/users", "alice:wonderland", "X-User-ID", "admin",
                "X-User-Roles", "admin", "X-User-Org", "evil", "x-user-id", "root", "X_User_ID", "admin",
                "X_User_Roles", "admin", "Signature-Input", "gw=(\"@method\");created=1;keyid=\"gw-1\"",
                "Signature", "gw=:AAAA:");
        RawRequest sent = RawRequest.parse(relay.next());

        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(forged.body()).contains("\"user\":\"alice\"", "\"org\":\"acme\"", "\"roles\":[\"user\"]");
        // RawRequest.header fails on a second copy: exactly one of each, nginx's own.
        assertThat(sent.header("X-User-ID")).hasValue("alice");
        assertThat(sent.header("X-User-Roles")).hasValue("user");
        assertThat(sent.header("X-User-Org")).hasValue("acme");
        assertThat(sent.header("Signature")).isPresent().hasValueSatisfying(s -> assertThat(s).isNotEqualTo("gw=:AAAA:"));
        assertThat(sent.headers()).noneMatch(h -> h.getKey().indexOf('_') >= 0);
        assertThat(viaNginx("/admin", "alice:wonderland", "X-User-Roles", "admin").statusCode()).isEqualTo(403);
    }

    @Test
    void thePublicRouteForwardsNoIdentityEvenWithAnUnverifiedCredential() throws Exception {
        // On /health auth_basic is off: $remote_user would be the unverified name from the Authorization header.
        HttpResponse<String> health = viaNginx("/health", "ada:wrong-password", "X-User-ID", "admin",
                "Signature", "gw=:AAAA:");
        RawRequest sent = RawRequest.parse(relay.next());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(sent.headers()).extracting(Map.Entry::getKey).map(String::toLowerCase)
                .doesNotContain("x-user-id", "x-user-org", "x-user-roles", "signature", "signature-input",
                        "authorization");
    }

    @Test
    void aRawPathAndQueryAreSignedExactlyAsForwarded() throws Exception {
        HttpResponse<String> encoded = viaNginx("/api/users/al%69ce?b=2&a=%C3%A9&empty=", "alice:wonderland");
        RawRequest sent = RawRequest.parse(relay.next());

        assertThat(sent.target()).isEqualTo("/api/users/al%69ce?b=2&a=%C3%A9&empty=");
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(encoded.body()).contains("\"id\":\"alice\"", "\"user\":\"alice\"");
        assertThat(viaNginx("/api/users?", "alice:wonderland").statusCode()).isEqualTo(200);
    }

    // ---- straight to the application, around nginx

    @Test
    void aForgedIdentityStraightToTheApplicationIsStrippedSoProtectedRoutesAnswer401() throws Exception {
        HttpResponse<String> admin = direct(stripApp, "/admin", "X-User-ID", "admin", "X-User-Roles", "admin");
        HttpResponse<String> users = direct(stripApp, "/api/users", "X-User-ID", "admin", "X-User-Roles", "admin",
                "X-User-Org", "acme");
        HttpResponse<String> health = direct(stripApp, "/health", "X-User-ID", "admin");

        assertThat(admin.statusCode()).isEqualTo(401);
        assertThat(users.statusCode()).isEqualTo(401);
        assertThat(users.body()).doesNotContain("admin");
        assertThat(health.statusCode()).as("anonymous on the public route").isEqualTo(200);
    }

    @Test
    void aForgedIdentityStraightToTheApplicationIsRefusedInRejectMode() throws Exception {
        HttpResponse<String> admin = direct(rejectApp, "/admin", "X-User-ID", "admin", "X-User-Roles", "admin");
        HttpResponse<String> underscore = direct(rejectApp, "/api/users", "X_User_ID", "admin");

        assertThat(admin.statusCode()).isEqualTo(401);
        assertThat(admin.body()).contains("\"error\":\"untrusted_identity_headers\"");
        assertThat(underscore.statusCode()).isEqualTo(401);
        assertThat(underscore.body()).contains("\"error\":\"untrusted_identity_headers\"");
    }

    // ---- what nginx sent, replayed and tampered with

    @Test
    void aCapturedRequestReplaysOnlyWithinTheTolerance() throws Exception {
        RawRequest captured = captured("/api/users", "alice:wonderland");
        long created = created(captured);

        RawRequest.Response now = captured.sendTo(stripApp.uri());
        rejectClock.set(Instant.ofEpochSecond(created).plus(TOLERANCE));
        RawRequest.Response lastSecond = captured.sendTo(rejectApp.uri());
        rejectClock.set(Instant.ofEpochSecond(created).plus(TOLERANCE).plusSeconds(1));
        RawRequest.Response stale = captured.sendTo(rejectApp.uri());
        rejectClock.set(Instant.ofEpochSecond(created).minus(TOLERANCE).minusSeconds(1));
        RawRequest.Response early = captured.sendTo(rejectApp.uri());

        // Within the tolerance a replay is accepted: the marker has no nonce. Network policy must keep callers
        // from reaching the application around the gateway; the tolerance bounds what a leaked request is worth.
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.body()).contains("\"user\":\"alice\"");
        assertThat(lastSecond.status()).isEqualTo(200);
        assertUntrusted(stale, "stale_signature");
        assertUntrusted(early, "stale_signature");
    }

    @Test
    void aCapturedSignatureWithRolesChangedIsRefused() throws Exception {
        RawRequest captured = captured("/api/users", "alice:wonderland");
        aligned(captured);

        assertUntrusted(captured.with("X-User-Roles", "admin").sendTo(stripApp.uri()), "bad_signature");
        assertUntrusted(captured.with("X-User-Roles", "admin").sendTo(rejectApp.uri()), "bad_signature");
        assertUntrusted(captured.with("X-User-Roles", "user,admin").withTarget("/admin").sendTo(stripApp.uri()),
                "bad_signature");
        assertUntrusted(captured.with("X-User-ID", "ada").sendTo(stripApp.uri()), "bad_signature");
        assertUntrusted(captured.with("X-User-Org", "other").sendTo(stripApp.uri()), "bad_signature");
    }

    @Test
    void aCapturedSignatureOnAnotherPathQueryOrMethodIsRefused() throws Exception {
        RawRequest captured = captured("/api/users", "alice:wonderland");

        assertUntrusted(captured.withTarget("/admin").sendTo(stripApp.uri()), "bad_signature");
        assertUntrusted(captured.withTarget("/api/users/ada").sendTo(stripApp.uri()), "bad_signature");
        assertUntrusted(captured.withTarget("/api/users?as=admin").sendTo(stripApp.uri()), "bad_signature");
        assertUntrusted(captured.withTarget("/api/users/").sendTo(stripApp.uri()), "bad_signature");
        assertUntrusted(captured.withMethod("POST").sendTo(stripApp.uri()), "bad_signature");
    }

    @Test
    void aCapturedSignatureWithHeadersAddedOrDroppedIsRefused() throws Exception {
        RawRequest captured = captured("/api/users", "alice:wonderland");

        assertUntrusted(captured.without("X-User-Org").sendTo(stripApp.uri()), "covered_header_missing");
        assertUntrusted(captured.plus("X-User-ID", "ada").sendTo(stripApp.uri()), null);
        assertUntrusted(captured.plus("X_User_Roles", "admin").sendTo(stripApp.uri()), null);
        assertUntrusted(captured.with("Signature-Input", captured.header("Signature-Input").orElseThrow()
                .replace("keyid=\"gw-1\"", "keyid=\"gw-2\"")).sendTo(stripApp.uri()), "unknown_keyid");
        assertUntrusted(captured.plus("Signature", captured.header("Signature").orElseThrow())
                .sendTo(stripApp.uri()), null);
        // Without its marker the identity is only a claim: stripped (anonymous, 401) or refused.
        RawRequest unsigned = captured.without("Signature").without("Signature-Input");
        assertThat(unsigned.sendTo(stripApp.uri()).status()).isEqualTo(401);
        assertUntrusted(unsigned.sendTo(rejectApp.uri()), null);
    }

    // ---- what the signature binds: the body and the host

    @Test
    void aCapturedPostIsRefusedWithAnotherBody() throws Exception {
        byte[] transfer = "{\"to\":\"bob\",\"amount\":10}".getBytes(StandardCharsets.UTF_8);
        byte[] swapped = "{\"to\":\"eve\",\"amount\":99}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> through = HTTP.send(HttpRequest.newBuilder(nginx.uri().resolve("/admin"))
                .header("Authorization", basic("ada:lovelace"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(transfer)).build(), HttpResponse.BodyHandlers.ofString());
        RawRequest captured = RawRequest.parse(relay.next());

        // The demo's /admin serves GET only: past Gatecheck, the servlet itself refuses a POST (400 over nginx's
        // HTTP/1.0). That answer, rather than Gatecheck's 401, shows the request was authenticated.
        assertThat(through.body()).as("the servlet's own answer").contains("POST is not supported");
        assertThat(captured.header("Content-Digest")).hasValue("sha-256=:"
                + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(transfer))
                + ":");
        assertThat(captured.sendTo(stripApp.uri(), transfer).body()).as("the same body replayed")
                .contains("POST is not supported");
        assertUntrusted(captured.sendTo(stripApp.uri(), swapped), "content_digest_mismatch");
        assertUntrusted(captured.with("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(swapped)) + ":")
                .sendTo(stripApp.uri(), swapped), "bad_signature");
    }

    @Test
    void aCapturedRequestIsRefusedForAnotherHost() throws Exception {
        RawRequest captured = captured("/api/users", "alice:wonderland");

        assertUntrusted(captured.with("Host", "evil.example").sendTo(stripApp.uri()), "bad_signature");
    }

    @Test
    void nginxRefusesAnAbsoluteFormTargetForAnotherHost() throws Exception {
        RawRequest absolute = new RawRequest("GET", "http://evil.example/admin", "HTTP/1.1", java.util.List.of(
                Map.entry("Host", "127.0.0.1:" + nginx.uri().getPort()), Map.entry("Authorization", basic("ada:lovelace"))));
        RawRequest ownHost = absolute.withTarget("http://127.0.0.1/admin");

        assertThat(absolute.sendTo(nginx.uri()).status()).as("421 Misdirected Request from nginx").isEqualTo(421);
        assertThat(relay.nothingRelayed()).as("nothing reaches the application").isTrue();
        RawRequest.Response own = ownHost.sendTo(nginx.uri());
        assertThat(own.status()).as("an absolute-form target naming nginx's own host").isEqualTo(200);
        assertThat(RawRequest.parse(relay.next()).header("Host")).hasValue("127.0.0.1");
    }

    // ---- identity values that are not ASCII

    @Test
    void nginxRefusesToSignANonAsciiIdentityAndForwardsNone() throws Exception {
        HttpResponse<String> zoe = viaNginx("/api/users", "zoe:matterhorn");
        RawRequest sent = RawRequest.parse(relay.next());

        assertThat(zoe.statusCode()).as("anonymous at the application").isEqualTo(401);
        assertThat(sent.headers()).extracting(Map.Entry::getKey).map(String::toLowerCase)
                .doesNotContain("x-user-id", "x-user-org", "x-user-roles", "signature", "signature-input");
        assertThat(nginx.logs()).contains("gatecheck-sign: x-user-org is not printable ASCII");
    }

    @Test
    void aSignatureOverUtf8BytesNeverVerifiesBecauseTheContainerDecodesHeadersAsLatin1() throws Exception {
        // What a signer hashing UTF-8 (njs, or core's GatewaySigner) would send for org Zürich, raw UTF-8 on the
        // wire: Jetty hands the application "ZÃ¼rich" (ISO-8859-1), whose signature base differs. Fails closed.
        GatewaySigner signer = new GatewaySigner(KEY_ID, Base64.getDecoder().decode(secret), Clock.systemUTC());
        RawRequest ascii = signed(signer, "acme");
        RawRequest utf8 = signed(signer, "Zürich");

        assertThat(ascii.sendTo(stripApp.uri()).status()).as("the same signer with an ASCII org").isEqualTo(200);
        assertUntrusted(utf8.sendTo(stripApp.uri()), "bad_signature");
    }

    // ---- helpers

    private RawRequest signed(GatewaySigner signer, String org) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("X-User-ID", "zoe");
        identity.put("X-User-Org", org);
        identity.put("X-User-Roles", "user");
        Map<String, String> signature = signer.sign("GET", "127.0.0.1", "/api/users", Optional.empty(), identity,
                new byte[0]);
        RawRequest request = new RawRequest("GET", "/api/users", "HTTP/1.0", java.util.List.of(
                Map.entry("Host", "127.0.0.1")));
        for (Map.Entry<String, String> header : identity.entrySet()) {
            // the UTF-8 bytes on the wire, one char per byte in RawRequest
            request = request.plus(header.getKey(), new String(header.getValue().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1));
        }
        for (Map.Entry<String, String> header : signature.entrySet()) {
            request = request.plus(header.getKey(), header.getValue());
        }
        return request;
    }

    /** What nginx sent to the application for a request through it with {@code credential}, which must pass. */
    private RawRequest captured(String target, String credential) throws Exception {
        HttpResponse<String> response = viaNginx(target, credential);
        assertThat(response.statusCode()).as("through nginx").isEqualTo(200);
        return RawRequest.parse(relay.next());
    }

    /** Sets the reject instance's clock to the captured request's {@code created}, so only the tampering counts. */
    private void aligned(RawRequest captured) {
        rejectClock.set(Instant.ofEpochSecond(created(captured)));
    }

    private static long created(RawRequest request) {
        Matcher created = CREATED.matcher(request.header("Signature-Input").orElseThrow());
        assertThat(created.find()).isTrue();
        return Long.parseLong(created.group(1));
    }

    private static void assertUntrusted(RawRequest.Response response, String reason) {
        assertThat(response.status()).as(response.head() + "\n\n" + response.body()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"untrusted_identity_headers\"");
        if (reason != null) {
            assertThat(response.body()).contains(reason);
        }
    }

    private HttpResponse<String> viaNginx(String target, String credential, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(nginx.uri().resolve(target));
        if (credential != null) {
            request.header("Authorization", basic(credential));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String credential) {
        return "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> direct(ServletDemo app, String target, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri().resolve(target));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> committedConfiguration() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(EXAMPLE.resolve("gatecheck.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> keys = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> keys.put(name, properties.getProperty(name)));
        return keys;
    }

    private static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
