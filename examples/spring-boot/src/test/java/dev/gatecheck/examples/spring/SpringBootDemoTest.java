package dev.gatecheck.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The demo on a random port: what it prints holds, and so does the README's security chain. */
class SpringBootDemoTest {
    private static final Pattern STATUS = Pattern.compile("^# .*\\((\\d{3})\\)$");
    private static final Pattern BEARER = Pattern.compile("-H 'Authorization: Bearer ([^']+)'");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final SpringApplication demo = SpringBootDemo.application(
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    private List<String> printedLines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyPrintedCommandAnswersAsItsCommentSays() {
        try (ConfigurableApplicationContext running = demo.run("--server.port=0")) {
            List<String> lines = printedLines();
            int checked = 0;
            for (int i = 0; i + 1 < lines.size(); i++) {
                Matcher comment = STATUS.matcher(lines.get(i));
                if (comment.matches()) {
                    String curl = lines.get(i + 1);
                    Matcher bearer = BEARER.matcher(curl);
                    URI url = URI.create(curl.substring(curl.lastIndexOf(' ') + 1));
                    Http.Reply reply = bearer.find() ? Http.get(url, Http.bearer(bearer.group(1))) : Http.get(url);
                    assertThat(reply.status()).as(lines.get(i) + "\n" + reply.body())
                            .isEqualTo(Integer.parseInt(comment.group(1)));
                    checked++;
                }
            }
            assertThat(checked).as("curl lines printed").isEqualTo(8);
        }
    }

    @Test
    void readmeSecurityChainReplacesTheStartersAndOnlyRefusesMore() {
        demo.addPrimarySources(List.of(ReadmeSnippets.class));
        try (ConfigurableApplicationContext running = demo.run("--server.port=0")) {
            Http.Target http = Http.at(URI.create("http://127.0.0.1:"
                    + running.getEnvironment().getProperty("local.server.port")));
            List<String> lines = printedLines();
            String alice = lines.get(lines.indexOf("Token of alice (roles: user, scope: reports:read):") + 1);
            String ada = lines.get(lines.indexOf("Token of ada (roles: admin, user):") + 1);

            assertThat(http.get("/api/reports", Http.bearer(alice)).status()).isEqualTo(200);
            Http.Reply withoutScope = http.get("/api/reports", Http.bearer(ada));
            assertThat(withoutScope.status()).isEqualTo(403);
            assertThat(withoutScope.body()).contains("\"error\":\"forbidden\"");
            assertThat(http.get("/api/me", Http.bearer(ada)).body()).as("the caller in @AuthenticationPrincipal")
                    .contains("\"subject\":\"ada\"");
            Http.Reply anonymous = http.get("/health");
            assertThat(anonymous.status()).as("public for Gatecheck, but the chain's anyRequest().authenticated()")
                    .isEqualTo(401);
            assertThat(anonymous.body()).contains("\"error\":\"missing_authorization_header\"");
        }
    }
}
