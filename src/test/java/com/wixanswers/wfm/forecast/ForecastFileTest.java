package com.wixanswers.wfm.forecast;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The forecast file on the days the clocks change, byte for byte, at 15, 30 and 60 minutes, in a European and an
 * American zone: Calabrio's importer expands an ambiguous local time into both its intervals at every length, so each
 * local time is written once (mean tasks); the spring-forward gap's times are never written.
 */
class ForecastFileTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** {@code count} intervals of one length from {@code firstUtc}, the n-th with n tasks, 100 s and 10 s. */
    private static String file(ZoneId zone, LocalDate day, String firstUtc, int minutes, int count) throws IOException {
        List<ForecastRow> rows = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            rows.add(new ForecastRow("S", Instant.parse(firstUtc).plusSeconds(index * minutes * 60L), minutes,
                    BigDecimal.valueOf(index + 1), new BigDecimal("100"), new BigDecimal("10"), null));
        }
        StringWriter out = new StringWriter();
        int lines = new ForecastFile(zone, ',').write(out, "S", List.of(new ForecastDays.Day(day, rows)));
        assertEquals(out.toString().split("\r\n").length, lines, "the lines counted are the lines written");
        return out.toString();
    }

    private static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    @Test
    void berlinsFallBackHourIsWrittenOnceAtFifteenMinutes() throws IOException {
        // 02:00 to 02:59 local come twice: 00:00Z to 00:45Z (summer time), then 01:00Z to 01:45Z (winter time).
        assertEquals(lines(
                "S,20261025 01:00,20261025 01:15,1,100,10",
                "S,20261025 01:15,20261025 01:30,2,100,10",
                "S,20261025 01:30,20261025 01:45,3,100,10",
                "S,20261025 01:45,20261025 02:00,4,100,10",
                "S,20261025 02:00,20261025 02:15,7,100,10",
                "S,20261025 02:15,20261025 02:30,8,100,10",
                "S,20261025 02:30,20261025 02:45,9,100,10",
                "S,20261025 02:45,20261025 03:00,10,100,10",
                "S,20261025 03:00,20261025 03:15,13,100,10",
                "S,20261025 03:15,20261025 03:30,14,100,10",
                "S,20261025 03:30,20261025 03:45,15,100,10",
                "S,20261025 03:45,20261025 04:00,16,100,10"),
                file(BERLIN, LocalDate.of(2026, 10, 25), "2026-10-24T23:00:00Z", 15, 16));
    }

    @Test
    void berlinsFallBackHourIsWrittenOnceAtThirtyAndSixtyMinutes() throws IOException {
        assertEquals(lines(
                "S,20261025 01:00,20261025 01:30,1,100,10",
                "S,20261025 01:30,20261025 02:00,2,100,10",
                "S,20261025 02:00,20261025 02:30,4,100,10",
                "S,20261025 02:30,20261025 03:00,5,100,10",
                "S,20261025 03:00,20261025 03:30,7,100,10",
                "S,20261025 03:30,20261025 04:00,8,100,10"),
                file(BERLIN, LocalDate.of(2026, 10, 25), "2026-10-24T23:00:00Z", 30, 8));
        assertEquals(lines(
                "S,20261025 01:00,20261025 02:00,1,100,10",
                "S,20261025 02:00,20261025 03:00,2.5,100,10",
                "S,20261025 03:00,20261025 04:00,4,100,10"),
                file(BERLIN, LocalDate.of(2026, 10, 25), "2026-10-24T23:00:00Z", 60, 4));
    }

    @Test
    void newYorksFallBackHourIsWrittenOnceAtEveryLength() throws IOException {
        // 01:00 to 01:59 local come twice: 05:00Z to 05:45Z (EDT), then 06:00Z to 06:45Z (EST).
        assertEquals(lines(
                "S,20261101 00:00,20261101 00:15,1,100,10",
                "S,20261101 00:15,20261101 00:30,2,100,10",
                "S,20261101 00:30,20261101 00:45,3,100,10",
                "S,20261101 00:45,20261101 01:00,4,100,10",
                "S,20261101 01:00,20261101 01:15,7,100,10",
                "S,20261101 01:15,20261101 01:30,8,100,10",
                "S,20261101 01:30,20261101 01:45,9,100,10",
                "S,20261101 01:45,20261101 02:00,10,100,10",
                "S,20261101 02:00,20261101 02:15,13,100,10",
                "S,20261101 02:15,20261101 02:30,14,100,10",
                "S,20261101 02:30,20261101 02:45,15,100,10",
                "S,20261101 02:45,20261101 03:00,16,100,10"),
                file(NEW_YORK, LocalDate.of(2026, 11, 1), "2026-11-01T04:00:00Z", 15, 16));
        assertEquals(lines(
                "S,20261101 00:00,20261101 00:30,1,100,10",
                "S,20261101 00:30,20261101 01:00,2,100,10",
                "S,20261101 01:00,20261101 01:30,4,100,10",
                "S,20261101 01:30,20261101 02:00,5,100,10",
                "S,20261101 02:00,20261101 02:30,7,100,10",
                "S,20261101 02:30,20261101 03:00,8,100,10"),
                file(NEW_YORK, LocalDate.of(2026, 11, 1), "2026-11-01T04:00:00Z", 30, 8));
        assertEquals(lines(
                "S,20261101 00:00,20261101 01:00,1,100,10",
                "S,20261101 01:00,20261101 02:00,2.5,100,10",
                "S,20261101 02:00,20261101 03:00,4,100,10"),
                file(NEW_YORK, LocalDate.of(2026, 11, 1), "2026-11-01T04:00:00Z", 60, 4));
    }

    @Test
    void theSpringForwardGapIsNeverWrittenAndTheIntervalBeforeItEndsWhereTheClockResumes() throws IOException {
        // Berlin 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00Z.
        assertEquals(lines(
                "S,20260329 01:00,20260329 01:15,1,100,10",
                "S,20260329 01:15,20260329 01:30,2,100,10",
                "S,20260329 01:30,20260329 01:45,3,100,10",
                "S,20260329 01:45,20260329 03:00,4,100,10",
                "S,20260329 03:00,20260329 03:15,5,100,10",
                "S,20260329 03:15,20260329 03:30,6,100,10"),
                file(BERLIN, LocalDate.of(2026, 3, 29), "2026-03-29T00:00:00Z", 15, 6));
        // New York 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00Z.
        assertEquals(lines(
                "S,20260308 01:00,20260308 01:30,1,100,10",
                "S,20260308 01:30,20260308 03:00,2,100,10",
                "S,20260308 03:00,20260308 03:30,3,100,10"),
                file(NEW_YORK, LocalDate.of(2026, 3, 8), "2026-03-08T06:00:00Z", 30, 3));
    }
}
