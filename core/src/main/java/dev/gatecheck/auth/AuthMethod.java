package dev.gatecheck.auth;


/** How an {@link Identity} was established. */
public enum AuthMethod {
    /** A bearer token verified by Gatecheck; servlet auth type {@code BEARER}. */
    TOKEN("BEARER"),
    /** Identity headers forwarded by a gateway whose marker verified. */
    GATEWAY("GATEWAY"),
    /** A webhook sender whose signature verified. */
    WEBHOOK("WEBHOOK");

    private final String authType;

    AuthMethod(String authType) {
        this.authType = authType;
    }

    /** The value adapters report as the authentication scheme ({@code getAuthType()}). */
    public String authType() {
        return authType;
    }
}
