package dev.gatecheck.config;

import static dev.gatecheck.testing.FuzzInput.latin1;
import static dev.gatecheck.testing.FuzzInput.preview;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatecheck.testing.LogCapture;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Fuzzes the configuration loader ({@link GatecheckConfig#fromMap}) over arbitrary keys and values, read as a
 * properties file: only a {@link ConfigException} may come out, and no secret value decides what its message or any
 * log line says. That is checked by loading a second time with every secret disguised (each letter and digit
 * shifted, so its length, alphabet and format stay): the outcome must read exactly the same. Seeds:
 * {@code src/test/resources/dev/gatecheck/config/ConfigFuzzTestInputs}.
 */
class ConfigFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    /** The keys whose values are secrets: HMAC secrets, gateway keys and shared secrets, webhook secrets. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            "gatecheck\\.(.+\\.)?(hmac-secret|hmac\\.keys|shared-secret\\.values|secrets)");
    /** Key sources that start fetching over the network when built: the key source tests cover them. */
    private static final Pattern REMOTE_KEY = Pattern.compile(".*\\.(jwks-uri|discovery|key-url|preset)");

    /** The loader's outcome as an operator sees it: the exception message (empty when valid) and the log lines. */
    private record Outcome(String error, List<String> log) {
    }

    @FuzzTest
    void refusesOnlyWithAConfigExceptionThatNoSecretShapes(byte[] data) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(latin1(data)));
        } catch (IOException | IllegalArgumentException notAPropertiesFile) {
            return;
        }
        Map<String, String> keys = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (!REMOTE_KEY.matcher(key).matches() && readsNoFileElsewhere(key, value)) {
                keys.put(key, value);
            }
        }
        Outcome outcome = load(keys);
        assertThat(load(disguised(keys))).as("outcome with the secrets of %s disguised", preview(latin1(data)))
                .isEqualTo(outcome);
    }

    private static Outcome load(Map<String, String> keys) {
        try (LogCapture log = LogCapture.start()) {
            String error = "";
            try {
                GatecheckConfig.fromMap(keys, CLOCK);
            } catch (ConfigException refused) {
                error = refused.getMessage();
            }
            return new Outcome(error, log.lines());
        }
    }

    /**
     * False for a file location outside the working directory: the fuzzer must not read devices such as
     * {@code /dev/zero} or the test JVM's standard input. A bare name (or {@code file:} and a bare name) is kept.
     */
    private static boolean readsNoFileElsewhere(String key, String value) {
        String v = value.trim();
        boolean location = v.startsWith("file:")
                || (key.endsWith("public-key-location") && !v.startsWith("classpath:"));
        return !location || !(v.contains("/") || v.contains("\\"));
    }

    private static Map<String, String> disguised(Map<String, String> keys) {
        Map<String, String> copy = new TreeMap<>(keys);
        copy.replaceAll((key, value) -> SECRET_KEY.matcher(key).matches() && !value.trim().startsWith("file:")
                ? disguise(value, key.endsWith("hmac.keys")) : value);
        return copy;
    }

    /**
     * {@code secrets} (a comma-separated list) with every letter and digit shifted by one, except a {@code whsec_}
     * prefix (after what the loader trims) and, in {@code keyid:secret} pairs, the key id.
     */
    private static String disguise(String secrets, boolean pairs) {
        List<String> elements = new ArrayList<>();
        for (String element : secrets.split(",", -1)) {
            int prefix = element.indexOf("whsec_");
            int keep = pairs ? element.indexOf(':') + 1
                    : prefix >= 0 && element.substring(0, prefix).trim().isEmpty() ? prefix + "whsec_".length() : 0;
            elements.add(element.substring(0, keep) + shift(element.substring(keep)));
        }
        return String.join(",", elements);
    }

    private static String shift(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c == 'z' ? 'a' : c == 'Z' ? 'A' : c == '9' ? '0'
                    : (c >= 'a' && c < 'z') || (c >= 'A' && c < 'Z') || (c >= '0' && c < '9') ? (char) (c + 1) : c);
        }
        return out.toString();
    }
}
