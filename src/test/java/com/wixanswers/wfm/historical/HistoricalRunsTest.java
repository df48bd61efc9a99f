package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.historical.HistoricalMessages.RunRequest;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.testing.FakeOrchestrationClient;
import com.wixanswers.wfm.workflow.Refusal;
import com.wixanswers.wfm.workflow.OrchestrationClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoricalRunsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    private static Refusal refusal(String from, String to) {
        return HistoricalRuns.validate(from, to, TODAY).refusal().orElseThrow(() -> new AssertionError("accepted"));
    }

    @Test
    void theDailyRunCoversTheLookbackDaysEndingYesterdayInTheTenantsZone() {
        // 02:30 UTC on the 28th is still the 27th in Los Angeles: its yesterday is the 26th.
        Instant now = Instant.parse("2026-11-28T02:30:00Z");
        assertEquals(new DayRange(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27)),
                HistoricalRuns.scheduledRange(now, ZoneId.of("UTC"), 3));
        assertEquals(new DayRange(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 26)),
                HistoricalRuns.scheduledRange(now, ZoneId.of("America/Los_Angeles"), 3));
        assertEquals(new DayRange(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 27)),
                HistoricalRuns.scheduledRange(now, ZoneId.of("Europe/Berlin"), 1));
    }

    @Test
    void aValidRangeIsAccepted() {
        DayRange range = HistoricalRuns.validate("2026-11-01", "2026-11-28", TODAY).range().orElseThrow();
        assertEquals(28, range.days());
        assertEquals("historical-run-2026-11-01_2026-11-28", range.instanceId());
        assertTrue(HistoricalRuns.validate("2026-10-29", "2026-11-28", TODAY).range().isPresent(), "31 days");
    }

    @Test
    void badRangesAreRefusedNamingTheParameter() {
        assertEquals(new Refusal(400, "from", "from (2026-13-01) is not a date: use yyyy-MM-dd"),
                refusal("2026-13-01", "2026-11-27"));
        assertEquals(new Refusal(400, "to", "to (27.11.2026) is not a date: use yyyy-MM-dd"),
                refusal("2026-11-27", "27.11.2026"));
        assertEquals(new Refusal(400, "from", "the query parameter from is required (yyyy-MM-dd)"),
                refusal(null, "2026-11-27"));
        assertEquals(new Refusal(400, "from", "from (2026-11-27) is after to (2026-11-20)"),
                refusal("2026-11-27", "2026-11-20"));
        assertEquals(new Refusal(400, "to", "the range covers 32 days; at most 31 days can be rerun at once"),
                refusal("2026-10-28", "2026-11-28"));
        assertEquals(new Refusal(400, "to", "to (2026-11-29) is in the future: today is 2026-11-28 in the"
                + " statistics time zone"), refusal("2026-11-27", "2026-11-29"));
        assertEquals(400, refusal("2026-02-30", "2026-03-01").status(), "February 30th");
    }

    @Test
    void aRangeStartsOneRunOrchestrationWithItsDays() {
        FakeOrchestrationClient client = new FakeOrchestrationClient();
        Optional<Refusal> refusal = HistoricalRuns.start(client,
                new DayRange(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27)));
        assertTrue(refusal.isEmpty());
        assertEquals(List.of("HistoricalRun historical-run-2026-11-25_2026-11-27"), client.started);
        RunRequest input = (RunRequest) client.lastInput;
        assertEquals("2026-11-25", input.from);
        assertEquals("2026-11-27", input.to);
    }

    @Test
    void theSameRangeRunningNowIsAConflictAndAnOverlappingOneIsNot() {
        FakeOrchestrationClient client = new FakeOrchestrationClient();
        client.running.add("historical-run-2026-11-25_2026-11-27");
        Refusal refusal = HistoricalRuns.start(client,
                new DayRange(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27))).orElseThrow();
        assertEquals(409, refusal.status());
        assertEquals("historical-run-2026-11-25_2026-11-27 is running now; wait for it to finish", refusal.error());
        assertTrue(client.started.isEmpty());

        assertTrue(HistoricalRuns.start(client,
                new DayRange(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 28))).isEmpty());
        assertEquals(List.of("HistoricalRun historical-run-2026-11-26_2026-11-28"), client.started);
    }
}
