package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.historical.HistoricalMessages.RunRequest;
import com.wixanswers.wfm.workflow.OrchestrationClient;
import com.wixanswers.wfm.workflow.Refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Starting a historical run, for the daily timer, the HTTP rerun and the CLI alike: which days, whether they
 * may start now, and the start itself. Plain Java; the Functions classes only translate to and from HTTP.
 */
public final class HistoricalRuns {
    /** The longest range one rerun may cover. */
    public static final int MAX_DAYS = 31;

    private HistoricalRuns() {
    }

    /** An inclusive range of local days. */
    public record DayRange(LocalDate from, LocalDate to) {
        public long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }

        public String instanceId() {
            return HistoricalWorkflow.runInstanceId(from, to);
        }
    }

    /** Either a range to run or a refusal. */
    public record Validated(Optional<DayRange> range, Optional<Refusal> refusal) {
        static Validated of(DayRange range) {
            return new Validated(Optional.of(range), Optional.empty());
        }

        static Validated refused(String parameter, String error) {
            return new Validated(Optional.empty(), Optional.of(Refusal.badParameter(parameter, error)));
        }
    }

    /** What the daily timer runs: the last {@code lookbackDays} local days, ending yesterday. */
    public static DayRange scheduledRange(Instant now, ZoneId zone, int lookbackDays) {
        LocalDate yesterday = LocalDate.ofInstant(now, zone).minusDays(1);
        return new DayRange(yesterday.minusDays(lookbackDays - 1L), yesterday);
    }

    /**
     * Validates a rerun's {@code from} and {@code to} (yyyy-MM-dd): real dates, from not after to, at most
     * {@link #MAX_DAYS} days, none after {@code today} (the tenant's local today).
     */
    public static Validated validate(String from, String to, LocalDate today) {
        Optional<LocalDate> fromDate = date(from);
        if (fromDate.isEmpty()) {
            return Validated.refused("from", describe("from", from));
        }
        Optional<LocalDate> toDate = date(to);
        if (toDate.isEmpty()) {
            return Validated.refused("to", describe("to", to));
        }
        DayRange range = new DayRange(fromDate.get(), toDate.get());
        if (range.from().isAfter(range.to())) {
            return Validated.refused("from", "from (" + from + ") is after to (" + to + ")");
        }
        if (range.days() > MAX_DAYS) {
            return Validated.refused("to", "the range covers " + range.days() + " days; at most " + MAX_DAYS
                    + " days can be rerun at once");
        }
        if (range.to().isAfter(today)) {
            return Validated.refused("to", "to (" + to + ") is in the future: today is " + today
                    + " in the statistics time zone");
        }
        return Validated.of(range);
    }

    /**
     * Starts the run unless the same range is running now (then 409). A finished range is simply run again, and a
     * range overlapping a running one runs beside it: its days have ids of their own, and re-sending a day
     * overwrites Calabrio's intervals. The check is racy; a start that slips through is dropped by the backend.
     */
    public static Optional<Refusal> start(OrchestrationClient client, DayRange range) {
        if (client.isRunning(range.instanceId())) {
            return Optional.of(Refusal.running(range.instanceId()));
        }
        client.start(HistoricalWorkflow.RUN, new RunRequest(range.from().toString(), range.to().toString()),
                range.instanceId());
        return Optional.empty();
    }

    private static Optional<LocalDate> date(String value) {
        if (value == null || !value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String describe(String parameter, String value) {
        return value == null || value.isBlank()
                ? "the query parameter " + parameter + " is required (yyyy-MM-dd)"
                : parameter + " (" + value + ") is not a date: use yyyy-MM-dd";
    }
}
