package com.wixanswers.wfm.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.wixanswers.wfm.calabrio.AgentQueueStatsRow;
import com.wixanswers.wfm.calabrio.AgentStatsRow;
import com.wixanswers.wfm.calabrio.QueueStatsRow;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.demo.ForecastsSchema;
import com.wixanswers.wfm.demo.InteractionGenerator;
import com.wixanswers.wfm.historical.ContractOracleAccess;
import com.wixanswers.wfm.sql.TableName;
import com.wixanswers.wfm.testing.ChaosCalabrio;
import com.wixanswers.wfm.testing.DoctorTenant;
import com.wixanswers.wfm.testing.LogCapture;
import com.wixanswers.wfm.testing.RealtimeEnvironment;
import com.wixanswers.wfm.testing.RpcAnswers;
import com.wixanswers.wfm.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator CLI end to end: settings from an environment, H2, and a Calabrio stand-in on loopback. */
class CalabrioSyncTest {
    private static final String KEY = "tenant-key-5d1e8a3f0c7b9";
    private static final ObjectMapper ROWS = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome cli(Map<String, String> environment, String... args) {
        return captured(out -> CalabrioSync.run(args, environment, out));
    }

    private interface Command {
        int run(PrintStream out) throws Exception;
    }

    private static Outcome captured(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = command.run(new PrintStream(out, true, StandardCharsets.UTF_8));
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            System.setErr(originalErr);
        }
    }

    private static <T> List<T> rows(List<JsonNode> nodes, Class<T> type) {
        List<T> rows = new ArrayList<>();
        for (JsonNode node : nodes) {
            rows.add(ROWS.convertValue(node, type));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0} {1}..{2}, {3}-minute intervals")
    @CsvSource({
        "UTC,              2026-11-26, 2026-11-27, 60",
        "Europe/Berlin,    2026-10-24, 2026-10-25, 15",
        "America/New_York, 2026-03-08, 2026-03-08, 30",
    })
    void throughInjected503sAnd429sEveryRowOfTheContractArrives(String zone, LocalDate from, LocalDate to,
                                                                int minutes) throws Exception {
        ChaosCalabrio chaos = new ChaosCalabrio();
        WireMockServer calabrio = new WireMockServer(wireMockConfig().dynamicPort().extensions(chaos));
        calabrio.start();
        try (TestDatabase db = new TestDatabase()) {
            InteractionGenerator.fill(db.connection(), TestDatabase.TABLE, new InteractionGenerator.Shape(
                    from.minusDays(1), (int) (to.toEpochDay() - from.toEpochDay()) + 3, 700, 9, 14,
                    ZoneId.of(zone), 2, from.toEpochDay()));
            Map<String, String> environment = new HashMap<>(Map.of(
                    "SQL_CONNECTION_STRING", db.url(),
                    "CALABRIO_BASE_URL", calabrio.baseUrl(),
                    "CALABRIO_HISTORICAL_TENANT_KEY", KEY, "CALABRIO_DATA_SOURCE_KEY", "wix-answers",
                    "STATS_TIME_ZONE", zone,
                    "STATS_INTERVAL_MINUTES", String.valueOf(minutes),
                    "SERVICE_LEVEL_SECONDS_TICKET", "86400",
                    "HISTORICAL_BATCH_SIZE", "40"));
            Outcome outcome = cli(environment, "historical", "--from", from.toString(), "--to", to.toString(),
                    "--parallelism", "4");
            assertEquals(0, outcome.exitCode(), outcome.out() + outcome.err());
            assertTrue(chaos.refusals() > 0);

            Settings settings = Settings.load(environment);
            List<QueueStatsRow> expectedQueues = new ArrayList<>();
            List<AgentStatsRow> expectedAgents = new ArrayList<>();
            List<AgentQueueStatsRow> expectedAgentQueues = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                ContractOracleAccess.Expected expected = ContractOracleAccess.expected(db.connection(), day,
                        settings.statistics());
                expectedQueues.addAll(expected.queues());
                expectedAgents.addAll(expected.agents());
                expectedAgentQueues.addAll(expected.agentQueues());
                assertTrue(outcome.out().contains(day + "  completed"), outcome.out());
            }
            assertEquals(sorted(expectedQueues), sorted(rows(chaos.acceptedRows(
                    "/historical-data/api/v1/queue-stats"), QueueStatsRow.class)));
            assertEquals(sorted(expectedAgents), sorted(rows(chaos.acceptedRows(
                    "/historical-data/api/v1/agent-stats"), AgentStatsRow.class)));
            assertEquals(sorted(expectedAgentQueues), sorted(rows(chaos.acceptedRows(
                    "/historical-data/api/v1/agent-queue-stats"), AgentQueueStatsRow.class)));
        } finally {
            calabrio.stop();
        }
    }

    private static <T> List<T> sorted(List<T> rows) {
        return rows.stream().sorted(Comparator.comparing(Object::toString)).toList();
    }

    @Test
    void aRefusedAgentFailsTheRunWithExitCode1AndNoSecretIsEverPrintedOrLogged() throws Exception {
        WireMockServer calabrio = new WireMockServer(wireMockConfig().dynamicPort());
        calabrio.start();
        try (TestDatabase db = new TestDatabase(); LogCapture logs = new LogCapture()) {
            calabrio.stubFor(post(urlPathMatching("/historical-data/api/v1/.*")).willReturn(aResponse().withStatus(200)));
            calabrio.stubFor(post(urlPathMatching("/historical-data/api/v1/agent-stats")).willReturn(aResponse()
                    .withStatus(400).withBody("{\"Message\":\"Bad request from key " + KEY + " and source ds-4b7a1e\"}")));
            InteractionGenerator.fill(db.connection(), TestDatabase.TABLE, new InteractionGenerator.Shape(
                    LocalDate.of(2026, 11, 27), 1, 300, 3, 4, ZoneId.of("UTC"), 1, 5L));
            Outcome outcome = cli(Map.of("SQL_CONNECTION_STRING", db.url(), "CALABRIO_BASE_URL", calabrio.baseUrl(),
                    "CALABRIO_HISTORICAL_TENANT_KEY", KEY, "CALABRIO_DATA_SOURCE_KEY", "ds-4b7a1e"), "historical", "--from", "2026-11-27", "--to", "2026-11-27");
            assertEquals(1, outcome.exitCode());
            assertTrue(outcome.out().contains("2026-11-27  failed"), outcome.out());
            assertTrue(outcome.out().contains("4 agents failed"), outcome.out());
            assertTrue(outcome.out().contains("Bad request from key *** and source ***"), outcome.out());
            for (String text : List.of(outcome.out(), outcome.err(), logs.text())) {
                assertFalse(text.contains(KEY), "the key leaked into:\n" + text);
                assertFalse(text.contains("ds-4b7a1e"), "the data source key leaked into:\n" + text);
            }
            assertTrue(logs.text().contains("not sent: Calabrio historical-data API rejected the request"),
                    "the refusal is logged");
        } finally {
            calabrio.stop();
        }
    }

    @Test
    void aDryRunWritesTheExactBodiesAndNeedsNoCalabrioSettings(@TempDir Path out) throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            InteractionGenerator.fill(db.connection(), TestDatabase.TABLE, new InteractionGenerator.Shape(
                    LocalDate.of(2026, 11, 27), 1, 300, 3, 4, ZoneId.of("UTC"), 0, 5L));
            Outcome outcome = cli(Map.of("SQL_CONNECTION_STRING", db.url()), "historical", "--from", "2026-11-27",
                    "--to", "2026-11-27", "--dry-run", out.toString());
            assertEquals(0, outcome.exitCode(), outcome.err());
            Path queues = out.resolve("2026-11-27").resolve("queue-stats");
            try (Stream<Path> files = Files.list(queues)) {
                assertEquals(List.of("q-001-1.json", "q-002-1.json", "q-003-1.json"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            JsonNode body = ROWS.readTree(queues.resolve("q-001-1.json").toFile());
            assertEquals("<CALABRIO_DATA_SOURCE_KEY>", body.path("DataSourceKey").asText(), "a placeholder, never the key");
            assertEquals(24, body.path("Rows").size());
            assertTrue(outcome.out().contains("dry run: request bodies written under"), outcome.out());
        }
    }

    @Test
    void historicalJsonPrintsEachDayAndTheRunAsTheHostStoresThem(@TempDir Path out) throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            InteractionGenerator.fill(db.connection(), TestDatabase.TABLE, new InteractionGenerator.Shape(
                    LocalDate.of(2026, 11, 26), 2, 300, 3, 4, ZoneId.of("UTC"), 0, 5L));
            Outcome outcome = cli(Map.of("SQL_CONNECTION_STRING", db.url()), "historical", "--from", "2026-11-26",
                    "--to", "2026-11-27", "--dry-run", out.toString(), "--json");
            assertEquals(0, outcome.exitCode(), outcome.err());
            List<JsonNode> lines = new ArrayList<>();
            for (String line : outcome.out().strip().split("\\R")) {
                lines.add(ROWS.readTree(line));
            }
            assertEquals(3, lines.size(), outcome.out());
            for (JsonNode day : lines.subList(0, 2)) {
                assertTrue(day.path("instanceId").asText().startsWith("historical-run-2026-11-26_2026-11-27-"));
                assertEquals("Completed", day.path("status").asText());
                assertEquals(3, day.path("customStatus").path("queues").path("done").asInt());
                assertEquals(4, day.path("output").path("agents").path("total").asInt());
                assertTrue(day.path("failure").isNull());
            }
            JsonNode run = lines.get(2);
            assertEquals("historical-run-2026-11-26_2026-11-27", run.path("instanceId").asText());
            assertEquals(2, run.path("output").path("completed").asInt());
            assertEquals(lines.get(0).path("instanceId").asText(), run.path("output").path("dayInstances").get(0)
                    .asText());
        }
    }

    @Test
    void realtimeTicksPrintOneLineEachAndADryRunKeepsTheKeyOutOfItsFiles(@TempDir Path out) throws Exception {
        WireMockServer answers = new WireMockServer(wireMockConfig().dynamicPort());
        answers.start();
        try {
            answers.stubFor(post(urlPathMatching("/rpc")).willReturn(aResponse().withStatus(200).withBody(
                    RpcAnswers.of("agent-1=ONLINE", "agent-2=BUSY//Lunch"))));
            Map<String, String> environment = RealtimeEnvironment.against(answers.baseUrl());
            environment.remove("CALABRIO_RTA_URL");
            Outcome outcome = cli(environment,
                    "realtime", "--ticks", "2", "--interval-seconds", "0", "--dry-run", out.toString());
            assertEquals(0, outcome.exitCode(), outcome.err());
            List<JsonNode> ticks = new ArrayList<>();
            for (String line : outcome.out().lines().filter(l -> l.startsWith("rta-tick ")).toList()) {
                ticks.add(new ObjectMapper().readTree(line.substring("rta-tick ".length())));
            }
            assertEquals(2, ticks.size(), outcome.out());
            assertEquals("snapshot", ticks.get(0).path("mode").asText());
            assertEquals(2, ticks.get(0).path("statesSent").asInt());
            assertEquals("changes", ticks.get(1).path("mode").asText());
            assertEquals(0, ticks.get(1).path("requests").asInt(), "nothing changed, nothing sent");
            assertTrue(outcome.err().contains("kept in memory for this run"), outcome.err());
            try (Stream<Path> files = Files.list(out)) {
                List<Path> written = files.toList();
                assertEquals(1, written.size(), "one snapshot request, then nothing changed");
                String body = Files.readString(written.get(0));
                assertTrue(body.contains("\"IsSnapshot\":true") && body.contains("\"UserCode\":\"agent-2\""), body);
                assertFalse(body.contains(RealtimeEnvironment.RTA_KEY), "the key stays out of dry-run files");
            }
            for (String secret : List.of(RealtimeEnvironment.RTA_KEY, RealtimeEnvironment.ANSWERS_TOKEN)) {
                assertFalse(outcome.out().contains(secret) || outcome.err().contains(secret));
            }
        } finally {
            answers.stop();
        }
    }

    @Test
    void theDemoRunsEveryPartAndItsRealtimeTicksSendASnapshotThenChanges(@TempDir Path out) throws Exception {
        Outcome outcome = captured(stdout -> DemoCommand.run(new Arguments(new String[]{"demo", "--out",
                out.toString()}), Map.of(), stdout));
        assertEquals(0, outcome.exitCode(), outcome.err());
        List<JsonNode> ticks = new ArrayList<>();
        for (String line : outcome.out().lines().map(String::strip).filter(l -> l.startsWith("rta-tick ")).toList()) {
            ticks.add(new ObjectMapper().readTree(line.substring("rta-tick ".length())));
        }
        assertEquals(3, ticks.size(), outcome.out());
        assertEquals("snapshot", ticks.get(0).path("mode").asText());
        for (JsonNode later : ticks.subList(1, 3)) {
            assertEquals("changes", later.path("mode").asText());
            assertTrue(later.path("statesSent").asInt() > 0 && later.path("statesSent").asInt() < 40, later.toString());
            assertTrue(later.path("failure").isNull());
        }
        Path bodies = out.resolve("realtime");
        assertTrue(outcome.out().contains(bodies.toAbsolutePath().toString()), "the bodies' folder is printed");
        String snapshot = Files.readString(bodies.resolve("tick-1-snapshot.json"));
        assertTrue(snapshot.contains("\"IsSnapshot\":true"), snapshot);
        assertEquals(ticks.get(0).path("statesSent").asInt(), snapshot.split("\"UserCode\"", -1).length - 1);
        assertTrue(Files.exists(bodies.resolve("tick-2-changes-1.json")));
        assertTrue(outcome.out().contains("Tenant setup:") && outcome.out().contains("Forecasts:"), outcome.out());
    }

    @Test
    void realtimeNamesTheSettingsItLacks() {
        Outcome outcome = cli(Map.of(), "realtime", "--ticks", "1");
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("ANSWERS_RPC_URL is not set"), outcome.err());
    }

    @Test
    void wrongArgumentsAndSettingsExitWith2AndSayWhy() {
        Outcome noRange = cli(Map.of(), "historical", "--from", "2026-11-27");
        assertEquals(2, noRange.exitCode());
        assertTrue(noRange.err().contains("--to is required"), noRange.err());

        LocalDate today = LocalDate.now(ZoneId.of("UTC"));
        Outcome future = cli(Map.of(), "historical", "--from", today.minusDays(1).toString(), "--to",
                today.plusDays(1).toString());
        assertEquals(2, future.exitCode());
        assertTrue(future.err().contains("is in the future"), future.err());

        Outcome noUrl = cli(Map.of(), "historical", "--from", "2026-11-27", "--to", "2026-11-27");
        assertEquals(2, noUrl.exitCode());
        assertTrue(noUrl.err().contains("CALABRIO_BASE_URL is not set"), noUrl.err());

        Outcome noKey = cli(Map.of("CALABRIO_BASE_URL", "https://tenant.teleopticloud.com"), "historical", "--from",
                "2026-11-27", "--to", "2026-11-27");
        assertEquals(2, noKey.exitCode());
        assertTrue(noKey.err().contains("CALABRIO_HISTORICAL_TENANT_KEY is not set"), noKey.err());

        Outcome badZone = cli(Map.of("STATS_TIME_ZONE", "Atlantis"), "historical", "--from", "2026-11-27", "--to",
                "2026-11-27");
        assertEquals(2, badZone.exitCode());
        assertTrue(badZone.err().contains("STATS_TIME_ZONE is not an IANA time zone id"), badZone.err());
        assertFalse(badZone.err().contains("Atlantis"), "the setting is named, its value never shown");

        Outcome typo = cli(Map.of(), "historical", "--from", "2026-11-27", "--to", "2026-11-27", "--dryrun", "x");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("unknown option --dryrun"), typo.err());

        assertEquals(2, cli(Map.of(), "frobnicate").exitCode());
    }

    @Test
    void doctorExitsWith0WhenTheTenantConforms1WhenSomethingDiffersAnd2ForAWrongSetting() throws Exception {
        WireMockServer calabrio = new WireMockServer(wireMockConfig().dynamicPort());
        calabrio.start();
        try (TestDatabase database = new TestDatabase()) {
            ForecastsSchema.create(database.connection(), new TableName("forecasts"));
            DoctorTenant tenant = new DoctorTenant(calabrio.port()).conforming(true);
            Map<String, String> environment = tenant.environment(database.url());

            Outcome conforming = cli(environment, "doctor");
            assertEquals(0, conforming.exitCode(), conforming.out() + conforming.err());
            assertTrue(conforming.out().contains("the tenant and the database conform"), conforming.out());
            assertTrue(conforming.out().lines().anyMatch(line -> line.startsWith("ok ")
                    && line.contains("request command/AddSkillsToPerson")), conforming.out());

            tenant.lists(List.of("AddSkillsToPerson"), DoctorTenant.QUERIES);
            Outcome differs = cli(environment, "doctor", "--json");
            assertEquals(1, differs.exitCode(), differs.out() + differs.err());
            JsonNode report = new ObjectMapper().readTree(differs.out());
            assertFalse(report.path("conforms").asBoolean());
            assertTrue(differs.out().contains("does not list SetForecast"), differs.out());
            for (String secret : List.of(DoctorTenant.TOKEN, DoctorTenant.TENANT_KEY, RealtimeEnvironment.RTA_KEY)) {
                assertFalse(conforming.out().contains(secret) || differs.out().contains(secret)
                        || differs.err().contains(secret), secret);
            }

            Map<String, String> wrong = new HashMap<>(environment);
            wrong.put("CALABRIO_BASE_URL", "ftp://tenant");
            Outcome wrongSetting = cli(wrong, "doctor");
            assertEquals(2, wrongSetting.exitCode());
            assertTrue(wrongSetting.err().contains("CALABRIO_BASE_URL"), wrongSetting.err());
            assertEquals(2, cli(environment, "doctor", "--wfm-doc", "x.json").exitCode());
        } finally {
            calabrio.stop();
        }
    }
}
