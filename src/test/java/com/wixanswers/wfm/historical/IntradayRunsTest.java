package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.historical.HistoricalMessages.RunRequest;
import com.wixanswers.wfm.testing.FakeOrchestrationClient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which intervals an intraday slot covers, and that a slot never stacks on a run still running. */
class IntradayRunsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aSlotCoversTodaysIntervalsEndedByItsDelayUnderAnIdOfTheDayAndTheSlot() {
        IntradayRuns.Slot slot = IntradayRuns.slot(Instant.parse("2026-12-06T13:10:42Z"), BERLIN, 5);
        assertEquals(Instant.parse("2026-12-06T13:10:00Z"), slot.slot(), "the timer's minute");
        assertEquals(Instant.parse("2026-12-06T13:05:00Z"), slot.endedBy());
        assertEquals(LocalDate.of(2026, 12, 6), slot.days().from(), "14:10 in Berlin: today only");
        assertEquals(LocalDate.of(2026, 12, 6), slot.days().to());
        assertEquals("intraday-2026-12-06-1310Z", slot.instanceId());
        RunRequest request = slot.request();
        assertTrue(request.queuesOnly, "agent statistics stay with the daily run");
        assertEquals("2026-12-06T13:05:00Z", request.endedBy);
    }

    @Test
    void theFirstHourAfterLocalMidnightAlsoCompletesYesterday() {
        // 00:10 in Berlin (23:10Z): the intervals ended by 00:05 local are yesterday's last ones.
        IntradayRuns.Slot afterMidnight = IntradayRuns.slot(Instant.parse("2026-12-06T23:10:00Z"), BERLIN, 5);
        assertEquals(LocalDate.of(2026, 12, 6), afterMidnight.days().from());
        assertEquals(LocalDate.of(2026, 12, 7), afterMidnight.days().to());
        assertEquals("intraday-2026-12-07-2310Z", afterMidnight.instanceId());
        IntradayRuns.Slot later = IntradayRuns.slot(Instant.parse("2026-12-07T00:10:00Z"), BERLIN, 5);
        assertEquals(later.days().from(), later.days().to(), "01:10 local: today only");
        IntradayRuns.Slot justBefore = IntradayRuns.slot(Instant.parse("2026-12-06T23:04:00Z"), BERLIN, 5);
        assertEquals(LocalDate.of(2026, 12, 6), justBefore.days().to(), "00:04 local with a 5-minute delay: the"
                + " intervals ended by 23:59 of yesterday");
    }

    @Test
    void aSlotWhosePredecessorStillRunsIsSkippedAndLoggedNeverStacked() {
        FakeOrchestrationClient client = new FakeOrchestrationClient();
        client.running.add("intraday-2026-12-06-1255Z-20261206T125500Z-day-2026-12-06");
        List<String> lines = new ArrayList<>();
        Logger log = Logger.getLogger("IntradayRunsTest");
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        HistoricalTriggers triggers = new HistoricalTriggers(BERLIN, 3, Settings.load(Map.of()).historical()
                .intraday(), Clock.fixed(Instant.parse("2026-12-06T13:10:00Z"), ZoneOffset.UTC));
        triggers.startIntradayRun(client, log);
        assertEquals(List.of(), client.started);
        assertEquals(List.of("WARNING intraday timer: slot 2026-12-06T13:10:00Z skipped, not stacked:"
                + " intraday-2026-12-06-1255Z-20261206T125500Z-day-2026-12-06 is running now; wait for it to finish"),
                lines);

        client.running.clear();
        triggers.startIntradayRun(client, log);
        assertEquals(List.of("HistoricalRun intraday-2026-12-06-1310Z"), client.started);
        assertTrue(lines.get(1).startsWith("INFO intraday timer: started intraday-2026-12-06-1310Z"), lines.get(1));
        assertFalse(client.runningWithPrefix("intraday-").isPresent());
    }
}
