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
import com.wixanswers.wfm.historical.HistoricalMessages.RunSummary;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.testing.RecordingTransport;
import com.wixanswers.wfm.testing.TestDatabase;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.wixanswers.wfm.testing.LogCapture;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
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
    void aRunsDaysAndChunksRunUnderIdsOfThatRun() throws Exception {
        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of()))
                .historicalTransport(recorded).build();
             InProcessDriver driver = new InProcessDriver(integration.workflows(), 2,
                     DriverClock.virtual(Instant.parse("2026-11-28T02:30:00Z")))) {
            HistoricalRuns.start(driver, new DayRange(DAY, DAY));
            InstanceState run = driver.awaitCompletion("historical-run-2026-11-27_2026-11-27");
            RunSummary summary = JSON.readValue(run.output(), RunSummary.class);
            assertEquals(List.of("historical-run-2026-11-27_2026-11-27-20261128T023000Z-day-2026-11-27"), summary.dayInstances);
            // The first queue alone, then the other 59 in chunks of 50; the agents in chunks of 50.
            String day = summary.dayInstances.get(0);
            for (String id : new String[]{day, day + "-queues-001", day + "-queues-002", day + "-queues-003",
                day + "-agents-001", day + "-agents-002"}) {
                assertEquals(InstanceState.Status.COMPLETED, driver.instance(id).orElseThrow().status(), id);
            }
            assertFalse(driver.instance(day + "-queues-004").isPresent());
            assertFalse(driver.instance(day + "-agents-003").isPresent());
        }
    }

    @Test
    void aSuccessfulRunsOutputCountsItsDaysAndTheirRows() throws Exception {
        HistoricalRunner.RunReport report = run(recorded, DAY.minusDays(1), DAY);
        assertTrue(report.succeeded(), () -> report.run().failureMessage());
        RunSummary summary = JSON.readValue(report.run().output(), RunSummary.class);
        assertEquals(2, summary.days);
        assertEquals(2, summary.completed);
        assertEquals(0, summary.failed);
        assertEquals(List.of(), summary.failures);
        assertEquals(recorded.rows(HistoricalKind.QUEUE_STATS).size(), summary.rowsSent.queue);
        assertEquals(recorded.rows(HistoricalKind.AGENT_STATS).size(), summary.rowsSent.agent);
        assertEquals(recorded.rows(HistoricalKind.AGENT_QUEUE_STATS).size(), summary.rowsSent.agentQueue);
        assertEquals(report.days().get(0).summary().rowsSent.queue + report.days().get(1).summary().rowsSent.queue,
                summary.rowsSent.queue);
    }

    @Test
    void aQueueCalabrioRefusesFailsTheDayAfterEveryOtherRowWasSent() throws Exception {
        HistoricalRunner.RunReport report = run(failing(name -> name.contains("/queue-stats/q-003-"), -1,
                PeerException.Kind.REJECTED), DAY, DAY);
        assertFalse(report.succeeded());
        HistoricalRunner.DayReport day = report.days().get(0);
        assertFalse(day.succeeded());
        assertEquals(InstanceState.Status.COMPLETED, day.state().status(), "a day reports its failure in its output");
        assertTrue(day.error().startsWith("1 of 60 queues and 0 of 70 agents failed; the others were sent. "),
                day.error());
        assertTrue(day.error().contains("queue q-003: Calabrio historical-data API answered HTTP 400: Unknown queue"),
                day.error());
        // The failed day still reports its progress: every other queue and agent went through.
        assertEquals(59, day.summary().queues.done);
        assertEquals(1, day.summary().queues.failed);
        assertEquals(70, day.summary().agents.done);
        assertEquals(59 * 24, recorded.rows(HistoricalKind.QUEUE_STATS).size());
        assertEquals(expectedCounts().rowsSent.agent, recorded.rows(HistoricalKind.AGENT_STATS).size());
        assertEquals(HOSTS_FAILURE, report.run().failureMessage(), "what Azure stores for the run's own exception");
        assertEquals("java.lang.RuntimeException", report.run().failureType());
        assertTrue(runStatus(report).failure.startsWith("1 of 1 days failed. 2026-11-27: 1 of 60 queues"),
                runStatus(report).failure);
        assertTrue(runStatus(report).failures.get(0).contains("queue q-003: Calabrio historical-data API answered"
                + " HTTP 400: Unknown queue"), "the day's own cause, in the run's custom status");
    }

    /** What durabletask-azure-functions' middleware makes of an orchestrator's exception, in Azure and here alike. */
    private static final String HOSTS_FAILURE = "Unexpected failure in the task execution";

    private static RunSummary runStatus(HistoricalRunner.RunReport report) throws Exception {
        return JSON.readValue(report.run().customStatus(), RunSummary.class);
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
        assertFalse(day.succeeded());
        assertTrue(day.error().contains("agent agent-0009: Calabrio historical-data API answered HTTP 503"),
                day.error());
        assertEquals(69, day.summary().agents.done);
    }

    @Test
    void aRunOfDaysEndsFailedNamingTheFailedDayAndTheOthersComplete() throws Exception {
        HistoricalRunner.RunReport report = run(failing(name -> name.startsWith("2026-11-26/queue-stats/q-001-"), -1,
                PeerException.Kind.REJECTED), DAY.minusDays(1), DAY);
        assertFalse(report.succeeded());
        assertFalse(report.days().get(0).succeeded());
        assertTrue(report.days().get(1).succeeded());
        assertEquals(HOSTS_FAILURE, report.run().failureMessage());
        RunSummary summary = runStatus(report);
        assertTrue(summary.failure.startsWith("1 of 2 days failed. 2026-11-26: 1 of 60 queues"), summary.failure);
        assertEquals(1, summary.completed);
        assertEquals(1, summary.failed);
        assertEquals(1, summary.failures.size());
    }

    @Test
    void aDayIsItsOutputAndItsCustomStatusShowsProgressPerKind() throws Exception {
        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of()))
                .historicalTransport(recorded).build();
             InProcessDriver driver = new InProcessDriver(integration.workflows(), 2,
                     DriverClock.virtual(Instant.parse("2026-11-28T02:30:00Z")))) {
            driver.start(HistoricalWorkflow.DAY, new HistoricalMessages.DayRequest("2026-11-27"), "a-day");
            InstanceState state = driver.awaitCompletion("a-day");
            DaySummary status = JSON.readValue(state.customStatus(), DaySummary.class);
            assertEquals(60, status.queues.done);
            assertEquals(60, status.queues.total);
            assertEquals(0, status.queues.failed);
            assertEquals(70, status.agents.done);
            DaySummary output = JSON.readValue(state.output(), DaySummary.class);
            assertEquals(status.rowsSent.agentQueue, output.rowsSent.agentQueue);
        }
    }

    @Test
    void aRefusedTenantKeyStopsTheDayAfterOneRequestAndFailsItOnceNamingTheSecret() throws Exception {
        WireMockServer calabrio = new WireMockServer(wireMockConfig().dynamicPort());
        calabrio.start();
        calabrio.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)
                .withBody("{\"Message\":\"Unknown tenant key\"}")));
        settings = Settings.load(Map.of("SQL_CONNECTION_STRING", db.url(), "CALABRIO_BASE_URL", calabrio.baseUrl()));
        String key = "tenant-key-5e8d21c7";
        try (LogCapture logs = new LogCapture();
             Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of(
                     "CALABRIO_HISTORICAL_TENANT_KEY", key, "CALABRIO_DATA_SOURCE_KEY", "ds-4b7a1e"))).build()) {
            HistoricalRunner.RunReport report = HistoricalRunner.run(integration, new DayRange(DAY.minusDays(1), DAY),
                    4, DriverClock.virtual(Instant.parse("2026-11-28T02:30:00Z")));

            assertEquals(2, calabrio.getAllServeEvents().size(), "one request per day");
            for (HistoricalRunner.DayReport day : report.days()) {
                assertFalse(day.succeeded());
                assertTrue(day.error().startsWith("stopped after the first queue, nothing else was sent: "
                        + "Calabrio historical-data API refused the credentials (HTTP 401): check the secret "
                        + "CALABRIO_HISTORICAL_TENANT_KEY"), day.error());
                assertEquals(1, day.summary().queues.failed);
                assertEquals(0, day.summary().queues.done);
                assertTrue(day.summary().stopped.contains("CALABRIO_HISTORICAL_TENANT_KEY"));
            }
            assertEquals(2, count(logs.text(), "not sent: "), "one warning per day");
            assertFalse(logs.text().contains(key));
            assertFalse(report.run().customStatus().contains(key));
            assertTrue(runStatus(report).failures.get(0).contains("CALABRIO_HISTORICAL_TENANT_KEY"),
                    "the secret to check, named at the run's level too");
        } finally {
            calabrio.stop();
        }
    }

    @Test
    void everyQueueAndAgentRefusedKeepsTheDaysStatusAndErrorSmallNamingTheFirstTen() throws Exception {
        String reason = "Calabrio historical-data API answered HTTP 400: " + "an unknown queue, ".repeat(40);
        HistoricalRunner.RunReport report = run((kind, name, body) -> {
            throw new PeerException("Calabrio historical-data API", PeerException.Kind.REJECTED, 400, reason);
        }, DAY, DAY);
        HistoricalRunner.DayReport day = report.days().get(0);
        assertEquals(130, day.summary().queues.failed + day.summary().agents.failed);
        assertEquals(10, day.summary().failures.size());
        assertTrue(day.error().endsWith(" | and 129 more"), day.error());
        assertTrue(day.error().startsWith("60 of 60 queues and 70 of 70 agents failed"), day.error());
        assertTrue(day.error().length() < 4_000, () -> "error of " + day.error().length() + " characters");
        assertTrue(day.state().customStatus().length() < 5_000,
                () -> "custom status of " + day.state().customStatus().length() + " characters");
        assertTrue(runStatus(report).failure.length() < 4_000);
    }

    @Test
    void twoRunsOverlappingOnADayBothCompleteAndTheDayIsSentByEach() throws Exception {
        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of()))
                .historicalTransport(recorded).build();
             InProcessDriver driver = new InProcessDriver(integration.workflows(), 4,
                     DriverClock.virtual(Instant.parse("2026-11-28T02:30:00Z")))) {
            assertTrue(HistoricalRuns.start(driver, new DayRange(DAY.minusDays(1), DAY)).isEmpty());
            // The same range again while it runs is refused; an overlapping range runs beside it.
            assertTrue(HistoricalRuns.start(driver, new DayRange(DAY.minusDays(1), DAY)).isPresent());
            assertTrue(HistoricalRuns.start(driver, new DayRange(DAY, DAY)).isEmpty());
            InstanceState wide = driver.awaitCompletion("historical-run-2026-11-26_2026-11-27");
            InstanceState narrow = driver.awaitCompletion("historical-run-2026-11-27_2026-11-27");
            assertEquals(InstanceState.Status.COMPLETED, wide.status(), wide.failureMessage());
            assertEquals(InstanceState.Status.COMPLETED, narrow.status(), narrow.failureMessage());
            long dayRows = recorded.rows(HistoricalKind.QUEUE_STATS).stream()
                    .filter(row -> row.get("IntervalStart").asText().startsWith("2026-11-27T")).count();
            assertEquals(2 * 60 * 24, dayRows, "the 27th's queue rows, once per run");
        }
    }

    @Test
    void aThirtyOneDayRunKeepsItsStatusSmall() throws Exception {
        HistoricalRunner.RunReport report = run(recorded, DAY.minusDays(30), DAY);
        assertTrue(report.succeeded(), () -> report.run().failureMessage());
        assertEquals(31, report.days().size());
        assertTrue(report.run().customStatus().length() < 3_000,
                () -> "custom status of " + report.run().customStatus().length() + " characters");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
