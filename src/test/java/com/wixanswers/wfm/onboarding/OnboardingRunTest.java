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

    /** Runs an upload of {@code csv} to its end, with these settings over the test's own. */
    private InstanceState run(String csv, String... settings) throws Exception {
        Map<String, String> environment = new HashMap<>(calabrio.settings());
        environment.put("ONBOARDING_DEFAULT_ORGANIZATION", "London/Support");
        environment.put("ONBOARDING_DEFAULT_ROLE", "Agent");
        environment.put("ONBOARDING_DEFAULT_CONTRACT", "Full time");
        environment.put("ONBOARDING_DEFAULT_CONTRACT_SCHEDULE", "Mon-Fri");
        environment.put("ONBOARDING_DEFAULT_PART_TIME_PERCENTAGE", "100%");
        for (int index = 0; index < settings.length; index += 2) {
            environment.put(settings[index], settings[index + 1]);
        }
        integration = new Integration.Builder(Settings.load(environment), new EnvironmentSecrets(environment))
                .onboardingFolder(new DirectoryFolder(directory))
                .wfmAround(this::recorded)
                .build();
        Files.createDirectories(directory.resolve("incoming"));
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        Files.write(directory.resolve(UPLOAD), bytes);
        driver = new InProcessDriver(integration.workflows(), 4, clock);
        String instanceId = integration.onboardingRuns().startUpload(driver, UPLOAD, bytes).orElseThrow();
        return driver.awaitCompletion(instanceId);
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
        assertEquals("calabrio-import/agents.csv", json.path("importFile").asText());
        List<String> people = Files.readAllLines(directory.resolve("calabrio-import/agents.csv"));
        assertEquals(String.join(",", PeopleFile.COLUMNS), people.get(0));
        assertEquals(3, people.size(), "the people file holds the agents Calabrio can import, nothing else");
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
        assertEquals("3 of 4 rows of incoming/agents.csv failed; the report reports/agents.report.csv says why, row"
                + " by row", state.failureMessage());
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
        assertTrue(state.failureMessage().contains("CALABRIO_API_TOKEN"), state.failureMessage());
        assertFalse(state.failureMessage().contains(WfmStandIn.TOKEN));
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
        assertEquals(1 + 7 + 300, times.size(), "the skills, seven look-ups of up to 49, one call per agent");
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
        assertTrue(state.failureMessage().contains("the header lacks the required columns"), state.failureMessage());
        assertEquals(0, calabrio.calls());
        JsonNode json = reportJson();
        assertEquals("the header lacks the required columns lastName, email, startDate, skills",
                json.path("unreadable").asText());
        assertEquals(List.of("row,agentId,outcome,detail,employmentNumber,startDate,skills"), Files.readAllLines(
                directory.resolve("reports/agents.report.csv")));
    }
}
