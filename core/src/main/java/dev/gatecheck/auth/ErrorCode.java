package dev.gatecheck.auth;

/** The stable error codes of a {@link Rejection}, each with its HTTP status (DESIGN "Decisions and errors"). */
public enum ErrorCode {
    MISSING_AUTHORIZATION_HEADER("missing_authorization_header", 401),
    INVALID_REQUEST("invalid_request", 400),
    INVALID_TOKEN("invalid_token", 401),
    INVALID_AUDIENCE("invalid_audience", 403),
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    FORBIDDEN("forbidden", 403),
    UNTRUSTED_IDENTITY_HEADERS("untrusted_identity_headers", 401),
    INVALID_SIGNATURE("invalid_signature", 401),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    AUTH_UNAVAILABLE("auth_unavailable", 503),
    /** RFC 9449: a DPoP proof that is missing, malformed, replayed or does not bind the token. */
    INVALID_DPOP_PROOF("invalid_dpop_proof", 401),
    /** RFC 9470 step-up: the route's {@code acr} or {@code max-age} is not met. */
    INSUFFICIENT_USER_AUTHENTICATION("insufficient_user_authentication", 401);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The code as it appears in the JSON body, e.g. {@code invalid_token}. */
    public String code() {
        return code;
    }

    /** The HTTP status sent with this code. */
    public int status() {
        return status;
    }
}
