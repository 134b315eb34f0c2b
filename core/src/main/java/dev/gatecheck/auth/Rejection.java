package dev.gatecheck.auth;

import dev.gatecheck.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a request was denied: a stable {@link ErrorCode}, a short human detail (never a token, secret or key),
 * and what to send: status, JSON body and headers ({@code WWW-Authenticate}, {@code Retry-After},
 * {@code DPoP-Nonce}).
 *
 * @param code the error code and status
 * @param detail a short reason such as {@code expired} or {@code bad_signature}
 * @param challenge whether the {@code WWW-Authenticate} challenge names the error (RFC 6750: not when the
 *                  credential was simply absent)
 * @param parameters the error's own challenge parameters, in order: {@code scope} for {@code insufficient_scope},
 *                   {@code acr_values} and {@code max_age} for {@code insufficient_user_authentication}
 * @param retryAfter for {@code auth_unavailable}
 * @param dpopNonce the nonce a DPoP client must use (RFC 9449 {@code use_dpop_nonce}), sent as {@code DPoP-Nonce}
 * @param challenges which schemes the {@code WWW-Authenticate} header offers, and where the error goes
 */
public record Rejection(ErrorCode code, String detail, boolean challenge, Map<String, String> parameters,
                        Optional<Duration> retryAfter, Optional<String> dpopNonce, Challenges challenges) {

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(dpopNonce, "dpopNonce");
        Objects.requireNonNull(challenges, "challenges");
    }

    /** A rejection with {@code code} and {@code detail}, challenging with the error where RFC 6750 says so. */
    public static Rejection of(ErrorCode code, String detail) {
        return new Rejection(code, detail, code != ErrorCode.MISSING_AUTHORIZATION_HEADER, Map.of(), Optional.empty(),
                Optional.empty(), Challenges.BEARER);
    }

    /** 403 {@code insufficient_scope} naming the scopes the route requires. */
    public static Rejection insufficientScope(String requiredScope) {
        return new Rejection(ErrorCode.INSUFFICIENT_SCOPE, "insufficient_scope", true, Map.of("scope", requiredScope),
                Optional.empty(), Optional.empty(), Challenges.BEARER);
    }

    /**
     * RFC 9470: 401 {@code insufficient_user_authentication}, the challenge naming the {@code acr} values the route
     * accepts (when it names some) and the longest time since {@code auth_time} (when it sets one).
     */
    public static Rejection insufficientUserAuthentication(String detail, Set<String> acrValues,
                                                           Optional<Duration> maxAge) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!acrValues.isEmpty()) {
            parameters.put("acr_values", String.join(" ", new TreeSet<>(acrValues)));
        }
        maxAge.ifPresent(age -> parameters.put("max_age", Long.toString(age.toSeconds())));
        return new Rejection(ErrorCode.INSUFFICIENT_USER_AUTHENTICATION, detail, true, parameters, Optional.empty(),
                Optional.empty(), Challenges.BEARER);
    }

    /** RFC 9449: the DPoP proof lacks the server's nonce (or an old one); {@code nonce} is the one to use. */
    public static Rejection useDpopNonce(String nonce) {
        return new Rejection(ErrorCode.INVALID_DPOP_PROOF, "use_dpop_nonce", true, Map.of(), Optional.empty(),
                Optional.of(nonce), Challenges.BEARER);
    }

    /** 503 {@code auth_unavailable}: keys cannot be obtained right now. */
    public static Rejection unavailable(String detail, Duration retryAfter) {
        return new Rejection(ErrorCode.AUTH_UNAVAILABLE, detail, false, Map.of(), Optional.of(retryAfter),
                Optional.empty(), Challenges.BEARER);
    }

    /** This rejection offering {@code challenges} instead. */
    public Rejection challenging(Challenges challenges) {
        return new Rejection(code, detail, challenge, parameters, retryAfter, dpopNonce, challenges);
    }

    /** The scopes a route requires, for {@code insufficient_scope}. */
    public Optional<String> requiredScope() {
        return Optional.ofNullable(parameters.get("scope"));
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
     * The {@code WWW-Authenticate} value for 400, 401 and {@code insufficient_scope} answers: a {@code Bearer}
     * challenge (RFC 6750) and a {@code DPoP} one (RFC 9449) as {@link #challenges()} offers them, the error in
     * the scheme the client used, bare when the credential was absent; on a 401, RFC 9728's
     * {@code resource_metadata} in each.
     */
    public Optional<String> wwwAuthenticate() {
        int status = status();
        if (status != 400 && status != 401 && code != ErrorCode.INSUFFICIENT_SCOPE) {
            return Optional.empty();
        }
        List<String> error = challenge ? errorParameters() : List.of();
        List<String> metadata = status == 401
                ? challenges.resourceMetadata().map(url -> List.of(parameter("resource_metadata", url))).orElse(List.of())
                : List.of();
        boolean errorInDpop = challenges.offersDpop() && (challenges.errorInDpop() || !challenges.bearer());
        List<String> offered = new ArrayList<>(2);
        if (challenges.bearer()) {
            offered.add(scheme("Bearer", errorInDpop ? List.of() : error, List.of(), metadata));
        }
        if (challenges.offersDpop()) {
            offered.add(scheme("DPoP", errorInDpop ? error : List.of(),
                    List.of(parameter("algs", String.join(" ", challenges.dpopAlgorithms()))), metadata));
        }
        return Optional.of(String.join(", ", offered));
    }

    private List<String> errorParameters() {
        String error = switch (code) {
            case INVALID_REQUEST -> "invalid_request";
            case INSUFFICIENT_SCOPE -> "insufficient_scope";
            case INVALID_DPOP_PROOF -> dpopNonce.isPresent() ? "use_dpop_nonce" : "invalid_dpop_proof";
            case INSUFFICIENT_USER_AUTHENTICATION -> "insufficient_user_authentication";
            default -> "invalid_token";
        };
        List<String> out = new ArrayList<>();
        out.add(parameter("error", error));
        out.add(parameter("error_description", detail));
        parameters.forEach((name, value) -> out.add(parameter(name, value)));
        return out;
    }

    private static String scheme(String name, List<String> error, List<String> own, List<String> metadata) {
        List<String> all = new ArrayList<>(error);
        all.addAll(own);
        all.addAll(metadata);
        return all.isEmpty() ? name : name + " " + String.join(", ", all);
    }

    /** {@code name="value"}, the value stripped of what a quoted-string cannot carry plainly. */
    private static String parameter(String name, String value) {
        return name + "=\"" + value.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "") + '"';
    }

    /** Every header to send with the status: {@code WWW-Authenticate}, {@code Retry-After}, {@code DPoP-Nonce}, ... */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType());
        headers.put("Cache-Control", "no-store");
        wwwAuthenticate().ifPresent(v -> headers.put("WWW-Authenticate", v));
        retryAfter.ifPresent(d -> headers.put("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
        dpopNonce.ifPresent(nonce -> headers.put("DPoP-Nonce", nonce));
        return Map.copyOf(headers);
    }

    /**
     * The schemes a challenge offers: RFC 6750 {@code Bearer}, RFC 9449 {@code DPoP} (with the proof algorithms,
     * {@code algs}), whether the error goes in the DPoP challenge (the client used DPoP, or the error is DPoP's), and
     * RFC 9728's protected-resource metadata URL. The engine sets them per route; a rejection starts with
     * {@link #BEARER}.
     *
     * @param bearer whether a {@code Bearer} challenge is offered
     * @param dpopAlgorithms the {@code algs} of the {@code DPoP} challenge; empty: no DPoP challenge
     * @param errorInDpop whether the error parameters go in the {@code DPoP} challenge
     * @param resourceMetadata the {@code resource_metadata} URL sent on every 401
     */
    public record Challenges(boolean bearer, List<String> dpopAlgorithms, boolean errorInDpop,
                             Optional<String> resourceMetadata) {
        /** A Bearer challenge alone. */
        public static final Challenges BEARER = new Challenges(true, List.of(), false, Optional.empty());

        public Challenges {
            dpopAlgorithms = List.copyOf(dpopAlgorithms);
            Objects.requireNonNull(resourceMetadata, "resourceMetadata");
            if (!bearer && dpopAlgorithms.isEmpty()) {
                throw new IllegalArgumentException("a challenge offers Bearer, DPoP or both");
            }
        }

        /** True when a {@code DPoP} challenge is offered. */
        public boolean offersDpop() {
            return !dpopAlgorithms.isEmpty();
        }
    }
}
