package dev.gatecheck.config;

/** What happens to a CORS preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}). */
public enum Preflight {
    /** Let it pass without authentication (browsers never send credentials on a preflight). */
    SKIP,
    /** Authenticate it like any other request. */
    AUTHENTICATE
}
