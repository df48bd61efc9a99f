package com.wixanswers.wfm.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.historical.HistoricalMessages.DaySummary;
import com.wixanswers.wfm.historical.HistoricalMessages.RunSummary;
import com.wixanswers.wfm.historical.HistoricalRuns;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.historical.IntradayRuns;
import com.wixanswers.wfm.workflow.OrchestrationClient;
import com.wixanswers.wfm.workflow.Refusal;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a historical range in this process: the same {@link HistoricalRuns#start} as the Functions triggers, the
 * same orchestrators and activities, replayed by the {@link InProcessDriver}.
 */
public final class HistoricalRunner {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The runtime status names of the Durable Functions host. */
    private static final Map<InstanceState.Status, String> HOST_STATUS = Map.of(
            InstanceState.Status.RUNNING, "Running", InstanceState.Status.COMPLETED, "Completed",
            InstanceState.Status.FAILED, "Failed", InstanceState.Status.TERMINATED, "Terminated");

    private HistoricalRunner() {
    }

    /**
     * A day as it ended; {@code summary} is its output, or its last progress where its orchestration failed. A day
     * reports its own failures in its output and completes (see HistoricalOrchestrations).
     */
    public record DayReport(String day, InstanceState state, DaySummary summary) {
        public boolean succeeded() {
            return state.status() == InstanceState.Status.COMPLETED && (summary == null || summary.failure == null);
        }

        public String error() {
            return summary != null && summary.failure != null ? summary.failure : state.failureMessage();
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
        return run(integration, range.instanceId(), client -> HistoricalRuns.start(client, range), parallelism, clock);
    }

    /** The intraday run of a slot, the same run of days limited to queues and the intervals ended. */
    public static RunReport run(Integration integration, IntradayRuns.Slot slot, int parallelism, DriverClock clock)
            throws InterruptedException {
        return run(integration, slot.instanceId(), client -> IntradayRuns.start(client, slot), parallelism, clock);
    }

    private static RunReport run(Integration integration, String instanceId,
                                 Function<OrchestrationClient, Optional<Refusal>> start, int parallelism,
                                 DriverClock clock) throws InterruptedException {
        try (InProcessDriver driver = new InProcessDriver(integration.workflows(), parallelism, clock)) {
            Optional<Refusal> refusal = start.apply(driver);
            if (refusal.isPresent()) {
                throw new IllegalStateException(refusal.get().error());
            }
            InstanceState run = driver.awaitCompletion(instanceId);
            RunSummary summary = read(run, RunSummary.class);
            List<DayReport> days = new ArrayList<>();
            for (String instance : summary == null ? List.<String>of() : summary.dayInstances) {
                InstanceState day = driver.instance(instance).orElseThrow(() -> new IllegalStateException(
                        "the run " + run.instanceId() + " names a day it never started: " + instance));
                DaySummary daySummary = read(day, DaySummary.class);
                days.add(new DayReport(daySummary == null ? instance : daySummary.day, day, daySummary));
            }
            return new RunReport(run, days, driver.stats());
        }
    }

    /** An instance's output where it completed, else its last custom status; null when it has neither. */
    private static <T> T read(InstanceState state, Class<T> type) {
        String json = state.status() == InstanceState.Status.COMPLETED ? state.output() : state.customStatus();
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " of " + state.instanceId(), e);
        }
    }

    /**
     * One JSON line per day, then one for the run, as the host stores the instances: {@code instanceId},
     * {@code status}, {@code customStatus}, {@code output}, {@code failure}.
     */
    static void printJson(RunReport report, PrintStream out) {
        for (DayReport day : report.days()) {
            out.println(instanceJson(day.state()));
        }
        out.println(instanceJson(report.run()));
    }

    private static String instanceJson(InstanceState state) {
        ObjectNode line = JSON.createObjectNode();
        line.put("instanceId", state.instanceId());
        line.put("status", HOST_STATUS.get(state.status()));
        line.set("customStatus", tree(state.customStatus()));
        line.set("output", tree(state.output()));
        line.put("failure", state.failureMessage());
        return line.toString();
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? NullNode.getInstance() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary table of {@code calabrio-sync historical}: one line per day, then every failure. */
    static void print(RunReport report, PrintStream out) {
        TextTable table = new TextTable("day", "status", "intervals", "queues", "agents", "queue rows", "agent rows",
                "agent-queue rows", "invalid rows", "failures");
        for (DayReport day : report.days()) {
            DaySummary s = day.summary();
            String status = day.succeeded() ? "completed" : "failed";
            if (s == null) {
                table.row(day.day(), status, "-", "-", "-", "-", "-", "-", "-", "-");
                continue;
            }
            table.row(day.day(), status, s.intervals, s.queues.total, s.agents.total, s.rowsSent.queue,
                    s.rowsSent.agent, s.rowsSent.agentQueue, s.invalidRows.count, s.queues.failed + s.agents.failed);
        }
        table.print(out);
        if (report.days().isEmpty() && !report.succeeded()) {
            out.println(report.run().instanceId() + ": FAILED: " + report.run().failureReason());
        }
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
