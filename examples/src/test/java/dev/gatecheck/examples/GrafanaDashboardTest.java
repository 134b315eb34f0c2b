package dev.gatecheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatecheck.events.GatecheckListener;
import dev.gatecheck.examples.servlet.ServletDemo;
import dev.gatecheck.internal.Json;
import dev.gatecheck.micrometer.GatecheckMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard ({@code examples/grafana}) is well-formed JSON with the panels the README promises, and every
 * series its queries read is one the demo's {@code /metrics} serves (checked against a real scrape, so a renamed
 * meter cannot leave a panel empty).
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("grafana/gatecheck-dashboard.json");
    private static final Pattern SERIES = Pattern.compile("gatecheck_[a-z_]+");

    @Test
    void isJsonWithOnePanelPerPromisedView() throws Exception {
        Map<String, Object> dashboard = Json.parseObject(Files.readString(DASHBOARD), 16);

        List<?> panels = (List<?>) dashboard.get("panels");
        Set<String> titles = new TreeSet<>();
        for (Object panel : panels) {
            titles.add((String) ((Map<?, ?>) panel).get("title"));
        }
        assertThat(titles).as("panel titles").contains("Decisions per second by outcome",
                "Denials per second by code and reason", "Key-source state per issuer", "Key age per issuer",
                "Verified-token cache hit ratio", "Verification time p50 and p99");
    }

    @Test
    void readsOnlySeriesTheDemoServes() throws Exception {
        String dashboard = Files.readString(DASHBOARD);
        Set<String> read = new TreeSet<>();
        Matcher series = SERIES.matcher(dashboard);
        while (series.find()) {
            read.add(series.group());
        }

        String scrape;
        try (ServletDemo demo = ServletDemo.start(Map.of("PORT", "0"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(demo.uri().resolve("/api/users")).build(),
                    HttpResponse.BodyHandlers.discarding());
            scrape = http.send(HttpRequest.newBuilder(demo.uri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        // Counters of events the demo does not see unprovoked (a key fetch, a spoof attempt), from the same meters.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatecheckMeters meters = new GatecheckMeters(registry);
        meters.onKeyFetch(new GatecheckListener.KeyFetch("jwt", true, Optional.empty(), 1));
        meters.onSpoofAttempt(new GatecheckListener.SpoofAttempt("gw", false, "no gateway marker"));
        scrape += registry.scrape();

        assertThat(read).as("series the dashboard reads").contains("gatecheck_requests_total",
                "gatecheck_keys_state", "gatecheck_keys_age_seconds", "gatecheck_verification_seconds_bucket");
        for (String name : read) {
            assertThat(scrape).as("the demo's /metrics serves %s", name).contains(name + "{");
        }
    }
}
