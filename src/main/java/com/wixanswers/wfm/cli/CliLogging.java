package com.wixanswers.wfm.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per log record on stderr, so stdout stays the command's report. */
final class CliLogging {
    private CliLogging() {
    }

    static void configure(Level level) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
            }
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(level);
        console.setFormatter(new LineFormat(ZoneId.systemDefault()));
        root.addHandler(console);
        root.setLevel(level);
        // durabletask logs each replayed orchestrator failure at WARNING; the driver reports them itself.
        Logger.getLogger("com.microsoft.durabletask").setLevel(Level.SEVERE);
    }

    /** {@code 12:00:00 INFO message}: the record's own time, its seconds always shown, so lines line up. */
    static final class LineFormat extends Formatter {
        private final DateTimeFormatter time;

        LineFormat(ZoneId zone) {
            time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        }

        @Override
        public String format(LogRecord record) {
            String thrown = record.getThrown() == null ? "" : " (" + record.getThrown() + ")";
            return time.format(record.getInstant()) + " " + record.getLevel() + " " + formatMessage(record) + thrown
                    + System.lineSeparator();
        }
    }
}
