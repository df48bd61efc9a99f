package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.historical.HistoricalMessages.RunRequest;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.workflow.OrchestrationClient;
import com.wixanswers.wfm.workflow.Refusal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Starting an intraday run, for its timer and the CLI alike: the queue statistics of today's local day, for every
 * interval that ended at least INTRADAY_DELAY_MINUTES before the slot, through the very run of days the daily run
 * uses, limited to queues and to those intervals. Each run sends all of today's ended intervals again (a re-send
 * overwrites), so late answers and abandons are picked up; a run in the first hour after local midnight also sends
 * yesterday, whose last intervals ended after the last run of the day. One run per slot, under
 * {@code intraday-<local day>-<slot, UTC>}; a slot whose previous run still runs is skipped, never stacked.
 */
public final class IntradayRuns {
    static final String PREFIX = "intraday-";
    /** A run whose intervals' end falls this soon after local midnight also completes yesterday. */
    static final Duration COMPLETES_YESTERDAY_WITHIN = Duration.ofHours(1);
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("HHmm'Z'").withZone(ZoneOffset.UTC);

    private IntradayRuns() {
    }

    /**
     * One slot's run: {@code endedBy}, the instant its intervals had ended by; the days it sends; its instance id.
     */
    public record Slot(Instant slot, Instant endedBy, DayRange days, String instanceId) {
        RunRequest request() {
            RunRequest request = new RunRequest(days.from().toString(), days.to().toString());
            request.queuesOnly = true;
            request.endedBy = endedBy.toString();
            return request;
        }
    }

    /** The slot of a timer that fired at {@code now} (to the minute), in the statistics zone. */
    public static Slot slot(Instant now, ZoneId zone, int delayMinutes) {
        Instant slot = now.truncatedTo(ChronoUnit.MINUTES);
        Instant endedBy = slot.minus(Duration.ofMinutes(delayMinutes));
        LocalDate today = LocalDate.ofInstant(endedBy, zone);
        boolean justAfterMidnight = endedBy.isBefore(today.atStartOfDay(zone).toInstant()
                .plus(COMPLETES_YESTERDAY_WITHIN));
        DayRange days = new DayRange(justAfterMidnight ? today.minusDays(1) : today, today);
        return new Slot(slot, endedBy, days, PREFIX + today + "-" + SLOT.format(slot));
    }

    /** Starts the slot's run, unless an intraday run still runs: then the refusal names it, and nothing starts. */
    public static Optional<Refusal> start(OrchestrationClient client, Slot slot) {
        Optional<String> running = client.runningWithPrefix(PREFIX);
        if (running.isPresent()) {
            return Optional.of(Refusal.running(running.get()));
        }
        client.start(HistoricalWorkflow.RUN, slot.request(), slot.instanceId());
        return Optional.empty();
    }
}
