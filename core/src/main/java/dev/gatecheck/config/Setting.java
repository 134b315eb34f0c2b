package dev.gatecheck.config;

import java.util.function.Function;

/**
 * One setting of a configuration builder: its key, its documented default, and whether it was given. A setting is
 * given once: a second call or {@code null} fails at once, naming the key, so a typo or a layering mistake cannot
 * silently replace a rule. Presets fill what was not given ({@link #defaultTo}).
 */
final class Setting<T> {
    private final String key;
    private T value;
    private boolean given;

    Setting(String key, T defaultValue) {
        this.key = key;
        this.value = defaultValue;
    }

    /** A setting without a default. */
    static <T> Setting<T> required(String key) {
        return new Setting<>(key, null);
    }

    /** Gives the value, checked by {@code check} (which throws a {@link ConfigException} naming the key). */
    void set(T newValue) {
        if (newValue == null) {
            throw new ConfigException(key, "must not be null; to keep the default, leave it out");
        }
        if (given) {
            throw new ConfigException(key, "is set twice; give each setting once");
        }
        value = newValue;
        given = true;
    }

    /** Gives {@code raw} as converted by {@code convert}. */
    <R> void set(R raw, Function<R, T> convert) {
        if (raw == null) {
            throw new ConfigException(key, "must not be null; to keep the default, leave it out");
        }
        set(convert.apply(raw));
    }

    /** The value a preset brings, kept only when none was given. */
    void defaultTo(T presetValue) {
        if (!given) {
            value = presetValue;
        }
    }

    /** The value given, else the default (may be null for a setting without one). */
    T get() {
        return value;
    }

    /** True when the value was given. */
    boolean given() {
        return given;
    }

    /** The configuration key, for messages. */
    String key() {
        return key;
    }
}
