package com.wixanswers.wfm.cli;

import com.wixanswers.wfm.testing.TestDatabase;
import com.wixanswers.wfm.testing.WfmStandIn;
import com.wixanswers.wfm.testing.Workbooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** calabrio-sync onboard, validate and setup-check, against WireMock as Calabrio's WFM API. */
class OnboardingCliTest {
    private static final String FILE = "agentId;firstName;lastName;email;startDate;skills\r\n"
            + "agent-1;Ann;Smith;ann@example.com;2026-12-01;Billing\r\n"
            + "agent-2;Bo;Berg;bo@example.com;2026-12-01;Sales|Billing\r\n";

    @TempDir
    Path directory;
    private final WfmStandIn calabrio = new WfmStandIn("Billing", "Sales");

    @AfterEach
    void close() {
        calabrio.close();
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private Outcome cli(String... args) {
        Map<String, String> environment = new HashMap<>(calabrio.settings());
        environment.put("ONBOARDING_DEFAULT_ORGANIZATION", "London/Support");
        environment.put("ONBOARDING_DEFAULT_ROLE", "Agent");
        environment.put("ONBOARDING_DEFAULT_CONTRACT", "Full time");
        environment.put("ONBOARDING_DEFAULT_CONTRACT_SCHEDULE", "Mon-Fri");
        environment.put("ONBOARDING_DEFAULT_PART_TIME_PERCENTAGE", "100%");
        return cli(environment, args);
    }

    private static Outcome cli(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = CalabrioSync.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8));
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }

    private Path file(String name, String content) throws Exception {
        Path file = directory.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void onboardWritesThePeopleFileAndTheReportAndARerunSendsNothingTwice() throws Exception {
        calabrio.knows("agent-1", "agent-2");
        Path out = directory.resolve("out");
        Outcome first = cli("onboard", file("team.csv", FILE).toString(), "--out", out.toString());
        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertTrue(first.out().contains("skills-added     2"), first.out());
        assertTrue(Files.readString(out.resolve("reports/team.report.csv")).startsWith("row,agentId,outcome,detail"));
        assertTrue(Files.exists(out.resolve("calabrio-import/team.xlsx")));
        assertTrue(first.err().contains("report"), "progress per wave on stderr: " + first.err());

        Outcome again = cli("onboard", directory.resolve("team.csv").toString(), "--out", out.toString());
        assertEquals(0, again.exitCode(), again.out());
        calabrio.server.verify(2, postRequestedFor(urlEqualTo("/api/command/AddSkillsToPerson")));
        assertFalse(first.out().contains(WfmStandIn.TOKEN) || first.err().contains(WfmStandIn.TOKEN));
    }

    @Test
    void aDryRunReadsCalabrioButWritesItsCommandsToFiles() throws Exception {
        calabrio.knows("agent-1", "agent-2");
        Path out = directory.resolve("out");
        Outcome dry = cli("onboard", file("team.csv", FILE).toString(), "--out", out.toString(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry.out() + dry.err());
        calabrio.server.verify(0, postRequestedFor(urlEqualTo("/api/command/AddSkillsToPerson")));
        calabrio.server.verify(1, postRequestedFor(urlEqualTo("/api/query/Skill/AllSkills")));
        String body = Files.readString(out.resolve("requests/AddSkillsToPerson-row-2-agent-2.json"));
        assertTrue(body.contains("\"PersonId\":\"p-agent-2\"") && body.contains("\"SkillIds\":[\"skill-sales\","
                + "\"skill-billing\"]"), body);
        assertTrue(Files.readString(out.resolve("reports/team.report.csv")).contains("dry run: not sent"));
    }

    @Test
    void rowsLeftUndoneExit1AndAnUnreadableFileExits2() throws Exception {
        calabrio.knows("agent-1");
        Path out = directory.resolve("out");
        Outcome waiting = cli("onboard", file("team.csv", FILE).toString(), "--out", out.toString(),
                "--retry-seconds", "1", "--wait-seconds", "0");
        assertEquals(1, waiting.exitCode(), waiting.out());
        assertTrue(waiting.out().contains("waiting-for-person"), waiting.out());

        Outcome unreadable = cli("onboard", file("bad.csv", "name\nAnn\n").toString(), "--out", out.toString());
        assertEquals(2, unreadable.exitCode(), unreadable.out());
        assertTrue(unreadable.out().contains("the file cannot be read: the first row is not a header"),
                unreadable.out());
        assertEquals(2, cli("onboard").exitCode());
        assertEquals(2, cli("onboard", directory.resolve("missing.csv").toString()).exitCode());
    }

    @Test
    void theDryRunFlagGoesBeforeOrAfterTheFileAndAMissingWfmSettingExits2() throws Exception {
        calabrio.knows("agent-1", "agent-2");
        Path out = directory.resolve("out");
        Outcome dry = cli("onboard", "--dry-run", file("team.csv", FILE).toString(), "--out", out.toString());
        assertEquals(0, dry.exitCode(), dry.out() + dry.err());
        assertTrue(Files.exists(out.resolve("requests/AddSkillsToPerson-row-1-agent-1.json")));

        Map<String, String> environment = new HashMap<>(calabrio.settings());
        environment.remove("CALABRIO_API_TOKEN");
        Outcome noToken = cli(environment, "onboard", directory.resolve("team.csv").toString(), "--out",
                directory.resolve("other").toString());
        assertEquals(2, noToken.exitCode(), noToken.out());
        assertTrue(noToken.err().contains("CALABRIO_API_TOKEN"), noToken.err());
        assertTrue(Files.notExists(directory.resolve("other")), "nothing ran, nothing was written");
    }

    @Test
    void validatePrintsEveryRowsOutcomeAndCallsNothing() throws Exception {
        Outcome valid = cli("validate", file("team.csv", FILE).toString());
        assertEquals(0, valid.exitCode(), valid.out());
        Outcome invalid = cli("validate", file("bad.csv", FILE + "agent-3;Cy;;cy@example;2026-12-01;\r\n"
                + ";Di;Ek;di@example.com;2026-12-01;Sales\r\n").toString());
        assertEquals(1, invalid.exitCode());
        assertTrue(invalid.out().contains("lastName is empty; email 'cy@example' is not an e-mail address"),
                invalid.out());
        assertTrue(invalid.out().lines().anyMatch(line -> line.matches(" *4 +invalid +agentId is empty")),
                "a row without an agentId shows a blank, not 'null':\n" + invalid.out());
        assertEquals(0, calabrio.calls(), "validate calls nothing");
    }

    @Test
    void setupCheckListsAgentsWithoutAPersonQueuesAndUnknownSkills() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            database.row().offered(yesterday.toString()).queue("q-billing", "Billing").answered("agent-1", 5, 60, 5)
                    .insert();
            database.row().offered(yesterday.toString()).queue("q-sales", "Sales").answered("agent-7", 5, 60, 5)
                    .insert();
            calabrio.knows("agent-1");
            Map<String, String> environment = new HashMap<>(calabrio.settings());
            environment.put("SQL_CONNECTION_STRING", database.url());
            Outcome check = cli(environment, "setup-check", "--days", "7", "--file",
                    file("team.csv", FILE.replace("Sales|Billing", "Astrology")).toString());
            assertEquals(1, check.exitCode(), check.out() + check.err());
            assertTrue(check.out().contains("whom Calabrio has no person for (1):\n  agent-7"), check.out());
            assertTrue(check.out().contains("q-billing  Billing") && check.out().contains("q-sales    Sales"),
                    check.out());
            assertTrue(check.out().contains("Calabrio does not have (1):\n  Astrology"), check.out());

            // Without --file: the skills of the last onboarding file, the newest upload onboard kept.
            calabrio.knows("agent-7");
            Path out = directory.resolve("out");
            Files.createDirectories(out.resolve("incoming"));
            Files.writeString(out.resolve("incoming/old.csv"), FILE.replace("Sales|Billing", "Astrology"));
            Files.setLastModifiedTime(out.resolve("incoming/old.csv"),
                    java.nio.file.attribute.FileTime.from(yesterday));
            Files.writeString(out.resolve("incoming/new.csv"), FILE);
            Outcome last = cli(environment, "setup-check", "--out", out.toString());
            assertEquals(0, last.exitCode(), last.out() + last.err());
            assertTrue(last.out().contains("Skills of " + out.resolve("incoming/new.csv")
                    + " that Calabrio does not have (0)"), last.out());

            calabrio.server.stubFor(post(urlEqualTo("/api/query/Skill/AllSkills")).atPriority(1)
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
            Outcome busy = cli(environment, "setup-check", "--out", out.toString());
            assertEquals(1, busy.exitCode(), busy.out() + busy.err());
            assertTrue(busy.err().startsWith("calabrio-sync: Calabrio WFM API answered HTTP 429")
                    && busy.err().contains("retry after 30 s"), busy.err());
        }
    }

    @Test
    void validateOnboardAndSetupCheckTakeAnExcelWorkbookAsTheyTakeACsv() throws Exception {
        Path workbook = directory.resolve("team.xlsx");
        Files.write(workbook, Workbooks.xlsx(List.of(
                List.of("agentId", "firstName", "lastName", "email", "startDate", "skills"),
                List.of("agent-1", "Ann", "Smith", "ann@example.com", Workbooks.date(LocalDate.of(2026, 12, 1)),
                        "Billing"),
                List.of("agent-2", "Bo", "Berg", "bo@example.com", "2026-12-01", "Sales|Astrology"))));
        Outcome validate = cli("validate", workbook.toString());
        assertEquals(0, validate.exitCode(), validate.out());
        assertTrue(validate.out().contains("2 rows, 0 invalid"), validate.out());

        calabrio.knows("agent-1", "agent-2");
        Path out = directory.resolve("out");
        Outcome onboard = cli("onboard", workbook.toString(), "--out", out.toString());
        assertEquals(1, onboard.exitCode(), onboard.out() + onboard.err());
        assertTrue(onboard.out().contains("skills-added     1") && onboard.out().contains("invalid          1"),
                onboard.out());
        assertTrue(onboard.out().contains(out.resolve("calabrio-import/team.xlsx").toString()), onboard.out());
        assertEquals(List.of("agent-1"), Workbooks.readAsCalabrio(Files.readAllBytes(out.resolve(
                "calabrio-import/team.xlsx")), "Start date").stream().map(person -> person.get("Employment number"))
                .toList(), "the row naming a skill Calabrio lacks leaves the workbook");

        try (TestDatabase database = new TestDatabase()) {
            Map<String, String> environment = new HashMap<>(calabrio.settings());
            environment.put("SQL_CONNECTION_STRING", database.url());
            Outcome check = cli(environment, "setup-check", "--file", workbook.toString());
            assertTrue(check.out().contains("Calabrio does not have (1):\n  Astrology"), check.out());
        }
    }
}
