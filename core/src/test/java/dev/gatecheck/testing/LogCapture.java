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
 * Captures what Gatecheck logs through slf4j-jdk14 (JUL), every level, while open. Lines read
 * {@code <logger> <LEVEL>: <formatted message>} followed by {@code | <throwable>} for each cause.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger gatecheck = Logger.getLogger("dev.gatecheck");
    private final Level previous;
    private final Logger root = Logger.getLogger("");
    private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().startsWith("dev.gatecheck")) {
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

    private LogCapture() {
        previous = gatecheck.getLevel();
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        gatecheck.setLevel(Level.ALL);
    }

    public static LogCapture start() {
        return new LogCapture();
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

    public void clear() {
        records.clear();
    }

    @Override
    public void close() {
        gatecheck.setLevel(previous);
        root.removeHandler(handler);
    }
}
