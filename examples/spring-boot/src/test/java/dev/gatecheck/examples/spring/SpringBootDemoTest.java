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
import org.springframework.context.ConfigurableApplicationContext;

/** The demo, on a random port: every curl line it prints answers with the status its comment promises. */
class SpringBootDemoTest {
    private static final Pattern STATUS = Pattern.compile("^# .*\\((\\d{3})\\)$");
    private static final Pattern BEARER = Pattern.compile("-H 'Authorization: Bearer ([^']+)'");

    @Test
    void everyPrintedCommandAnswersAsItsCommentSays() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ConfigurableApplicationContext demo = SpringBootDemo.start(
                new PrintStream(printed, true, StandardCharsets.UTF_8), "--server.port=0")) {
            List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
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
}
