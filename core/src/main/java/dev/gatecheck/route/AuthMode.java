package dev.gatecheck.route;

import java.util.Locale;
import java.util.Optional;

/** How a route authenticates its callers. */
public enum AuthMode {
    /** No credential needed; a presented token is still verified (a broken one is a 401). */
    PUBLIC,
    /** A valid bearer token is required. */
    TOKEN,
    /** Identity headers from a gateway whose marker verifies are required. */
    GATEWAY,
    /** Gateway identity headers when present, else a bearer token. */
    GATEWAY_OR_TOKEN,
    /** A webhook signature over the body instead of a token. */
    WEBHOOK,
    /** Always 403. */
    DENY;

    /** True for the modes that verify a presented bearer token: public, token and gateway-or-token. */
    public boolean verifiesTokens() {
        return this == PUBLIC || this == TOKEN || this == GATEWAY_OR_TOKEN;
    }

    /** The configuration spelling, e.g. {@code gateway-or-token}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The mode for a configuration value, matched exactly. */
    public static Optional<AuthMode> fromKey(String key) {
        for (AuthMode mode : values()) {
            if (mode.key().equals(key)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
