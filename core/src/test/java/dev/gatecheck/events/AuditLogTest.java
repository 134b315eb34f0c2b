package dev.gatecheck.events;

import static dev.gatecheck.testing.GatewayFixtures.NOW;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_ISSUER;
import static dev.gatecheck.testing.GatewayFixtures.TOKEN_PATH;
import static dev.gatecheck.testing.GatewayFixtures.bearerToken;
import static dev.gatecheck.testing.GatewayFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatecheck.Gatecheck;
import dev.gatecheck.config.GatewayConfig;
import dev.gatecheck.testing.GatewayFixtures;
import dev.gatecheck.testing.MutableClock;
import dev.gatecheck.testing.TestKeys;
import dev.gatecheck.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

/**
 * The audit line, as SLF4J 2 events captured where a backend would receive them (a logger that takes whole events,
 * as Logback and Log4j 2 do): its fields, their absence when empty, the levels, the hashed subject, and that neither
 * the token nor a header value is ever in it.
 */
class AuditLogTest {
    private final MutableClock clock = new MutableClock(NOW);
    private final Recording logger = new Recording(Level.TRACE);
    private final List<Gatecheck> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(Gatecheck::close);
    }

    @Test
    void anAllowedRequestIsOneDebugLineWithTheCallerFields() {
        Gatecheck gatecheck = engine(new AuditLog(AuditLog.builder(), logger));
        String token = Tokens.signWithKid("RS256", GatewayFixtures.TOKEN_KEY.getPrivate(), "token-key",
                Tokens.claims(TOKEN_ISSUER, "alice", "api", NOW.getEpochSecond(), 300, "\"jti\":\"id-42\""));

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(token).peerAddress("192.0.2.7")
                .build());

        LoggingEvent line = onlyLine();
        assertThat(line.getLevel()).as("level of an allowed request").isEqualTo(Level.DEBUG);
        assertThat(line.getLoggerName()).as("logger").isEqualTo("dev.gatecheck.audit");
        assertThat(fields(line)).as("fields").containsExactly(Map.entry("outcome", "allow"),
                Map.entry("route", "token"), Map.entry("method", "token"), Map.entry("iss", TOKEN_ISSUER),
                Map.entry("sub", "alice"), Map.entry("jti", "id-42"), Map.entry("kid", "token-key"), Map.entry("peer", "192.0.2.7"));
    }

    @Test
    void aDenialIsOneInfoLineWithItsCodeAndReasonAndNeverTheToken() {
        Gatecheck gatecheck = engine(new AuditLog(AuditLog.builder(), logger));
        String token = bearerToken("alice");
        int signature = token.lastIndexOf('.') + 1;
        String forged = token.substring(0, signature) + "AAAA" + token.substring(signature + 4);

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of("X-User-ID", "header-marker-31c7"))
                .bearer(forged).build());

        LoggingEvent line = onlyLine();
        assertThat(line.getLevel()).as("level of a denial").isEqualTo(Level.INFO);
        assertThat(fields(line)).as("fields").containsExactly(Map.entry("outcome", "deny"),
                Map.entry("code", "invalid_token"), Map.entry("reason", "bad_signature"), Map.entry("route", "token"));
        String everything = line.getMessage() + fields(line) + line.getArguments();
        for (String part : forged.split("\\.")) {
            assertThat(everything).as("the audit line holds no part of the token").doesNotContain(part);
        }
        assertThat(everything).as("the audit line holds no header value").doesNotContain("header-marker-31c7");
    }

    @Test
    void subjectsAreLoggedAsASaltedHashWhenAsked() throws Exception {
        byte[] salt = TestKeys.hmacSecret();
        Gatecheck gatecheck = engine(new AuditLog(AuditLog.builder().hashSubjects(salt), logger));

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(bearerToken("alice")).build());

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] hash = mac.doFinal("alice".getBytes(StandardCharsets.UTF_8));
        String expected = java.util.HexFormat.of().formatHex(hash, 0, 16);
        assertThat(fields(onlyLine()).get("sub")).as("sub as HMAC-SHA256(salt, sub), 16 bytes in hex")
                .isEqualTo(expected);
    }

    @Test
    void levelsAreConfigurableAndLinesBelowTheLoggersLevelAreNotBuilt() {
        Recording infoOnly = new Recording(Level.INFO);
        Gatecheck gatecheck = engine(new AuditLog(AuditLog.builder(), infoOnly),
                new AuditLog(AuditLog.builder().allowLevel(Level.INFO).denyLevel(Level.WARN), logger));

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(bearerToken("alice")).build());
        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).build());

        assertThat(infoOnly.lines).as("lines of the default levels on an INFO logger: the denial only")
                .extracting(LoggingEvent::getLevel).containsExactly(Level.INFO);
        assertThat(logger.lines).as("lines with allow=INFO, deny=WARN").extracting(LoggingEvent::getLevel)
                .containsExactly(Level.INFO, Level.WARN);
    }

    @Test
    void aClaimValueIsKeptOnOneLine() {
        Gatecheck gatecheck = engine(new AuditLog(AuditLog.builder(), logger));
        String token = Tokens.signWithKid("RS256", GatewayFixtures.TOKEN_KEY.getPrivate(), "token-key",
                Tokens.claims(TOKEN_ISSUER, "alice", "api", NOW.getEpochSecond(), 300, "\"jti\":\"a\\nforged line\""));

        gatecheck.authenticate(request("GET", TOKEN_PATH, null, Map.of()).bearer(token).build());

        assertThat(fields(onlyLine()).get("jti")).as("a jti with a line feed").isEqualTo("a?forged line");
    }

    @Test
    void aShortSaltIsRefused() {
        assertThatThrownBy(() -> AuditLog.builder().hashSubjects(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void theDefaultAuditLogWritesToTheAuditLogger() {
        assertThat(AuditLog.LOGGER).isEqualTo("dev.gatecheck.audit");
        assertThat(AuditLog.create()).as("an audit log with the defaults").isNotNull();
    }

    // ---------------------------------------------------------------- helpers

    private Gatecheck engine(AuditLog... logs) {
        var config = GatewayFixtures.config(clock).gateway(g -> g.markers(GatewayConfig.Marker.HMAC)
                .hmacKey("gw", GatewayFixtures.randomBytes(32)));
        for (AuditLog log : logs) {
            config.listener(log);
        }
        Gatecheck gatecheck = Gatecheck.create(config.build());
        engines.add(gatecheck);
        return gatecheck;
    }

    private LoggingEvent onlyLine() {
        assertThat(logger.lines).as("audit lines").hasSize(1);
        return logger.lines.get(0);
    }

    private static Map<String, Object> fields(LoggingEvent line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (KeyValuePair pair : line.getKeyValuePairs()) {
            fields.put(pair.key, pair.value);
        }
        return fields;
    }

    /** An SLF4J logger that keeps the whole events it receives, enabled from {@code threshold} up. */
    private static final class Recording extends LegacyAbstractLogger implements LoggingEventAware {
        private static final long serialVersionUID = 1L;
        private final transient List<LoggingEvent> lines = new ArrayList<>();
        private final Level threshold;

        Recording(Level threshold) {
            this.threshold = threshold;
            this.name = AuditLog.LOGGER;
        }

        @Override
        public void log(LoggingEvent event) {
            lines.add(event);
        }

        private boolean enabled(Level level) {
            return level.toInt() >= threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                                                   Object[] arguments, Throwable throwable) {
            throw new AssertionError("the audit log writes whole events, not " + messagePattern);
        }
    }
}
