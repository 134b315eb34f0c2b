package dev.gatecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed test delivery a demo prints ({@link DemoWebhook#print}), read back from its output and run the way
 * a user runs it: pasted into {@code bash}.
 *
 * @param secret the printed secret
 * @param line the printed shell line
 */
public record PrintedWebhookLine(String secret, String line) {
    private static final List<String> TOOLS = List.of("bash", "openssl", "curl", "sed");

    /** The answer of the demo to {@link DemoWebhook#SAMPLE_BODY} sent by the built-in GitHub route. */
    public static final String EXPECTED_ANSWER = "{\"received_bytes\":" + DemoWebhook.SAMPLE_BODY.length()
            + ",\"sha256\":\"" + DemoWebhook.sha256(DemoWebhook.SAMPLE_BODY.getBytes(StandardCharsets.UTF_8))
            + "\",\"caller\":\"github:" + DemoWebhook.ROUTE + "\"}\n";

    /** The answer when the printed line is run a second time: the same signed delivery again. */
    public static final String REPLAYED_ANSWER = "{\"error\":\"invalid_signature\",\"detail\":\"replayed\"}";

    /** What a shell run printed and how it ended. */
    public record Run(int exitCode, String out, String err) {
    }

    /** The secret and line in a demo's {@code printed} output. */
    public static PrintedWebhookLine in(String printed) {
        List<String> lines = printed.lines().toList();
        String secret = null;
        String line = null;
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("GitHub webhook secret of " + DemoWebhook.PATH)) {
                secret = lines.get(i + 1);
            }
            if (lines.get(i + 1).startsWith("SECRET=")) {
                assertThat(lines.get(i)).as("the comment above the webhook line").startsWith("# ").contains("(200");
                line = lines.get(i + 1);
            }
        }
        assertThat(secret).as("printed webhook secret in:\n" + printed).isNotNull().matches("[0-9a-f]{64}");
        assertThat(line).as("printed webhook line in:\n" + printed).isNotNull().contains(secret);
        return new PrintedWebhookLine(secret, line);
    }

    /** Skips the calling test, saying why, when a command the printed line uses is not installed. */
    public static void assumeShellTools() {
        List<String> missing = TOOLS.stream().filter(tool -> !onPath(tool)).toList();
        assumeTrue(missing.isEmpty(), () -> "skipped: running the demo's printed webhook line needs "
                + String.join(", ", TOOLS) + "; not found on PATH: " + String.join(", ", missing));
    }

    /** The printed line, as pasted into bash. */
    public Run runInBash() throws IOException, InterruptedException {
        return bash(line);
    }

    /** The printed line with the body changed after it was signed, printing the answer, a newline and the status. */
    public Run runTamperedInBash() throws IOException, InterruptedException {
        String signThenCurl = "; curl -s ";
        assertThat(line).contains(signThenCurl);
        return bash(line.replace(signThenCurl, "; body=\"${body} \"; curl -s -w '\\n%{http_code}' "));
    }

    /** GitHub's {@code X-Hub-Signature-256} value for {@code body} under the printed secret, computed here. */
    public String signature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Run bash(String script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", script).redirectInput(ProcessBuilder.Redirect.from(
                new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null"))).start();
        CompletableFuture<String> out = drain(bash.getInputStream());
        CompletableFuture<String> err = drain(bash.getErrorStream());
        if (!bash.waitFor(30, TimeUnit.SECONDS)) {
            bash.destroyForcibly();
            throw new AssertionError("bash did not finish in 30s: " + script);
        }
        return new Run(bash.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command)).anyMatch(Files::isExecutable);
    }
}
