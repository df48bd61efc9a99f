package com.wixanswers.wfm.historical;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsDayTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anOrdinaryDayHas24HourlyIntervalsFromLocalMidnight() {
        StatsDay day = StatsDay.of(LocalDate.of(2026, 11, 27), BERLIN, 60);
        assertEquals(Instant.parse("2026-11-26T23:00:00Z"), day.start());
        assertEquals(Instant.parse("2026-11-27T23:00:00Z"), day.end());
        assertEquals(24, day.intervalCount());
        assertEquals(Instant.parse("2026-11-27T08:00:00Z"), day.intervalStart(9));
    }

    @Test
    void springForwardHas23IntervalsAndSkipsNoAbsoluteHour() {
        StatsDay day = StatsDay.of(LocalDate.of(2026, 3, 29), BERLIN, 60);
        assertEquals(23, day.intervalCount());
        // 03:30 CEST is 01:30Z: the third interval, which starts at 01:00Z (interactions.md's own example).
        assertEquals(2, indexOf(day, Instant.parse("2026-03-29T01:30:00Z")));
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), day.intervalStart(2));
        assertEquals(Instant.parse("2026-03-29T21:00:00Z"), day.intervalStart(22));
    }

    @Test
    void fallBackHas25IntervalsAndTellsTheTwoLocal0230sApart() {
        StatsDay day = StatsDay.of(LocalDate.of(2026, 10, 25), BERLIN, 60);
        assertEquals(25, day.intervalCount());
        assertEquals(2, indexOf(day, Instant.parse("2026-10-25T00:30:00Z")), "02:30 CEST");
        assertEquals(3, indexOf(day, Instant.parse("2026-10-25T01:30:00Z")), "02:30 CET");
    }

    @Test
    void quarterAndHalfHourIntervals() {
        LocalDate date = LocalDate.of(2026, 11, 27);
        assertEquals(96, StatsDay.of(date, ZoneId.of("UTC"), 15).intervalCount());
        assertEquals(48, StatsDay.of(date, ZoneId.of("UTC"), 30).intervalCount());
        assertEquals(92, StatsDay.of(LocalDate.of(2026, 3, 29), BERLIN, 15).intervalCount());
        assertEquals(50, StatsDay.of(LocalDate.of(2026, 10, 25), BERLIN, 30).intervalCount());
        StatsDay quarter = StatsDay.of(date, ZoneId.of("UTC"), 15);
        assertEquals(38, indexOf(quarter, Instant.parse("2026-11-27T09:44:59Z")));
        assertEquals(39, indexOf(quarter, Instant.parse("2026-11-27T09:45:00Z")));
    }

    @Test
    void theFirstAndLastSecondBelongToTheDayAndMidnightAfterDoesNot() {
        StatsDay day = StatsDay.of(LocalDate.of(2026, 11, 27), ZoneId.of("UTC"), 60);
        assertEquals(0, indexOf(day, Instant.parse("2026-11-27T00:00:00Z")));
        assertEquals(23, indexOf(day, Instant.parse("2026-11-27T23:59:59Z")));
        assertThrows(IllegalArgumentException.class, () -> indexOf(day, Instant.parse("2026-11-28T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> indexOf(day, Instant.parse("2026-11-26T23:59:59Z")));
    }

    @Test
    void anIntervalPastTheDaysLastOrBeforeItsFirstIsRefused() {
        StatsDay day = StatsDay.of(LocalDate.of(2026, 11, 27), ZoneId.of("UTC"), 60);
        assertEquals(Instant.parse("2026-11-27T23:00:00Z"), day.intervalStart(23));
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> day.intervalStart(24));
        assertEquals("interval 24 is outside 2026-11-27 (24 intervals)", past.getMessage());
        assertThrows(IllegalArgumentException.class, () -> day.intervalStart(-1));
        assertEquals(24, day.intervalStarts().size());
    }

    @Test
    void aHalfHourShiftLeavesAShortLastInterval() {
        // Lord Howe Island moves its clocks by 30 minutes: its spring-forward day lasts 23.5 hours.
        StatsDay day = StatsDay.of(LocalDate.of(2026, 10, 4), ZoneId.of("Australia/Lord_Howe"), 60);
        assertEquals(24, day.intervalCount());
        assertEquals(day.end().minusSeconds(1800), day.intervalStart(23));
    }

    /** The interval of the day holding {@code instant}, found from the interval starts alone. */
    private static int indexOf(StatsDay day, Instant instant) {
        for (int index = 0; index < day.intervalCount(); index++) {
            Instant start = day.intervalStart(index);
            Instant end = index + 1 < day.intervalCount() ? day.intervalStart(index + 1) : day.end();
            if (!instant.isBefore(start) && instant.isBefore(end)) {
                return index;
            }
        }
        throw new IllegalArgumentException(instant + " is outside " + day.date());
    }

    @Test
    void aDayEndedByAnInstantHoldsOnlyItsEndedIntervalsAtEveryLengthAndOnBothClockChanges() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        StatsDay ordinary = StatsDay.of(LocalDate.of(2026, 12, 6), berlin, 60);
        StatsDay byTwoPast = ordinary.endedBy(Instant.parse("2026-12-06T13:05:00Z"));
        assertEquals(14, byTwoPast.intervalCount(), "00:00 to 14:00 local have ended by 14:05");
        assertEquals(Instant.parse("2026-12-06T13:00:00Z"), byTwoPast.end());
        assertEquals(14, ordinary.endedBy(Instant.parse("2026-12-06T13:00:00Z")).intervalCount(),
                "an interval that ends exactly at the instant has ended");
        assertEquals(13, ordinary.endedBy(Instant.parse("2026-12-06T12:59:59Z")).intervalCount());
        assertEquals(0, ordinary.endedBy(Instant.parse("2026-12-05T23:59:00Z")).intervalCount(),
                "before the first interval ends, none");
        assertEquals(ordinary, ordinary.endedBy(Instant.parse("2026-12-07T00:00:00Z")), "once over, the whole day");
        assertEquals(56, StatsDay.of(LocalDate.of(2026, 12, 6), berlin, 15)
                .endedBy(Instant.parse("2026-12-06T13:05:00Z")).intervalCount());
        assertEquals(28, StatsDay.of(LocalDate.of(2026, 12, 6), berlin, 30)
                .endedBy(Instant.parse("2026-12-06T13:05:00Z")).intervalCount());

        // 05:05 CEST on the spring-forward day: 00:00, 01:00, 03:00 and 04:00 local have ended.
        StatsDay spring = StatsDay.of(LocalDate.of(2026, 3, 29), berlin, 60).endedBy(
                Instant.parse("2026-03-29T03:05:00Z"));
        assertEquals(4, spring.intervalCount());
        // 03:05 CET on the fall-back day: 00:00, 01:00, 02:00 (CEST) and 02:00 (CET) local have ended.
        StatsDay fall = StatsDay.of(LocalDate.of(2026, 10, 25), berlin, 60).endedBy(
                Instant.parse("2026-10-25T02:05:00Z"));
        assertEquals(4, fall.intervalCount());
        assertEquals(Instant.parse("2026-10-25T01:00:00Z"), fall.intervalStart(3), "the second 02:00");
    }
}
