package dev.gatecheck.events;

import dev.gatecheck.auth.Identity;
import dev.gatecheck.internal.httpsig.HmacSigning;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A listener that writes one structured line per decision on the logger {@value #LOGGER}, through SLF4J 2's
 * key-value API, so that a JSON encoder (Logback's, Log4j 2's) renders each as a field: {@code outcome},
 * {@code code}, {@code reason}, {@code route}, {@code method}, {@code iss}, {@code sub} (optionally a salted hash),
 * {@code jti}, {@code kid}, {@code marker}, {@code peer}; fields without a value are left out. Denials are logged at
 * INFO and allowed requests at DEBUG unless {@link Builder} says otherwise. It never logs a token, a secret, a
 * signature or any header value.
 *
 * <pre>{@code GatecheckConfig.builder()...listener(AuditLog.create())}</pre>
 */
public final class AuditLog implements GatecheckListener {
    /** The logger name of the audit lines. */
    public static final String LOGGER = "dev.gatecheck.audit";
    /** Longer claim values are cut here: an audit line stays a line. */
    private static final int MAX_VALUE_LENGTH = 256;

    private final Logger logger;
    private final Level allowLevel;
    private final Level denyLevel;
    private final Optional<ThreadLocal<Mac>> subjectHash;

    AuditLog(Builder builder, Logger logger) {
        this.logger = logger;
        this.allowLevel = builder.allowLevel;
        this.denyLevel = builder.denyLevel;
        this.subjectHash = Optional.ofNullable(builder.salt)
                .map(salt -> ThreadLocal.withInitial(() -> HmacSigning.mac(salt)));
    }

    /** An audit log with the defaults: denials at INFO, allowed requests at DEBUG, subjects as they are. */
    public static AuditLog create() {
        return builder().build();
    }

    /** Starts an audit log with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onDecision(Decided event) {
        Level level = event.outcome() == Outcome.ALLOW ? allowLevel : denyLevel;
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        LoggingEventBuilder line = logger.atLevel(level).addKeyValue("outcome", event.outcome().key());
        event.code().ifPresent(code -> line.addKeyValue("code", code.code()));
        event.reason().ifPresent(reason -> line.addKeyValue("reason", reason));
        line.addKeyValue("route", event.route());
        event.method().ifPresent(method -> line.addKeyValue("method", method.name().toLowerCase(Locale.ROOT)));
        event.issuer().ifPresent(iss -> line.addKeyValue("iss", clean(iss)));
        event.identity().map(Identity::subject).filter(sub -> !sub.isEmpty())
                .ifPresent(sub -> line.addKeyValue("sub", subject(sub)));
        event.identity().flatMap(identity -> identity.claim("jti")).filter(String.class::isInstance)
                .ifPresent(jti -> line.addKeyValue("jti", clean((String) jti)));
        event.identity().flatMap(Identity::keyId).ifPresent(kid -> line.addKeyValue("kid", clean(kid)));
        event.marker().ifPresent(marker -> line.addKeyValue("marker", marker));
        event.peer().ifPresent(peer -> line.addKeyValue("peer", clean(peer)));
        line.log(event.outcome() == Outcome.ALLOW ? "request allowed" : "request denied");
    }

    /** The subject, or its salted hash: the first 16 bytes of HMAC-SHA256(salt, subject), in hex. */
    private String subject(String subject) {
        return subjectHash.map(mac -> HexFormat.of().formatHex(
                mac.get().doFinal(subject.getBytes(StandardCharsets.UTF_8)), 0, 16)).orElseGet(() -> clean(subject));
    }

    /** A claim value fit for one line: control characters as {@code ?}, cut at {@value #MAX_VALUE_LENGTH}. */
    private static String clean(String value) {
        String cut = value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** Builds an {@link AuditLog}. */
    public static final class Builder {
        private Level allowLevel = Level.DEBUG;
        private Level denyLevel = Level.INFO;
        private byte[] salt;

        private Builder() {
        }

        /** The level of allowed requests' lines (DEBUG). */
        public Builder allowLevel(Level level) {
            this.allowLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /** The level of denials' lines (INFO). */
        public Builder denyLevel(Level level) {
            this.denyLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * Logs {@code sub} as a salted hash instead of the subject: the same subject always gives the same value, so
         * lines can be grouped by caller without naming them. {@code salt} is a secret of at least 16 bytes.
         */
        public Builder hashSubjects(byte[] salt) {
            if (Objects.requireNonNull(salt, "salt").length < 16) {
                throw new IllegalArgumentException("the subject salt needs at least 16 bytes");
            }
            this.salt = salt.clone();
            return this;
        }

        /** The audit log, writing to the logger {@value AuditLog#LOGGER}. */
        public AuditLog build() {
            return new AuditLog(this, LoggerFactory.getLogger(LOGGER));
        }
    }
}
