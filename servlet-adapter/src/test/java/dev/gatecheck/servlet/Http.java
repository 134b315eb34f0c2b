package dev.gatecheck.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Real HTTP calls to the container under test, with the JDK client. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /** A GET of {@code uri}; add headers with {@code headers} as name, value pairs (a name may repeat). */
    static Reply get(URI uri, String... headers) {
        return send("GET", uri, headers);
    }

    static Reply send(String method, URI uri, String... headers) {
        return send(method, uri, HttpRequest.BodyPublishers.noBody(), headers);
    }

    /** A POST of {@code body} to {@code uri}. */
    static Reply post(URI uri, byte[] body, String... headers) {
        return send("POST", uri, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    private static Reply send(String method, URI uri, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers and body. */
    record Reply(int status, HttpResponse<String> response, String body) {
        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** The body as the report servlet writes it: {@code name: value} lines. */
        Map<String, String> report() {
            Map<String, String> report = new LinkedHashMap<>();
            for (String line : body.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    report.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            return report;
        }
    }
}
