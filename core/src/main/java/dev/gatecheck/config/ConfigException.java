package dev.gatecheck.config;

/**
 * An invalid or contradictory configuration. Thrown when the configuration is built, so an application
 * fails at startup instead of running unprotected. The message names the key and never holds a secret.
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The configuration key at fault, e.g. {@code gatecheck.jwt.algorithms}. */
    public String key() {
        return key;
    }
}
