package dev.gatecheck.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what one class logs (tests run slf4j over java.util.logging), so a test can assert that a WARN line
 * was written, how often, and that it holds no secret.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger; // held strongly: java.util.logging keeps loggers only weakly
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Class<?> type) {
        this.logger = Logger.getLogger(type.getName());
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Starts recording the log lines of {@code type}. */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type);
    }

    /** The WARN lines so far, formatted. */
    public List<String> warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogCapture::text).toList();
    }

    /** The WARN lines so far that contain {@code fragment}. */
    public List<String> warningsContaining(String fragment) {
        return warnings().stream().filter(w -> w.contains(fragment)).toList();
    }

    /** Every line so far (any level), formatted. */
    public List<String> all() {
        return records.stream().map(LogCapture::text).toList();
    }

    private static String text(LogRecord record) {
        String message = record.getMessage();
        Object[] params = record.getParameters();
        return params == null || params.length == 0 ? message : java.text.MessageFormat.format(message, params);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
