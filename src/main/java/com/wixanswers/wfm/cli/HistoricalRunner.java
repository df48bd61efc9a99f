package com.wixanswers.wfm.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.historical.HistoricalMessages.DaySummary;
import com.wixanswers.wfm.historical.HistoricalRuns;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.workflow.Refusal;
import com.wixanswers.wfm.historical.HistoricalWorkflow;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a historical range in this process: the same {@link HistoricalRuns#start} as the Functions triggers, the
 * same orchestrators and activities, replayed by the {@link InProcessDriver}.
 */
public final class HistoricalRunner {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private HistoricalRunner() {
    }

    /** A day as it ended; {@code summary} is its output, or its last progress where it failed. */
    public record DayReport(String day, InstanceState.Status status, DaySummary summary, String error) {
        public boolean succeeded() {
            return status == InstanceState.Status.COMPLETED;
        }
    }

    /** The run, each day, and what replay cost. */
    public record RunReport(InstanceState run, List<DayReport> days, InProcessDriver.Stats stats) {
        public boolean succeeded() {
            return run.status() == InstanceState.Status.COMPLETED;
        }
    }

    public static RunReport run(Integration integration, DayRange range, int parallelism, DriverClock clock)
            throws InterruptedException {
        try (InProcessDriver driver = new InProcessDriver(integration.workflows(), parallelism, clock)) {
            Optional<Refusal> refusal = HistoricalRuns.start(driver, range);
            if (refusal.isPresent()) {
                throw new IllegalStateException(refusal.get().error());
            }
            InstanceState run = driver.awaitCompletion(range.instanceId());
            List<DayReport> days = new ArrayList<>();
            for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
                String date = day.toString();
                Optional<InstanceState> state = driver.instance(HistoricalWorkflow.dayInstanceId(date));
                days.add(state.map(s -> report(date, s)).orElse(new DayReport(date, InstanceState.Status.FAILED,
                        null, "the day never started: " + run.failureMessage())));
            }
            return new RunReport(run, days, driver.stats());
        }
    }

    private static DayReport report(String day, InstanceState state) {
        String json = state.status() == InstanceState.Status.COMPLETED ? state.output() : state.customStatus();
        DaySummary summary = null;
        if (json != null) {
            try {
                summary = JSON.readValue(json, DaySummary.class);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable day summary of " + state.instanceId(), e);
            }
        }
        return new DayReport(day, state.status(), summary, state.failureMessage());
    }

    /** The summary table of {@code calabrio-sync historical}: one line per day, then every failure. */
    static void print(RunReport report, PrintStream out) {
        TextTable table = new TextTable("day", "status", "queues", "agents", "queue rows", "agent rows",
                "agent-queue rows", "invalid rows", "failures");
        for (DayReport day : report.days()) {
            DaySummary s = day.summary();
            if (s == null) {
                table.row(day.day(), day.status().name().toLowerCase(), "-", "-", "-", "-", "-", "-", "-");
                continue;
            }
            table.row(day.day(), day.status().name().toLowerCase(), s.queues.total, s.agents.total, s.rowsSent.queue,
                    s.rowsSent.agent, s.rowsSent.agentQueue, s.invalidRows.count,
                    s.queues.failed + s.agents.failed);
        }
        table.print(out);
        for (DayReport day : report.days()) {
            if (day.summary() != null && day.summary().invalidRows.count > 0) {
                out.println(day.day() + ": invalid rows left out (first ids): "
                        + String.join(", ", day.summary().invalidRows.firstIds));
            }
            if (!day.succeeded()) {
                out.println(day.day() + ": FAILED: " + day.error());
            }
        }
    }
}
