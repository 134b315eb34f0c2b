package dev.gatecheck.examples.servlet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code curl} line as the demo prints it, read back into the request it makes: {@code -X}, {@code -H},
 * {@code --data-binary} and the URL; {@code -s} and {@code -i} change nothing about the request.
 *
 * @param line the line as printed
 * @param expectedStatus the status the comment above it announces
 */
record CurlLine(String line, int expectedStatus) {

    HttpRequest request() {
        List<String> args = words(line);
        if (!args.get(0).equals("curl")) {
            throw new IllegalArgumentException("not a curl line: " + line);
        }
        String method = "GET";
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10));
        URI uri = null;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-s", "-i" -> { }
                case "-X" -> method = args.get(++i);
                case "-H" -> {
                    String header = args.get(++i);
                    int colon = header.indexOf(':');
                    request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
                }
                case "--data-binary" -> {
                    body = HttpRequest.BodyPublishers.ofString(args.get(++i));
                    request.header("Content-Type", "application/x-www-form-urlencoded");
                }
                default -> {
                    if (!arg.startsWith("http://")) {
                        throw new IllegalArgumentException("unexpected curl argument " + arg);
                    }
                    uri = URI.create(arg);
                }
            }
        }
        return request.uri(uri).method(method, body).build();
    }

    /** Shell words: blanks separate, single quotes group. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
