package dev.gatecheck.test;

/**
 * Tokens with one thing wrong, for an application's own negative tests: each says how Gatecheck answers it, so a
 * parameterized test over {@code Hostile.values()} checks them all.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(Hostile.class)
 * void refusesHostileTokens(Hostile variant) {
 *     HttpResponse<String> response = get("/api/orders", ISSUER.issuer().hostile(variant));
 *     assertEquals(variant.status(), response.statusCode());
 * }
 * }</pre>
 */
public enum Hostile {
    /** Expired an hour ago (well past any allowed clock skew). */
    EXPIRED(401, "invalid_token"),
    /** {@code nbf} an hour from now. */
    NOT_YET_VALID(401, "invalid_token"),
    /** Issued for another audience: a valid token, so 403. */
    WRONG_AUDIENCE(403, "invalid_audience"),
    /** Another {@code iss}. */
    WRONG_ISSUER(401, "invalid_token"),
    /** Signed by another key under the issuer's own {@code kid}. */
    BAD_SIGNATURE(401, "invalid_token"),
    /** {@code "alg":"none"} and no signature. */
    ALG_NONE(401, "invalid_token"),
    /** Signed by another key under a {@code kid} the issuer never published. */
    UNKNOWN_KID(401, "invalid_token");

    private final int status;
    private final String error;

    Hostile(int status, String error) {
        this.status = status;
        this.error = error;
    }

    /** The HTTP status Gatecheck answers this token with on a route that requires a token. */
    public int status() {
        return status;
    }

    /** The {@code error} of Gatecheck's JSON body for this token. */
    public String error() {
        return error;
    }
}
