package dev.gatecheck.test;

import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * A token as the {@code Authorization: Bearer} header a client sends, for any HTTP client without depending on it:
 * <ul>
 *   <li>JDK {@code HttpClient}: {@code bearer.addTo(HttpRequest.newBuilder(uri))};</li>
 *   <li>Spring MockMvc: {@code get("/api").header(bearer.name(), bearer.value())};</li>
 *   <li>JerseyTest, RESTEasy and any JAX-RS client: {@code target("/api").request().header(bearer.name(), bearer.value())}.</li>
 * </ul>
 *
 * @param token the compact JWT
 */
public record Bearer(String token) {
    public Bearer {
        Objects.requireNonNull(token, "token");
    }

    /** {@code Authorization}. */
    public String name() {
        return "Authorization";
    }

    /** {@code Bearer <token>}. */
    public String value() {
        return "Bearer " + token;
    }

    /** Adds the header to a JDK HTTP client request and returns the same builder. */
    public HttpRequest.Builder addTo(HttpRequest.Builder request) {
        return request.header(name(), value());
    }

    /** The header line, token masked: a test's failure message may print it. */
    @Override
    public String toString() {
        return "Authorization: Bearer <" + token.length() + " characters>";
    }
}
