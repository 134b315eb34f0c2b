package dev.gatecheck.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what Gatecheck logs through slf4j-jdk14 (JUL) while open: everything under {@code dev.gatecheck}
 * ({@link #start()}, every level) or what one class logs ({@link #of(Class)}). Lines read
 * {@code <logger> <LEVEL>: <formatted message>} followed by {@code | <throwable>} for each cause.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger gatecheck = Logger.getLogger("dev.gatecheck"); // held strongly: JUL keeps loggers weakly
    private final Level previous;
    private final Logger root = Logger.getLogger("");
    private final String loggerPrefix;
    private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().startsWith(loggerPrefix)) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String loggerPrefix) {
        this.loggerPrefix = loggerPrefix;
        previous = gatecheck.getLevel();
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        gatecheck.setLevel(Level.ALL);
    }

    /** Captures every Gatecheck logger, every level. */
    public static LogCapture start() {
        return new LogCapture("dev.gatecheck");
    }

    /** Captures what {@code type} logs. */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName());
    }

    /** Every captured line at {@code level} or above. */
    public List<String> lines(Level level) {
        SimpleFormatter formatter = new SimpleFormatter();
        List<String> lines = new ArrayList<>();
        for (LogRecord record : records) {
            if (record.getLevel().intValue() < level.intValue()) {
                continue;
            }
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + ": "
                    + formatter.formatMessage(record));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Every captured line. */
    public List<String> lines() {
        return lines(Level.ALL);
    }

    /** Every captured line (any level). */
    public List<String> all() {
        return lines();
    }

    /** The WARN lines so far. */
    public List<String> warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING)
                .map(r -> new SimpleFormatter().formatMessage(r)).toList();
    }

    /** The WARN lines so far that contain {@code fragment}. */
    public List<String> warningsContaining(String fragment) {
        return warnings().stream().filter(w -> w.contains(fragment)).toList();
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void close() {
        gatecheck.setLevel(previous);
        root.removeHandler(handler);
    }
}
