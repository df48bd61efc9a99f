package com.wixanswers.wfm.historical;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.HistoricalDataTransport;
import com.wixanswers.wfm.calabrio.HistoricalKind;
import com.wixanswers.wfm.cli.HistoricalRunner;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.historical.HistoricalMessages.DaySummary;
import com.wixanswers.wfm.historical.HistoricalMessages.RunSummary;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.testing.RecordingTransport;
import com.wixanswers.wfm.testing.TestDatabase;
import com.wixanswers.wfm.workflow.DriverClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The intraday run end to end on H2: today's queue statistics for the intervals ended by the slot's delay, from the
 * table as it stands mid-day, through the daily run's own orchestrations, with the figures the daily run will send.
 */
class IntradayRunTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final TestDatabase db = new TestDatabase();

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private Map<String, String> environment(int intervalMinutes) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SQL_CONNECTION_STRING", db.url());
        environment.put("STATS_TIME_ZONE", BERLIN.getId());
        environment.put("STATS_INTERVAL_MINUTES", Integer.toString(intervalMinutes));
        return environment;
    }

    /** The intraday run of the slot at {@code now}, with these settings, into {@code transport}. */
    private HistoricalRunner.RunReport intraday(String now, Map<String, String> environment,
                                                HistoricalDataTransport transport) throws Exception {
        Settings settings = Settings.load(environment);
        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(environment))
                .historicalTransport(transport).build()) {
            return HistoricalRunner.run(integration, IntradayRuns.slot(Instant.parse(now), settings.statistics()
                    .zone(), settings.historical().intraday().delayMinutes()), 2, DriverClock.virtual(
                    Instant.parse(now)));
        }
    }

    /** The daily run of {@code day}, as tomorrow's timer sends it. */
    private RecordingTransport daily(LocalDate day, Map<String, String> environment) throws Exception {
        RecordingTransport daily = new RecordingTransport();
        try (Integration integration = new Integration.Builder(Settings.load(environment),
                new EnvironmentSecrets(environment)).historicalTransport(daily).build()) {
            assertTrue(HistoricalRunner.run(integration, new DayRange(day, day), 2, DriverClock.virtual(
                    Instant.parse("2026-12-31T02:30:00Z"))).succeeded());
        }
        return daily;
    }

    /** A queue's rows as sent, in interval order. */
    private static List<JsonNode> rowsOf(RecordingTransport transport, String queue) {
        return transport.rows(HistoricalKind.QUEUE_STATS).stream()
                .filter(row -> row.path("QueueId").asText().equals(queue))
                .sorted(java.util.Comparator.comparing(row -> row.path("IntervalStart").asText())).toList();
    }

    @Test
    void at1410TheAnalystSeesTodaysQueuesUpTo1400WithTheFiguresTheDailyRunWillSend() throws Exception {
        // 2026-12-06 in Berlin (UTC+1), hourly intervals.
        db.row().id("done").offered("2026-12-06T08:10:00Z").answered("agent-1", 10, 100, 20).insert();
        db.row().id("talking").offered("2026-12-06T12:50:00Z").answered("agent-1", 5, 60, 0).noEnd().outcome("OPEN")
                .insert();                                                      // in conversation at 14:10
        db.row().id("waiting").offered("2026-12-06T12:58:00Z").outcome("OPEN").noEnd().insert();  // still waiting
        db.row().id("after-the-cut").offered("2026-12-06T13:02:00Z").outcome("OPEN").noEnd().insert();
        db.row().id("outbound").offered("2026-12-06T09:00:00Z").direction("OUTBOUND").answered("agent-2", 1, 30, 0)
                .insert();
        RecordingTransport intraday = new RecordingTransport();
        HistoricalRunner.RunReport report = intraday("2026-12-06T13:10:00Z", environment(60), intraday);
        assertTrue(report.succeeded(), report.run().failureReason());

        assertTrue(intraday.rows(HistoricalKind.AGENT_STATS).isEmpty(), "agent statistics stay daily");
        assertTrue(intraday.rows(HistoricalKind.AGENT_QUEUE_STATS).isEmpty());
        List<JsonNode> sent = rowsOf(intraday, "q-1");
        assertEquals(14, sent.size(), "00:00 to 13:00 local, the intervals ended by 14:05");
        assertEquals("2026-12-06T12:00:00Z", sent.get(13).path("IntervalStart").asText(), "13:00 local, the last");
        JsonNode nine = sent.get(9);
        assertEquals(List.of(1, 1, 1), List.of(nine.path("Offered").asInt(), nine.path("Answered").asInt(),
                nine.path("Resolved").asInt()));
        JsonNode one = sent.get(13);
        assertEquals(2, one.path("Offered").asInt(), "the conversation and the waiting contact, as the table holds them");
        assertEquals(1, one.path("Answered").asInt());
        assertEquals(0, one.path("Resolved").asInt(), "the conversation has not ended");
        assertEquals(0, one.path("Abandoned").asInt());

        RunSummary run = JSON.readValue(report.run().output(), RunSummary.class);
        assertTrue(run.queuesOnly);
        assertEquals("2026-12-06T13:05:00Z", run.endedBy);
        assertEquals(14, run.intervals);
        assertEquals(1, run.queues.total);
        DaySummary day = report.days().get(0).summary();
        assertEquals(14, day.intervals);
        assertEquals("2026-12-06T13:00:00Z", day.until);
        assertEquals(0, day.agents.total);
        assertTrue(report.run().instanceId().startsWith("intraday-2026-12-06-1310Z"));

        List<JsonNode> tomorrows = rowsOf(daily(LocalDate.of(2026, 12, 6), environment(60)), "q-1");
        assertEquals(24, tomorrows.size());
        assertEquals(tomorrows.subList(0, 14), sent, "the same figures the daily run will send for those intervals");
    }

    @Test
    void onBothClockChangesAndAtEveryIntervalLengthTheEndedIntervalsAreTheDailyRunsOwn() throws Exception {
        for (int minutes : List.of(15, 30, 60)) {
            for (String[] change : List.of(
                    new String[]{"2026-03-29", "2026-03-28T23:20:00Z", "2026-03-29T03:10:00Z"},
                    new String[]{"2026-10-25", "2026-10-24T22:20:00Z", "2026-10-25T02:10:00Z"})) {
                db.connection().createStatement().execute("DELETE FROM " + TestDatabase.TABLE);
                Instant first = Instant.parse(change[1]);
                for (int at = 0; at < 5 * 60; at += 7) {
                    db.row().id(change[0] + "-" + at).offered(first.plusSeconds(at * 60L).toString())
                            .answered("agent-" + (at % 3), 20 + at % 40, 60, 10).insert();
                }
                RecordingTransport intraday = new RecordingTransport();
                assertTrue(intraday(change[2], environment(minutes), intraday).succeeded());
                StatsDay day = StatsDay.of(LocalDate.parse(change[0]), BERLIN, minutes)
                        .endedBy(Instant.parse(change[2]).minus(Duration.ofMinutes(5)));
                List<JsonNode> sent = rowsOf(intraday, "q-1");
                assertEquals(day.intervalCount(), sent.size(), change[0] + " at " + minutes + " minutes");
                List<JsonNode> tomorrows = rowsOf(daily(LocalDate.parse(change[0]), environment(minutes)), "q-1");
                assertEquals(tomorrows.subList(0, sent.size()), sent, change[0] + " at " + minutes + " minutes");
            }
        }
    }

    @Test
    void anIntervalEndingExactlyAtTheDelayIsSentAndOneEndingAMinuteLaterIsNot() throws Exception {
        db.row().offered("2026-12-06T08:10:00Z").answered("agent-1", 10, 100, 20).insert();
        db.row().offered("2026-12-06T12:30:00Z").answered("agent-1", 10, 100, 20).insert();
        RecordingTransport onTime = new RecordingTransport();
        intraday("2026-12-06T13:05:00Z", environment(60), onTime);
        assertEquals(14, rowsOf(onTime, "q-1").size(), "13:00 to 14:00 local ended at 14:00, five minutes before");
        assertEquals(1, rowsOf(onTime, "q-1").get(13).path("Offered").asInt());
        RecordingTransport early = new RecordingTransport();
        intraday("2026-12-06T13:04:00Z", environment(60), early);
        assertEquals(13, rowsOf(early, "q-1").size(), "ended four minutes before: not yet");
    }

    @Test
    void theRunAfterLocalMidnightCompletesYesterdayAndTodayHasNothingEndedYet() throws Exception {
        db.row().offered("2026-12-06T22:40:00Z").answered("agent-1", 10, 100, 20).insert();  // 23:40 local
        RecordingTransport transport = new RecordingTransport();
        HistoricalRunner.RunReport report = intraday("2026-12-06T23:10:00Z", environment(60), transport);
        assertTrue(report.succeeded(), report.run().failureReason());
        assertEquals(List.of("2026-12-06", "2026-12-07"), report.days().stream().map(HistoricalRunner.DayReport::day)
                .toList());
        List<JsonNode> yesterday = rowsOf(transport, "q-1");
        assertEquals(24, yesterday.size(), "yesterday whole, its last interval included");
        assertEquals(1, yesterday.get(23).path("Offered").asInt());
        assertEquals(0, report.days().get(1).summary().intervals, "00:00 to 01:00 today has not ended");
    }

    @Test
    void calabriosThrottlingIsWaitedOutAndAnOutageFailsTheQueueAloneNamingItInTheRunsStatus() throws Exception {
        WireMockServer calabrio = new WireMockServer(wireMockConfig().dynamicPort());
        calabrio.start();
        try {
            calabrio.stubFor(post(urlEqualTo("/historical-data/api/v1/queue-stats")).willReturn(ok()));
            calabrio.stubFor(post(urlEqualTo("/historical-data/api/v1/queue-stats")).atPriority(1)
                    .withRequestBody(containing("\"QueueId\":\"q-1\"")).inScenario("busy")
                    .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429)
                            .withHeader("Retry-After", "1")).willSetStateTo("calm"));
            calabrio.stubFor(post(urlEqualTo("/historical-data/api/v1/queue-stats")).atPriority(1)
                    .withRequestBody(containing("\"QueueId\":\"q-2\"")).willReturn(aResponse().withStatus(503)));
            db.row().offered("2026-12-06T08:10:00Z").answered("agent-1", 10, 100, 20).insert();
            db.row().offered("2026-12-06T08:20:00Z").queue("q-2", "Sales").answered("agent-1", 10, 100, 20).insert();
            Map<String, String> environment = environment(60);
            environment.put("CALABRIO_BASE_URL", calabrio.baseUrl());
            environment.put("CALABRIO_HISTORICAL_TENANT_KEY", "tenant-key-7c1e");
            environment.put("CALABRIO_DATA_SOURCE_KEY", "data-source-2b9d");
            Settings settings = Settings.load(environment);
            HistoricalRunner.RunReport report;
            try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(environment))
                    .peerPolicies(policy -> policy.withWaits(Duration.ofMillis(10), Duration.ofMillis(40),
                            Duration.ofSeconds(2))).build()) {
                report = HistoricalRunner.run(integration, IntradayRuns.slot(Instant.parse("2026-12-06T13:10:00Z"),
                        BERLIN, 5), 2, DriverClock.virtual(Instant.parse("2026-12-06T13:10:00Z")));
            }
            assertFalse(report.succeeded());
            RunSummary run = JSON.readValue(report.run().customStatus(), RunSummary.class);
            assertEquals(1, run.queues.done, "q-1 went through after the 429");
            assertEquals(1, run.queues.failed);
            assertTrue(run.failures.get(0).contains("queue q-2: Calabrio historical-data API"), run.failures.toString());
            assertFalse(report.run().customStatus().contains("tenant-key-7c1e"));
        } finally {
            calabrio.stop();
        }
    }
}
