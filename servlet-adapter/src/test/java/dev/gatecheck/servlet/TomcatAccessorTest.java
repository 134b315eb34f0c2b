package dev.gatecheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.testing.Http;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link AccessorScenarios} on Tomcat (10.1 here, 11 in the EE 11 tests), and the push builder Tomcat 10.1 hands out
 * over HTTP/2.
 */
class TomcatAccessorTest extends AccessorScenarios {
    private static final TomcatContainer TOMCAT = new TomcatContainer();

    TomcatAccessorTest() {
        super(TOMCAT);
    }

    @Test
    void pushBuilderCarriesNoClientCopy() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpRequest request = HttpRequest.newBuilder(deployment.uri("/api/walk/push"))
                .header("Authorization", "Bearer " + token)
                .header("X-User-ID", "spoof-id").header("X-User-Roles", "spoof-role").header("x_user_id", "spoof-under")
                .build();

        // A push promise handler makes the client accept pushes, so Tomcat hands out a push builder.
        HttpResponse<String> reply = http2.sendAsync(request, HttpResponse.BodyHandlers.ofString(),
                (initiating, pushed, accept) -> { }).get(10, TimeUnit.SECONDS);

        Map<String, String> seen = Http.report(reply.body());
        assertThat(seen.get("newPushBuilder()")).as("over %s on %s", reply.version(), TOMCAT)
                .startsWith(TOMCAT.pushes() ? "PushBuilder[" : "null");
        assertNoClientCopy(seen, "an HTTP/2 request");
    }
}
