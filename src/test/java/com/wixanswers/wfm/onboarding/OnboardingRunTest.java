package com.wixanswers.wfm.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.WfmTransport;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.storage.DirectoryFolder;
import com.wixanswers.wfm.testing.WfmStandIn;
import com.wixanswers.wfm.testing.Workbooks;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Onboarding runs end to end through the in-process driver: the agents file in a directory (the container),
 * WireMock as Calabrio's WFM API, virtual time, so that a wait of hours costs nothing.
 */
class OnboardingRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "agentId,firstName,lastName,email,startDate,skills";
    private static final String UPLOAD = "incoming/agents.csv";

    @TempDir
    Path directory;
    private final WfmStandIn calabrio = new WfmStandIn("Billing", "Sales", "Tech Support");
    private final DriverClock clock = DriverClock.virtual(Instant.parse("2026-12-03T09:00:00Z"));
    private final List<Instant> callTimes = Collections.synchronizedList(new ArrayList<>());
    private Integration integration;
    private InProcessDriver driver;

    @AfterEach
    void close() {
        calabrio.close();
        if (driver != null) {
            driver.close();
        }
        if (integration != null) {
            integration.close();
        }
    }

    private static String file(String... rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    private static String agent(int number, String skills) {
        return "agent-" + number + ",First" + number + ",Last" + number + ",agent" + number + "@example.com,2026-12-01,"
                + skills;
    }

    /** Runs an upload of {@code csv} to its end, with the tenant's defaults and these settings over the test's own. */
    private InstanceState run(String csv, String... settings) throws Exception {
        return run(UPLOAD, csv.getBytes(StandardCharsets.UTF_8), true, settings);
    }

    /** Runs an upload to its end: the ONBOARDING_DEFAULT_* settings set or not, these settings over the test's own. */
    private InstanceState run(String upload, byte[] bytes, boolean defaults, String... settings) throws Exception {
        String instanceId = integration(defaults, settings).onboardingRuns().startUpload(driver, upload, upload(upload,
                bytes)).orElseThrow();
        return driver.awaitCompletion(instanceId);
    }

    private Integration integration(boolean defaults, String... settings) {
        Map<String, String> environment = new HashMap<>(calabrio.settings());
        if (defaults) {
            environment.put("ONBOARDING_DEFAULT_ORGANIZATION", "London/Support");
            environment.put("ONBOARDING_DEFAULT_ROLE", "Agent");
            environment.put("ONBOARDING_DEFAULT_CONTRACT", "Full time");
            environment.put("ONBOARDING_DEFAULT_CONTRACT_SCHEDULE", "Mon-Fri");
            environment.put("ONBOARDING_DEFAULT_PART_TIME_PERCENTAGE", "100%");
        }
        for (int index = 0; index < settings.length; index += 2) {
            environment.put(settings[index], settings[index + 1]);
        }
        integration = new Integration.Builder(Settings.load(environment), new EnvironmentSecrets(environment))
                .onboardingFolder(new DirectoryFolder(directory))
                .wfmAround(this::recorded)
                .build();
        driver = new InProcessDriver(integration.workflows(), 4, clock);
        return integration;
    }

    private byte[] upload(String upload, byte[] bytes) throws IOException {
        Files.createDirectories(directory.resolve("incoming"));
        Files.write(directory.resolve(upload), bytes);
        return bytes;
    }

    /** The transport with each call's time on the driver's clock. */
    private WfmTransport recorded(WfmTransport transport) {
        return (path, name, body) -> {
            callTimes.add(clock.now());
            return transport.post(path, name, body);
        };
    }

    private List<List<String>> report() throws IOException {
        List<List<String>> lines = new ArrayList<>();
        for (CSVRecord line : CSVParser.parse(directory.resolve("reports/agents.report.csv"), StandardCharsets.UTF_8,
                CSVFormat.RFC4180)) {
            lines.add(line.toList());
        }
        return lines;
    }

    private String outcomeOf(int row) throws IOException {
        return report().get(row).get(2);
    }

    private String detailOf(int row) throws IOException {
        return report().get(row).get(3);
    }

    private JsonNode reportJson() throws IOException {
        return JSON.readTree(directory.resolve("reports/agents.report.json").toFile());
    }

    private List<JsonNode> addSkillsBodies() throws IOException {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : calabrio.server.findAll(postRequestedFor(urlEqualTo(
                "/api/command/AddSkillsToPerson")))) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    @Test
    void everyValidAgentGetsItsSkillsAndEveryRowAnOutcome() throws Exception {
        calabrio.knows("agent-1", "agent-2", "agent-4");
        InstanceState state = run(file(agent(1, "Billing;sales"), agent(2, "Tech Support"),
                "agent-3,Ann,,bad-email,2026-12-01,Billing", agent(4, "Billing|Astrology")));
        assertEquals(InstanceState.Status.COMPLETED, state.status(), state.failureMessage());

        List<List<String>> report = report();
        assertEquals("row,agentId,outcome,detail", String.join(",", report.get(0).subList(0, 4)));
        assertEquals(List.of("skills-added", "skills-added", "invalid", "invalid"),
                report.subList(1, 5).stream().map(line -> line.get(2)).toList());
        assertTrue(detailOf(3).contains("lastName is empty") && detailOf(3).contains("not an e-mail address"),
                detailOf(3));
        assertEquals("skill 'Astrology' is not in Calabrio", detailOf(4));

        List<JsonNode> bodies = addSkillsBodies();
        assertEquals(2, bodies.size(), "one call per valid agent, none for the invalid rows");
        JsonNode first = bodies.stream().filter(b -> b.path("PersonId").asText().equals("p-agent-1")).findFirst()
                .orElseThrow();
        assertEquals(WfmStandIn.BUSINESS_UNIT, first.path("BusinessUnitId").asText());
        assertEquals("2026-12-01", first.path("StartDate").asText());
        assertEquals("[\"skill-billing\",\"skill-sales\"]", first.path("SkillIds").toString(),
                "skill names are matched case-insensitively");
        calabrio.server.verify(postRequestedFor(urlEqualTo("/api/command/AddSkillsToPerson"))
                .withHeader("Authorization", equalTo("Bearer " + WfmStandIn.TOKEN)));
        calabrio.server.verify(1, postRequestedFor(urlEqualTo("/api/query/Skill/AllSkills")));

        JsonNode json = reportJson();
        assertEquals(2, json.path("rows").path("skills-added").asInt());
        assertEquals(2, json.path("rows").path("invalid").asInt());
        assertTrue(json.path("final").asBoolean());
        assertEquals("calabrio-import/agents.xlsx", json.path("importFile").asText());
        byte[] workbook = Files.readAllBytes(directory.resolve("calabrio-import/agents.xlsx"));
        assertEquals(PeopleFile.headers(), Workbooks.header(workbook));
        List<Map<String, Object>> people = Workbooks.readAsCalabrio(workbook, PeopleFile.START_DATE);
        assertEquals(List.of("agent-1", "agent-2"), people.stream().map(person -> person.get("Employment number"))
                .toList(), "the people file holds the agents Calabrio can import, nothing else");
        assertTrue(state.customStatus().length() < 200, "counts only: " + state.customStatus());
    }

    @Test
    void aPersonImportedLaterIsFoundOnALaterLookUpAndOneNeverImportedEndsSayingSo() throws Exception {
        calabrio.knows("agent-1").knowsFromLookup("agent-2", 3);
        InstanceState state = run(file(agent(1, "Billing"), agent(2, "Sales"), agent(3, "Sales")),
                "ONBOARDING_RETRY_MINUTES", "30", "ONBOARDING_WAIT_HOURS", "2");
        assertEquals(InstanceState.Status.COMPLETED, state.status(), state.failureMessage());
        assertEquals("skills-added", outcomeOf(1));
        assertEquals("skills-added", outcomeOf(2), "imported meanwhile: found on the third look-up");
        assertEquals("waiting-for-person", outcomeOf(3));
        assertTrue(detailOf(3).contains("Calabrio has no person with employment number agent-3 yet")
                && detailOf(3).contains("this outcome is final"), detailOf(3));
        assertEquals(5, calabrio.lookups(), "looked up at 0, 30, 60, 90 and 120 minutes, then given up");
        assertEquals(2, addSkillsBodies().size());
    }

    @Test
    void calabriosRefusalsInA200AreFailuresWithItsMessageAndAlreadyHavingTheSkillIsNot() throws Exception {
        calabrio.knows("agent-1", "agent-2", "agent-3", "agent-4");
        stubAddSkills("p-agent-1", "{\"Successful\":false,\"Message\":\"Person p-agent-1 is terminated\"}");
        stubAddSkills("p-agent-2", "{\"StatusCode\":400,\"Id\":\"x\",\"Message\":\"StartDate before the person period\"}");
        stubAddSkills("p-agent-3", "{\"Errors\":[{\"Message\":\"Skill is inactive\"}]}");
        stubAddSkills("p-agent-4", "{\"Successful\":false,\"Message\":\"The person already has the skill\"}");
        InstanceState state = run(file(agent(1, "Billing"), agent(2, "Billing"), agent(3, "Billing"),
                agent(4, "Billing")));
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertEquals("Unexpected failure in the task execution", state.failureMessage(), "as Azure stores it");
        assertEquals("3 of 4 rows of incoming/agents.csv failed; the report reports/agents.report.csv says why, row"
                + " by row", failure(state));
        assertEquals(List.of("failed", "failed", "failed", "already-had-skills"),
                List.of(outcomeOf(1), outcomeOf(2), outcomeOf(3), outcomeOf(4)));
        assertTrue(detailOf(1).contains("Person p-agent-1 is terminated"), detailOf(1));
        assertTrue(detailOf(2).contains("status 400: StartDate before the person period"), detailOf(2));
        assertTrue(detailOf(3).contains("Skill is inactive"), detailOf(3));
        assertEquals(4, addSkillsBodies().size(), "each refusal cost its own row only, and was not sent again");
    }

    private void stubAddSkills(String personId, String answer) {
        calabrio.server.stubFor(post(urlEqualTo("/api/command/AddSkillsToPerson")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.PersonId", equalTo(personId))).willReturn(okJson(answer)));
    }

    @Test
    void a429StormIsWaitedOutNeverSoonerThanCalabrioAsks() throws Exception {
        calabrio.knows("agent-1", "agent-2");
        calabrio.server.stubFor(post(urlEqualTo("/api/command/AddSkillsToPerson")).atPriority(1)
                .inScenario("storm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")).willSetStateTo("calm"));
        calabrio.server.stubFor(post(urlEqualTo("/api/command/AddSkillsToPerson")).atPriority(1)
                .inScenario("storm").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("over"));
        InstanceState state = run(file(agent(1, "Billing"), agent(2, "Sales")));
        assertEquals(InstanceState.Status.COMPLETED, state.status(), state.failureMessage());
        assertEquals(List.of("skills-added", "skills-added"), List.of(outcomeOf(1), outcomeOf(2)));
        assertTrue(addSkillsBodies().size() >= 4, "a 429, a 503, then both taken");

        // Calls: the skills, the look-up, the two refused calls, then the look-up and the calls again.
        Instant refused = callTimes.get(3);
        assertTrue(callTimes.stream().skip(4).allMatch(at -> !at.isBefore(refused.plusSeconds(120))),
                "nothing after the 429 went sooner than its Retry-After: " + callTimes);
    }

    @Test
    void anAgentThatFindsCalabrioUnavailableFiveTimesFailsAloneAndSaysSo() throws Exception {
        calabrio.knows("agent-1", "agent-2");
        calabrio.server.stubFor(post(urlEqualTo("/api/command/AddSkillsToPerson")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.PersonId", equalTo("p-agent-2")))
                .willReturn(aResponse().withStatus(502)));
        InstanceState state = run(file(agent(1, "Billing"), agent(2, "Sales")));
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertEquals("skills-added", outcomeOf(1));
        assertEquals("failed", outcomeOf(2));
        assertTrue(detailOf(2).contains("Calabrio was unavailable 5 times") && detailOf(2).contains("HTTP 502"),
                detailOf(2));
    }

    @Test
    void refusedCredentialsStopTheRunAtOnceNamingTheTokenSetting() throws Exception {
        calabrio.server.stubFor(post(urlEqualTo("/api/query/Skill/AllSkills")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withBody("{\"Message\":\"invalid token " + WfmStandIn.TOKEN
                        + "\"}")));
        InstanceState state = run(file(agent(1, "Billing"), agent(2, "Sales")));
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertTrue(failure(state).contains("CALABRIO_API_TOKEN"), failure(state));
        assertFalse(failure(state).contains(WfmStandIn.TOKEN));
        assertEquals(1, calabrio.calls(), "nothing more is called after a 401");
        assertEquals("failed", outcomeOf(1));
        assertTrue(detailOf(1).startsWith("not sent: Calabrio WFM API refused the credentials"), detailOf(1));
        String json = Files.readString(directory.resolve("reports/agents.report.json"));
        assertTrue(json.contains("CALABRIO_API_TOKEN") && !json.contains(WfmStandIn.TOKEN), json);
    }

    @Test
    void theRateCapHoldsInEverySixtySecondsOfTheRun() throws Exception {
        List<String> rows = new ArrayList<>();
        String[] known = new String[300];
        for (int number = 1; number <= 300; number++) {
            rows.add(agent(number, "Billing"));
            known[number - 1] = "agent-" + number;
        }
        calabrio.knows(known);
        InstanceState state = run(file(rows.toArray(String[]::new)), "CALABRIO_MAX_CALLS_PER_MINUTE", "100");
        assertEquals(InstanceState.Status.COMPLETED, state.status(), state.failureMessage());
        assertEquals(300, addSkillsBodies().size());
        List<Instant> times = new ArrayList<>(callTimes);
        times.sort(null);
        assertEquals(1 + calabrio.lookups() + 300, times.size(), "the skills, the look-ups, one call per agent");
        assertTrue(calabrio.lookups() <= 7 + 3, "seven chunks of up to 49, a few split to fill a window: "
                + calabrio.lookups());
        for (Instant start : times) {
            long inWindow = times.stream().filter(at -> !at.isBefore(start) && at.isBefore(start.plusSeconds(60)))
                    .count();
            assertTrue(inWindow <= 100, inWindow + " calls in the 60 seconds from " + start);
        }
        assertTrue(Duration.between(times.get(0), times.get(times.size() - 1)).toSeconds() >= 3 * 60,
                "308 calls at 100 a minute take at least four windows");
    }

    @Test
    void theSameUploadDeliveredTwiceRunsOnceAndAReprocessingSendsNothingDoneAgain() throws Exception {
        calabrio.knows("agent-1", "agent-2");
        String csv = file(agent(1, "Billing"), agent(2, "Sales"));
        assertEquals(InstanceState.Status.COMPLETED, run(csv).status());
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), integration.onboardingRuns().startUpload(driver, UPLOAD, bytes),
                "the same file, delivered again: not started again");

        OnboardingRuns.Started rerun = integration.onboardingRuns().reprocess(driver, UPLOAD,
                Instant.parse("2026-12-03T10:00:00Z"));
        InstanceState again = driver.awaitCompletion(rerun.instanceId().orElseThrow());
        assertEquals(InstanceState.Status.COMPLETED, again.status());
        assertEquals(2, addSkillsBodies().size(), "done rows are not sent again");
        assertEquals("skills-added", outcomeOf(1));
        assertEquals("done in an earlier run; not sent again", detailOf(1));
    }

    @Test
    void anUploadThatChangesARowsSkillsSendsThatRowAgainAndNoOther() throws Exception {
        calabrio.knows("agent-1", "agent-2");
        assertEquals(InstanceState.Status.COMPLETED, run(file(agent(1, "Billing"), agent(2, "Sales"))).status());
        assertEquals(List.of("2026-12-01", "Sales"), report().get(2).subList(5, 7), "what the row asked is kept");

        byte[] changed = file(agent(1, "billing"), agent(2, "Sales;Tech Support")).getBytes(StandardCharsets.UTF_8);
        Files.write(directory.resolve(UPLOAD), changed);
        String again = integration.onboardingRuns().startUpload(driver, UPLOAD, changed).orElseThrow();
        assertEquals(InstanceState.Status.COMPLETED, driver.awaitCompletion(again).status());

        List<JsonNode> bodies = addSkillsBodies();
        assertEquals(3, bodies.size(), "agent-1 asks what it asked before (skills match case-insensitively)");
        assertEquals("[\"skill-sales\",\"skill-tech-support\"]", bodies.get(2).path("SkillIds").toString());
        assertEquals("done in an earlier run; not sent again", detailOf(1));
        assertEquals("skills-added", outcomeOf(2));
        assertTrue(detailOf(2).startsWith("skills added: Sales, Tech Support"), detailOf(2));
    }

    @Test
    void aFileThatCannotBeReadGetsAReportSayingWhyAndNothingIsCalled() throws Exception {
        InstanceState state = run("agentId,firstName\nagent-1,Ann\n");
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertTrue(failure(state).contains("the header lacks the required columns"), failure(state));
        assertEquals(0, calabrio.calls());
        JsonNode json = reportJson();
        assertEquals("the header lacks the required columns lastName, email, startDate, skills",
                json.path("unreadable").asText());
        assertEquals(List.of("row,agentId,outcome,detail,employmentNumber,startDate,skills"), Files.readAllLines(
                directory.resolve("reports/agents.report.csv")));
    }

    @Test
    void withNoDefaultSetAPlainFileGetsEveryAgentItsSkillsAndTheWorkbookLeavesTheRestToCalabrio() throws Exception {
        calabrio.knows("agent-1", "agent-2");
        InstanceState state = run(UPLOAD, file(agent(1, "Billing"), agent(2, "Sales")).getBytes(StandardCharsets.UTF_8),
                false);
        assertEquals(InstanceState.Status.COMPLETED, state.status(), state.failureMessage());
        assertEquals(List.of("skills-added", "skills-added"), List.of(outcomeOf(1), outcomeOf(2)));
        assertEquals("[\"Site\",\"Team\",\"Contract\",\"Contract schedule\",\"Part-time percentage\",\"Roles\"]",
                reportJson().path("leftToCalabrioDefaults").toString(), "said once, for the file");
        Map<String, Object> person = Workbooks.readAsCalabrio(Files.readAllBytes(directory.resolve(
                "calabrio-import/agents.xlsx")), PeopleFile.START_DATE).get(0);
        assertEquals(null, person.get("Site"));
        assertEquals("agent-1", person.get("Employment number"));
    }

    @Test
    void anExcelUploadIsTakenAsACsvIsAndItsNumberTypedEmploymentNumberFindsThePerson() throws Exception {
        calabrio.knows("1001", "00123");
        byte[] workbook = Workbooks.xlsx(List.of(
                List.of("Agent ID", "First name", "Last name", "Email", "Start date", "Skills", "Employment number"),
                List.of("agent-1", "Ann", "Smith", "ann@example.com", Workbooks.date(java.time.LocalDate.of(2026, 12,
                        1)), "Billing", Workbooks.number(1001)),
                List.of("agent-2", "Bo", "Berg", "bo@example.com", "2026-12-01", "Sales",
                        Workbooks.number(123, "00000"))));
        InstanceState state = run("incoming/agents.xlsx", workbook, false);
        assertEquals(InstanceState.Status.COMPLETED, state.status(), state.failureMessage());
        assertEquals(List.of("skills-added", "skills-added"), List.of(outcomeOf(1), outcomeOf(2)));
        assertEquals(List.of("p-1001", "p-00123"), addSkillsBodies().stream().map(body -> body.path("PersonId")
                .asText()).sorted(java.util.Comparator.reverseOrder()).toList());
        List<Map<String, Object>> people = Workbooks.readAsCalabrio(Files.readAllBytes(directory.resolve(
                "calabrio-import/agents.xlsx")), PeopleFile.START_DATE);
        assertEquals(List.of("1001", "00123"), people.stream().map(person -> person.get("Employment number")).toList(),
                "the numbers the skills step looks the people up by, as text");
    }

    @Test
    void underA429EverySeventhCommandEveryAgentGetsItsSkillsOnceAtTheCapNeverAboveIt() throws Exception {
        List<String> rows = new ArrayList<>();
        String[] known = new String[220];
        for (int number = 1; number <= 220; number++) {
            rows.add(agent(number, "Billing"));
            known[number - 1] = "agent-" + number;
        }
        calabrio.knows(known).throttleEvery(7, null);
        InstanceState state = run(file(rows.toArray(String[]::new)), "CALABRIO_MAX_CALLS_PER_MINUTE", "100");
        assertEquals(InstanceState.Status.COMPLETED, state.status(), state.failureMessage());
        assertEquals(Map.of("skills-added", 220), JSON.convertValue(reportJson().path("rows"), Map.class));

        Map<String, Integer> taken = new HashMap<>();
        int throttled = 0;
        for (var served : calabrio.server.getAllServeEvents()) {
            if (served.getRequest().getUrl().equals("/api/command/AddSkillsToPerson")) {
                if (served.getResponse().getStatus() == 200) {
                    taken.merge(JSON.readTree(served.getRequest().getBodyAsString()).path("PersonId").asText(), 1,
                            Integer::sum);
                } else {
                    throttled++;
                }
            }
        }
        assertEquals(220, taken.size());
        assertTrue(taken.values().stream().allMatch(calls -> calls == 1), "one successful call per agent: " + taken);
        assertTrue(throttled >= 220 / 7, "the storm happened: " + throttled);
        assertWithinCapAndNearIt(100);
    }

    /**
     * At most {@code cap} calls in any 60 seconds, 429s included; at least 90% of it in every minute from the first
     * call on that still had a cap's worth of calls ahead (the run's tail has less to do than a minute holds).
     */
    private void assertWithinCapAndNearIt(int cap) {
        List<Instant> times = new ArrayList<>(callTimes);
        times.sort(null);
        for (Instant start : times) {
            assertTrue(callsInTheMinuteFrom(times, start) <= cap, callsInTheMinuteFrom(times, start)
                    + " calls in the 60 seconds from " + start);
        }
        int minutes = 0;
        for (Instant from = times.get(0); callsFrom(times, from) >= cap; from = from.plusSeconds(60)) {
            long calls = callsInTheMinuteFrom(times, from);
            assertTrue(calls >= cap * 9 / 10, calls + " calls in the minute from " + from + ", under 90% of " + cap);
            minutes++;
        }
        assertTrue(minutes >= 2, "a run long enough to show its pace: " + minutes + " full minutes");
    }

    private static long callsFrom(List<Instant> times, Instant from) {
        return times.stream().filter(at -> !at.isBefore(from)).count();
    }

    private static long callsInTheMinuteFrom(List<Instant> times, Instant from) {
        return times.stream().filter(at -> !at.isBefore(from) && at.isBefore(from.plusSeconds(60))).count();
    }

    @Test
    void theNextRoundOfLookUpsCountsTheLastMinutesCallsOfTheRoundBefore() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int number = 1; number <= 48; number++) {
            rows.add(agent(number, "Billing"));
            if (number > 1) {
                calabrio.knows("agent-" + number);
            }
        }
        calabrio.knowsFromLookup("agent-1", 2);
        byte[] bytes = upload(UPLOAD, file(rows.toArray(String[]::new)).getBytes(StandardCharsets.UTF_8));
        integration(true, "CALABRIO_MAX_CALLS_PER_MINUTE", "50");
        var input = integration.onboardingRuns().input(UPLOAD, OnboardingRuns.sha256(bytes));
        input.retrySeconds = 10; // as the CLI's --retry-seconds may set it: the next round within the minute
        input.waitSeconds = 600;
        String instanceId = OnboardingWorkflow.instanceId(UPLOAD, input.sha256);
        driver.start(OnboardingWorkflow.RUN, input, instanceId);
        assertEquals(InstanceState.Status.COMPLETED, driver.awaitCompletion(instanceId).status());
        assertEquals("skills-added", outcomeOf(1), "found in the second round");
        assertEquals(2, calabrio.lookups());
        List<Instant> times = new ArrayList<>(callTimes);
        times.sort(null);
        assertEquals(1 + 1 + 47, times.stream().filter(at -> at.equals(times.get(0))).count(),
                "the first round: the skills, a look-up and 47 calls at once");
        assertTrue(!times.get(49).isBefore(times.get(0).plusSeconds(60)), "the second round waited for the first"
                + " round's minute to end: " + times.subList(48, times.size()));
    }

    @Test
    void calabrioUnavailableWhileSkillsAreResolvedNeverSendsADoneRowAgain() throws Exception {
        calabrio.knows("agent-1", "agent-2", "agent-3");
        assertEquals(InstanceState.Status.COMPLETED, run(file(agent(1, "Billing"), agent(2, "Sales"))).status());
        calabrio.server.stubFor(post(urlEqualTo("/api/query/Skill/AllSkills")).atPriority(1).inScenario("skills")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        byte[] more = file(agent(1, "Billing"), agent(2, "Sales"), agent(3, "Sales")).getBytes(StandardCharsets.UTF_8);
        String again = integration.onboardingRuns().startUpload(driver, UPLOAD, upload(UPLOAD, more)).orElseThrow();
        assertEquals(InstanceState.Status.COMPLETED, driver.awaitCompletion(again).status());
        assertEquals(List.of("skills-added", "skills-added", "skills-added"), List.of(outcomeOf(1), outcomeOf(2),
                outcomeOf(3)));
        assertEquals("done in an earlier run; not sent again", detailOf(1));
        assertEquals("done in an earlier run; not sent again", detailOf(2));
        assertEquals(List.of("p-agent-1", "p-agent-2", "p-agent-3"), addSkillsBodies().stream()
                .map(body -> body.path("PersonId").asText()).sorted().toList(), "one call each, done rows not again");
    }

    @Test
    void calabrioUnavailableWhileTheRestOfAChunkIsLookedUpNeverSetsItsDoneRowsBack() throws Exception {
        calabrio.knows("agent-1", "agent-2", "agent-3").knowsFromLookup("agent-4", 3).failLookup(2, 503);
        calabrio.server.stubFor(post(urlEqualTo("/api/command/AddSkillsToPerson")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.PersonId", equalTo("p-agent-3"))).inScenario("third")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429)
                        .withHeader("Retry-After", "5")).willSetStateTo("taken"));
        InstanceState state = run(file(agent(1, "Billing"), agent(2, "Sales"), agent(3, "Sales"), agent(4, "Sales")),
                "ONBOARDING_RETRY_MINUTES", "30", "ONBOARDING_WAIT_HOURS", "2");
        assertEquals(InstanceState.Status.COMPLETED, state.status(), state.failureMessage());
        assertEquals(3, calabrio.lookups(), "the first; the chunk's turn after the 429, which failed; the one after");
        assertEquals(List.of("skills-added", "skills-added", "skills-added", "skills-added"), List.of(outcomeOf(1),
                outcomeOf(2), outcomeOf(3), outcomeOf(4)));
        assertEquals(List.of("p-agent-1", "p-agent-2", "p-agent-3", "p-agent-3", "p-agent-4"), addSkillsBodies()
                .stream().map(body -> body.path("PersonId").asText()).sorted().toList(),
                "agents 1 and 2 once; agent 3 throttled, then taken without a look-up of its own; agent 4 once found");
    }

    @Test
    void aRetryAfterOfZeroIsTakenAtItsWordNotAsSilence() throws Exception {
        calabrio.knows("agent-1");
        calabrio.server.stubFor(post(urlEqualTo("/api/command/AddSkillsToPerson")).atPriority(1).inScenario("now")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429)
                        .withHeader("Retry-After", "0")).willSetStateTo("taken"));
        assertEquals(InstanceState.Status.COMPLETED, run(file(agent(1, "Billing"))).status());
        assertEquals("skills-added", outcomeOf(1));
        // The skills, the look-up, the call Calabrio throttled, the call again (its person is known by now).
        assertEquals(4, callTimes.size());
        assertTrue(Duration.between(callTimes.get(2), callTimes.get(3)).toSeconds() < 5,
                "no pause where Calabrio asked for none: " + callTimes);
    }

    /** Why the run failed, as an operator reads it in Azure: in its custom status. */
    private static String failure(InstanceState state) throws IOException {
        return JSON.readTree(state.customStatus()).path("failure").asText();
    }
}
