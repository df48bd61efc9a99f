package com.wixanswers.wfm.historical;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.HistoricalDataTransport;
import com.wixanswers.wfm.calabrio.HistoricalKind;
import com.wixanswers.wfm.cli.HistoricalRunner;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.demo.InteractionGenerator;
import com.wixanswers.wfm.historical.HistoricalMessages.DaySummary;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.testing.RecordingTransport;
import com.wixanswers.wfm.testing.TestDatabase;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The historical orchestrations and activities, replayed in-process against H2, with faults injected. */
class HistoricalOrchestrationTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final TestDatabase db = new TestDatabase();
    private final RecordingTransport recorded = new RecordingTransport();
    private Settings settings;

    @BeforeEach
    void fill() throws SQLException {
        settings = Settings.load(Map.of("SQL_CONNECTION_STRING", db.url()));
        // 60 queues and 70 agents: two chunks of each, the second partly full.
        InteractionGenerator.fill(db.connection(), TestDatabase.TABLE, new InteractionGenerator.Shape(
                DAY.minusDays(1), 3, 4_000, 60, 70, ZoneId.of("UTC"), 3, 11L));
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    /** Fails the requests whose name matches, the first {@code times} times each (forever when negative). */
    private HistoricalDataTransport failing(Predicate<String> names, int times, PeerException.Kind kind) {
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        return (kindOfData, name, body) -> {
            if (names.test(name) && (times < 0
                    || failures.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() <= times)) {
                throw new PeerException("Calabrio historical-data API", kind, kind == PeerException.Kind.REJECTED
                        ? 400 : 503, "Calabrio historical-data API answered HTTP " + (kind == PeerException.Kind
                        .REJECTED ? "400: Unknown queue" : "503"));
            }
            recorded.post(kindOfData, name, body);
        };
    }

    private HistoricalRunner.RunReport run(HistoricalDataTransport transport, LocalDate from, LocalDate to)
            throws InterruptedException {
        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of()))
                .historicalTransport(transport).build()) {
            return HistoricalRunner.run(integration, new DayRange(from, to), 4,
                    DriverClock.virtual(Instant.parse("2026-11-28T02:30:00Z")));
        }
    }

    private DaySummary expectedCounts() throws SQLException {
        StatsDay day = StatsDay.of(DAY, ZoneId.of("UTC"), 60);
        InteractionStatistics statistics = new InteractionStatistics(TestDatabase.TABLE, settings.statistics());
        DaySummary expected = new DaySummary();
        expected.rowsSent.queue = DayRows.queueRows(day, statistics.queueStats(db.connection(), day, null)).size();
        List<AgentWork> work = statistics.agentWork(db.connection(), day, null);
        expected.rowsSent.agent = DayRows.agentRows(work).size();
        expected.rowsSent.agentQueue = DayRows.agentQueueRows(work).size();
        return expected;
    }

    @Test
    void aDayFansOutToChunksOfQueuesAndAgentsAndSendsEveryRow() throws Exception {
        HistoricalRunner.RunReport report = run(recorded, DAY, DAY);
        assertTrue(report.succeeded(), () -> report.run().failureMessage());
        DaySummary summary = report.days().get(0).summary();
        DaySummary expected = expectedCounts();
        assertEquals(60, summary.queues.total);
        assertEquals(60, summary.queues.done);
        assertEquals(70, summary.agents.done);
        assertEquals(60 * 24, summary.rowsSent.queue);
        assertEquals(expected.rowsSent.queue, recorded.rows(HistoricalKind.QUEUE_STATS).size());
        assertEquals(expected.rowsSent.agent, summary.rowsSent.agent);
        assertEquals(expected.rowsSent.agent, recorded.rows(HistoricalKind.AGENT_STATS).size());
        assertEquals(expected.rowsSent.agentQueue, recorded.rows(HistoricalKind.AGENT_QUEUE_STATS).size());
        assertEquals(3, summary.invalidRows.count);
        assertEquals(3, summary.invalidRows.firstIds.size());
        // Every chunk ran as its own sub-orchestration, and replay stayed cheap.
        assertTrue(report.stats().replayEventsPerActivity() < 20, "replay per activity: "
                + report.stats().replayEventsPerActivity());
        assertEquals(60 + 70 + 1, report.stats().activitiesRun());
    }

    @Test
    void chunksRunUnderDeterministicInstanceIds() throws Exception {
        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of()))
                .historicalTransport(recorded).build();
             InProcessDriver driver = new InProcessDriver(integration.workflows(), 2,
                     DriverClock.virtual(Instant.parse("2026-11-28T02:30:00Z")))) {
            HistoricalRuns.start(driver, new DayRange(DAY, DAY));
            driver.awaitCompletion("historical-run-2026-11-27_2026-11-27");
            for (String id : new String[]{"historical-2026-11-27", "historical-2026-11-27-queues-001",
                "historical-2026-11-27-queues-002", "historical-2026-11-27-agents-001",
                "historical-2026-11-27-agents-002"}) {
                assertEquals(InstanceState.Status.COMPLETED, driver.instance(id).orElseThrow().status(), id);
            }
            assertFalse(driver.instance("historical-2026-11-27-queues-003").isPresent());
        }
    }

    @Test
    void aQueueCalabrioRefusesFailsTheDayAfterEveryOtherRowWasSent() throws Exception {
        HistoricalRunner.RunReport report = run(failing(name -> name.contains("/queue-stats/q-003-"), -1,
                PeerException.Kind.REJECTED), DAY, DAY);
        assertFalse(report.succeeded());
        HistoricalRunner.DayReport day = report.days().get(0);
        assertEquals(InstanceState.Status.FAILED, day.status());
        assertTrue(day.error().contains("1 of 60 queues and 0 of 70 agents failed"), day.error());
        assertTrue(day.error().contains("queue q-003: Calabrio historical-data API answered HTTP 400: Unknown queue"),
                day.error());
        // The failed day still reports its progress: every other queue and agent went through.
        assertEquals(59, day.summary().queues.done);
        assertEquals(1, day.summary().queues.failed);
        assertEquals(70, day.summary().agents.done);
        assertEquals(59 * 24, recorded.rows(HistoricalKind.QUEUE_STATS).size());
        assertEquals(expectedCounts().rowsSent.agent, recorded.rows(HistoricalKind.AGENT_STATS).size());
        assertTrue(report.run().failureMessage().contains("1 of 1 days failed: 2026-11-27:"),
                report.run().failureMessage());
    }

    @Test
    void anOutageIsRetriedDurablyAndEveryRowArrives() throws Exception {
        // Two agents' sends fail twice (after the HTTP client's own retries): the third durable attempt passes.
        HistoricalRunner.RunReport report = run(failing(name -> name.contains("/agent-stats/agent-0007-")
                || name.contains("/agent-stats/agent-0042-"), 2, PeerException.Kind.UNAVAILABLE), DAY, DAY);
        assertTrue(report.succeeded(), () -> report.run().failureMessage());
        DaySummary expected = expectedCounts();
        assertEquals(expected.rowsSent.agent, recorded.rows(HistoricalKind.AGENT_STATS).size());
        assertEquals(expected.rowsSent.agent, report.days().get(0).summary().rowsSent.agent);
        assertEquals(60 + 70 + 1 + 4, report.stats().activitiesRun(), "two retries each for two agents");
    }

    @Test
    void anOutageThatOutlastsTheRetriesNamesTheAgent() throws Exception {
        HistoricalRunner.RunReport report = run(failing(name -> name.contains("/agent-queue-stats/agent-0009-"), -1,
                PeerException.Kind.UNAVAILABLE), DAY, DAY);
        HistoricalRunner.DayReport day = report.days().get(0);
        assertEquals(InstanceState.Status.FAILED, day.status());
        assertTrue(day.error().contains("agent agent-0009: Calabrio historical-data API answered HTTP 503"),
                day.error());
        assertEquals(69, day.summary().agents.done);
    }

    @Test
    void aRunOfDaysEndsFailedNamingTheFailedDayAndTheOthersComplete() throws Exception {
        HistoricalRunner.RunReport report = run(failing(name -> name.startsWith("2026-11-26/queue-stats/q-001-"), -1,
                PeerException.Kind.REJECTED), DAY.minusDays(1), DAY);
        assertFalse(report.succeeded());
        assertEquals(InstanceState.Status.FAILED, report.days().get(0).status());
        assertEquals(InstanceState.Status.COMPLETED, report.days().get(1).status());
        assertTrue(report.run().failureMessage().startsWith("1 of 2 days failed: 2026-11-26: 2026-11-26: 1 of"),
                report.run().failureMessage());
    }

    @Test
    void aDayIsItsOutputAndItsCustomStatusShowsProgressPerKind() throws Exception {
        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of()))
                .historicalTransport(recorded).build();
             InProcessDriver driver = new InProcessDriver(integration.workflows(), 2,
                     DriverClock.virtual(Instant.parse("2026-11-28T02:30:00Z")))) {
            driver.start(HistoricalWorkflow.DAY, new HistoricalMessages.DayRequest("2026-11-27"),
                    "historical-2026-11-27");
            InstanceState state = driver.awaitCompletion("historical-2026-11-27");
            DaySummary status = JSON.readValue(state.customStatus(), DaySummary.class);
            assertEquals(60, status.queues.done);
            assertEquals(60, status.queues.total);
            assertEquals(0, status.queues.failed);
            assertEquals(70, status.agents.done);
            DaySummary output = JSON.readValue(state.output(), DaySummary.class);
            assertEquals(status.rowsSent.agentQueue, output.rowsSent.agentQueue);
        }
    }
}
