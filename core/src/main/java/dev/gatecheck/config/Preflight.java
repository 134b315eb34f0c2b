package dev.gatecheck.config;

/**
 * What happens to a CORS preflight: {@code OPTIONS} with exactly one non-empty {@code Origin}, exactly one
 * {@code Access-Control-Request-Method} naming a registered HTTP method, no body and no credential.
 */
public enum Preflight {
    /**
     * Let it pass anonymously (browsers send no credential on a preflight), except on a {@code deny} route and on a
     * resource with its own access rule (JAX-RS annotations), which always apply.
     */
    SKIP,
    /** Authenticate it like any other request. */
    AUTHENTICATE
}
