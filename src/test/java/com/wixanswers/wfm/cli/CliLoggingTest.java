package com.wixanswers.wfm.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CliLoggingTest {
    private final CliLogging.LineFormat format = new CliLogging.LineFormat(ZoneOffset.UTC);

    @Test
    void aLineOnTheMinuteStillShowsItsSeconds() {
        LogRecord record = new LogRecord(Level.INFO, "historical-{0}: 500 queues");
        record.setParameters(new Object[]{"2026-11-02"});
        record.setInstant(Instant.parse("2026-12-02T11:59:00.004Z"));

        assertEquals("11:59:00 INFO historical-2026-11-02: 500 queues" + System.lineSeparator(),
                format.format(record));
    }

    @Test
    void aFailureIsNamedAfterTheMessage() {
        LogRecord record = new LogRecord(Level.WARNING, "tick failed");
        record.setInstant(Instant.parse("2026-12-02T08:07:06Z"));
        record.setThrown(new IllegalStateException("Wix Answers did not answer"));

        assertEquals("08:07:06 WARNING tick failed (java.lang.IllegalStateException: Wix Answers did not answer)"
                + System.lineSeparator(), format.format(record));
    }
}
