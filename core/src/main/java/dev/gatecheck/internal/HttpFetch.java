package dev.gatecheck.internal;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches small documents (JWKS, OIDC discovery, token introspection) the strict way: HTTPS only (plain HTTP only to
 * loopback hosts), no redirects, one timeout for connect and for the whole exchange, a body cap, and failures
 * reported as short reasons without any response content. Asynchronous, so no request thread waits on the network
 * longer than it chooses to. Internal.
 */
public final class HttpFetch {
    /** Largest accepted body of a key set or discovery document. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,12})\"?");

    private final HttpClient client;
    private final ScheduledExecutorService deadlines;
    private final Duration timeout;
    private final int maxBodyBytes;

    /**
     * A fetcher through {@code client} (which must not follow redirects) whose whole exchange, connecting included,
     * ends after {@code timeout}, timed on {@code deadlines}, accepting bodies up to {@link #MAX_BODY_BYTES}.
     */
    public HttpFetch(HttpClient client, ScheduledExecutorService deadlines, Duration timeout) {
        this(client, deadlines, timeout, MAX_BODY_BYTES);
    }

    /** A fetcher like {@link #HttpFetch(HttpClient, ScheduledExecutorService, Duration)} with its own body cap. */
    public HttpFetch(HttpClient client, ScheduledExecutorService deadlines, Duration timeout, int maxBodyBytes) {
        this.client = client;
        this.deadlines = deadlines;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A fetcher on {@code resources}' client and scheduler. */
    public static HttpFetch on(EngineResources resources, Duration timeout) {
        return new HttpFetch(resources.httpClient(), resources.scheduler(), timeout);
    }

    /**
     * A fetched body, its {@code Cache-Control: max-age} and its media type ({@code Content-Type} without
     * parameters, lower case), if any.
     */
    public record Response(String body, Optional<Duration> maxAge, Optional<String> mediaType) {
    }

    /** A failed fetch; the message is a short reason (status, timeout, too large) and holds no response content. */
    public static final class FetchException extends RuntimeException {
        private final int status;

        public FetchException(String reason) {
            this(reason, -1);
        }

        public FetchException(String reason, int status) {
            super(reason, null, false, false);
            this.status = status;
        }

        /** The HTTP status that failed the fetch, or -1 when no response arrived (timeout, connection, size). */
        public int status() {
            return status;
        }
    }

    /**
     * Checks that {@code uri} may be fetched: {@code https}, or {@code http} to a loopback host, and no user info.
     *
     * @throws IllegalArgumentException naming what is wrong (never the user info)
     */
    public static void checkAllowed(URI uri) {
        String scheme = uri.getScheme();
        // Credentials in a URL are never sent by the HTTP client, and every message and log naming it would show them.
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a URL to " + uri.getHost() + " holds user info (credentials): leave"
                    + " them out");
        }
        if (uri.getHost() == null || scheme == null) {
            throw new IllegalArgumentException("'" + uri + "' is not an absolute http(s) URL");
        }
        if (scheme.equals("https")) {
            return;
        }
        if (!scheme.equals("http") || !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("'" + uri + "' must use https (plain http only for loopback hosts)");
        }
    }

    /** Fetches {@code uri}; the future fails with {@link FetchException}, never with response content. */
    public CompletableFuture<Response> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET());
    }

    /**
     * Posts the form {@code fields} ({@code application/x-www-form-urlencoded}, in their order) to {@code uri} with
     * {@code headers} (e.g. {@code Accept}, {@code Authorization}); fails like {@link #get}.
     */
    public CompletableFuture<Response> post(URI uri, Map<String, String> fields, Map<String, String> headers) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(formEncode(name) + "=" + formEncode(value)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request);
    }

    /** {@code application/x-www-form-urlencoded} encoding of one name or value (UTF-8). */
    public static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private CompletableFuture<Response> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(timeout).build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request,
                info -> new CappedBody(maxBodyBytes));
        CompletableFuture<Response> result = exchange.thenApply(HttpFetch::accept);
        // The deadline runs on the engine's scheduler (CompletableFuture.orTimeout would start a JVM-wide thread).
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException())) {
                exchange.cancel(true);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((response, error) -> deadline.cancel(false));
        return result.exceptionallyCompose(HttpFetch::explain);
    }

    private static Response accept(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new FetchException(response.statusCode() / 100 == 3
                    ? "redirect (status " + response.statusCode() + ") not followed"
                    : "status " + response.statusCode(), response.statusCode());
        }
        Optional<Duration> maxAge = response.headers().allValues("Cache-Control").stream()
                .map(MAX_AGE::matcher).filter(Matcher::find)
                .map(m -> Duration.ofSeconds(Long.parseLong(m.group(1)))).findFirst();
        Optional<String> mediaType = response.headers().firstValue("Content-Type")
                .map(type -> type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
        return new Response(new String(response.body(), StandardCharsets.UTF_8), maxAge, mediaType);
    }

    private static CompletionStage<Response> explain(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof FetchException fetch) {
                return CompletableFuture.failedFuture(fetch);
            }
        }
        String reason;
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            reason = "timed out";
        } else {
            reason = "connection failed (" + cause.getClass().getSimpleName() + ")";
        }
        return CompletableFuture.failedFuture(new FetchException(reason));
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // only literal addresses are checked; no DNS lookup
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Collects the body, cancelling the exchange once it exceeds the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int maxBytes;
        private Flow.Subscription subscription;

        CappedBody(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new FetchException("body larger than " + maxBytes + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
