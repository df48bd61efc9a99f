package com.wixanswers.wfm.logging;

import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Hands what the app's classes log (their {@code java.util.logging} loggers under {@code com.wixanswers.wfm}) to the
 * logger of the function invocation running on this thread, bound by the function's middleware: in Azure the Java
 * worker forwards only that logger's lines to Application Insights with the function's name, the invocation and the
 * level; what goes to standard error arrives as console output with a guessed level. With no invocation bound (the
 * CLI's own lines, start-up), records go to the root logger's handlers as before. Plain Java: no Azure types.
 */
public final class InvocationLog {
    static final String APP = "com.wixanswers.wfm";
    private static final ThreadLocal<Logger> INVOCATION = new ThreadLocal<>();
    /** Held, so that the LogManager never drops the configured logger. */
    private static final Logger APP_LOGGER = Logger.getLogger(APP);

    static {
        APP_LOGGER.setUseParentHandlers(false);
        APP_LOGGER.addHandler(new Forward());
    }

    private InvocationLog() {
    }

    /** The binding of an invocation's logger to this thread; closing it restores what was bound before. */
    public static final class Binding implements AutoCloseable {
        private final Logger before;

        private Binding(Logger before) {
            this.before = before;
        }

        @Override
        public void close() {
            if (before == null) {
                INVOCATION.remove();
            } else {
                INVOCATION.set(before);
            }
        }
    }

    /**
     * Binds the invocation's logger to this thread until the binding is closed. The logger must not be one of the
     * app's own (under {@code com.wixanswers.wfm}), whose records this very handler forwards.
     */
    public static Binding bind(Logger invocationLogger) {
        if (invocationLogger.getName() != null && invocationLogger.getName().startsWith(APP)) {
            throw new IllegalArgumentException("an invocation's logger cannot be an app logger: "
                    + invocationLogger.getName());
        }
        Logger before = INVOCATION.get();
        INVOCATION.set(invocationLogger);
        return new Binding(before);
    }

    /** {@code work} as it runs on another thread (a pool's), bound to this thread's invocation, if any. */
    public static <T> Supplier<T> carried(Supplier<T> work) {
        Logger invocation = INVOCATION.get();
        return () -> {
            if (invocation == null) {
                return work.get();
            }
            try (Binding ignored = bind(invocation)) {
                return work.get();
            }
        };
    }

    /** Sends each app record to the bound invocation's logger, else to the root logger's handlers. */
    private static final class Forward extends Handler {
        @Override
        public void publish(LogRecord record) {
            // The record names its caller lazily, from the stack: ask now, or it would name this handler.
            record.getSourceClassName();
            Logger invocation = INVOCATION.get();
            if (invocation != null) {
                invocation.log(record);
                return;
            }
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                handler.publish(record);
            }
        }

        @Override
        public void flush() {
            // records are handed on at once
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
