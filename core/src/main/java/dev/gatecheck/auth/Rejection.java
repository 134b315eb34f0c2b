package dev.gatecheck.auth;

import dev.gatecheck.internal.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a request was denied: a stable {@link ErrorCode}, a short human detail (never a token, secret or key),
 * and what to send: status, JSON body and headers ({@code WWW-Authenticate}, {@code Retry-After}).
 *
 * @param code the error code and status
 * @param detail a short reason such as {@code expired} or {@code bad_signature}
 * @param challenge whether the {@code WWW-Authenticate} challenge names the error (RFC 6750: not when the
 *                  credential was simply absent)
 * @param requiredScope the scopes a route requires, for {@code insufficient_scope}
 * @param retryAfter for {@code auth_unavailable}
 */
public record Rejection(ErrorCode code, String detail, boolean challenge, Optional<String> requiredScope,
                        Optional<Duration> retryAfter) {

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(requiredScope, "requiredScope");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** A rejection with {@code code} and {@code detail}, challenging with the error where RFC 6750 says so. */
    public static Rejection of(ErrorCode code, String detail) {
        return new Rejection(code, detail, code != ErrorCode.MISSING_AUTHORIZATION_HEADER, Optional.empty(),
                Optional.empty());
    }

    /** 403 {@code insufficient_scope} naming the scopes the route requires. */
    public static Rejection insufficientScope(String requiredScope) {
        return new Rejection(ErrorCode.INSUFFICIENT_SCOPE, "insufficient_scope", true, Optional.of(requiredScope),
                Optional.empty());
    }

    /** 503 {@code auth_unavailable}: keys cannot be obtained right now. */
    public static Rejection unavailable(String detail, Duration retryAfter) {
        return new Rejection(ErrorCode.AUTH_UNAVAILABLE, detail, false, Optional.empty(), Optional.of(retryAfter));
    }

    /** The HTTP status. */
    public int status() {
        return code.status();
    }

    /** The JSON body: {@code {"error":"<code>","detail":"<why>"}}. */
    public String body() {
        return "{\"error\":" + Json.quote(code.code()) + ",\"detail\":" + Json.quote(detail) + "}";
    }

    /** The media type of {@link #body()}. */
    public String contentType() {
        return "application/json";
    }

    /**
     * The RFC 6750 {@code WWW-Authenticate} value for 400, 401 and {@code insufficient_scope} answers;
     * {@code Bearer} alone when the credential was absent.
     */
    public Optional<String> wwwAuthenticate() {
        int status = status();
        if (status != 400 && status != 401 && code != ErrorCode.INSUFFICIENT_SCOPE) {
            return Optional.empty();
        }
        if (!challenge) {
            return Optional.of("Bearer");
        }
        String error = switch (code) {
            case INVALID_REQUEST -> "invalid_request";
            case INSUFFICIENT_SCOPE -> "insufficient_scope";
            default -> "invalid_token";
        };
        StringBuilder value = new StringBuilder("Bearer error=\"").append(error).append('"');
        value.append(", error_description=\"").append(detail.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "")).append('"');
        requiredScope.ifPresent(scope -> value.append(", scope=\"").append(scope).append('"'));
        return Optional.of(value.toString());
    }

    /** Every header to send with the status: {@code WWW-Authenticate}, {@code Retry-After} and the content type. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType());
        headers.put("Cache-Control", "no-store");
        wwwAuthenticate().ifPresent(v -> headers.put("WWW-Authenticate", v));
        retryAfter.ifPresent(d -> headers.put("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
        return Map.copyOf(headers);
    }
}
