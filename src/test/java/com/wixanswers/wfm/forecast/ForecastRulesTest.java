package com.wixanswers.wfm.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.calabrio.WfmClient;
import com.wixanswers.wfm.demo.DemoCalabrio;
import com.wixanswers.wfm.demo.ForecastsSchema;
import com.wixanswers.wfm.forecast.ForecastMessages.FileRequest;
import com.wixanswers.wfm.forecast.ForecastMessages.HorizonRef;
import com.wixanswers.wfm.forecast.ForecastMessages.Plan;
import com.wixanswers.wfm.forecast.ForecastMessages.SkillRequest;
import com.wixanswers.wfm.forecast.ForecastMessages.SkillSummary;
import com.wixanswers.wfm.sql.Database;
import com.wixanswers.wfm.sql.TableName;
import com.wixanswers.wfm.storage.DirectoryFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of forecasts.md one by one, on H2 in SQL Server mode, and the file Calabrio's importer reads. */
class ForecastRulesTest {
    private static final TableName TABLE = new TableName("forecasts");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant OLD = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant NEW = Instant.parse("2026-12-02T00:00:00Z");

    @TempDir
    Path directory;
    private final String url = "jdbc:h2:mem:forecast-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=MSSQLServer";
    private final Connection keepAlive;
    private final Database database = new Database(url, 2);
    private final List<String> calabrioSkills = new ArrayList<>(List.of("Billing", "Sales", "Tech, Support",
            "Say \"Hi\""));

    ForecastRulesTest() throws Exception {
        keepAlive = DriverManager.getConnection(url);
        ForecastsSchema.create(keepAlive, TABLE);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        keepAlive.createStatement().execute("SHUTDOWN");
    }

    private void row(String skill, String start, int minutes, String tasks, String agents, Instant createdAt)
            throws Exception {
        try (PreparedStatement insert = keepAlive.prepareStatement(ForecastsSchema.insertSql(TABLE))) {
            ForecastsSchema.bind(insert, skill, Instant.parse(start), minutes, new BigDecimal(tasks),
                    new BigDecimal("120.5"), new BigDecimal("30"), agents == null ? null : new BigDecimal(agents),
                    createdAt);
            insert.executeUpdate();
        }
    }

    private void day(String skill, LocalDate date, ZoneId zone, int minutes, Instant createdAt) throws Exception {
        for (Instant start = date.atStartOfDay(zone).toInstant(), end = date.plusDays(1).atStartOfDay(zone)
                .toInstant(); start.isBefore(end); start = start.plusSeconds(minutes * 60L)) {
            row(skill, start.toString(), minutes, "10", null, createdAt);
        }
    }

    private Forecasts forecasts(ZoneId zone) {
        WfmClient wfm = new WfmClient(new DemoCalabrio(calabrioSkills, List.of()), "bu");
        return new Forecasts(database, new ForecastQueries(TABLE), () -> wfm, zone, Optional.of("scenario"),
                new DirectoryFolder(directory));
    }

    /** What the run does, skill by skill, without sending: the parts, then the file; answers the file's text. */
    private String fileOf(Forecasts forecasts, String firstDay, int days) throws Exception {
        Plan plan = forecasts.plan(horizon(firstDay, days), false);
        FileRequest file = new FileRequest();
        file.firstDay = firstDay;
        file.days = days;
        file.plan = plan;
        ForecastHorizon horizon = forecasts.horizon(file);
        for (int index = 0; index < plan.skills.size(); index++) {
            SkillRequest request = new SkillRequest();
            request.firstDay = firstDay;
            request.days = days;
            request.skill = plan.skills.get(index);
            request.separator = plan.separator;
            request.part = plan.unwritable.contains(request.skill.name) ? null
                    : Forecasts.part(horizon.name(), index);
            file.summaries.add(forecasts.sendSkill(request));
        }
        lastFile = forecasts.writeFile(file);
        return Files.readString(directory.resolve(lastFile.file));
    }

    private ForecastMessages.FileSummary lastFile;

    private static HorizonRef horizon(String firstDay, int days) {
        HorizonRef ref = new HorizonRef();
        ref.firstDay = firstDay;
        ref.days = days;
        return ref;
    }

    private List<ForecastRow> newest(ForecastHorizon horizon, String... storedNames) {
        List<ForecastRow> rows = new ArrayList<>();
        database.run("test", connection -> {
            new ForecastQueries(TABLE).rows(connection, horizon, List.of(storedNames), rows::add, invalid -> { });
            return null;
        });
        return rows;
    }

    @Test
    void theNewestRowOfEachIntervalWinsWhateverTheSpellingOfTheSkill() throws Exception {
        row("Billing", "2026-12-03T09:00:00Z", 60, "10", null, OLD);
        row("billing", "2026-12-03T09:00:00Z", 60, "12", null, NEW);
        row("Billing", "2026-12-03T10:00:00Z", 60, "7", null, NEW);
        row("Billing", "2026-12-03T10:00:00Z", 60, "8", null, OLD);
        Plan plan = forecasts(ZoneId.of("UTC")).plan(horizon("2026-12-03", 1), false);
        assertEquals(1, plan.skills.size());
        assertEquals(List.of("Billing", "billing"), plan.skills.get(0).storedNames);
        List<ForecastRow> rows = newest(new ForecastHorizon(LocalDate.of(2026, 12, 3), 1, ZoneId.of("UTC")), "Billing",
                "billing");
        assertEquals(List.of("12.000", "7.000"), rows.stream().map(row -> row.tasks().toString()).toList());
    }

    @Test
    void invalidRowsAreLeftOutBeforeTheNewestIsChosenAndReported() throws Exception {
        row("Billing", "2026-12-03T09:00:00Z", 60, "10", null, OLD);
        row("Billing", "2026-12-03T09:00:00Z", 60, "-1", null, NEW);
        row("Billing", "2026-12-03T10:00:00Z", 20, "5", null, NEW);
        row("Billing", "2026-12-03T11:10:00Z", 60, "5", null, NEW);
        row("Billing", "2026-12-03T12:00:05Z", 15, "5", null, NEW);
        row("Billing", "2026-12-03T13:00:00Z", 60, "5", "-2", NEW);
        row("B".repeat(51), "2026-12-03T09:00:00Z", 60, "5", null, NEW);
        ForecastHorizon horizon = new ForecastHorizon(LocalDate.of(2026, 12, 3), 1, ZoneId.of("UTC"));
        assertEquals(List.of("10.000"), newest(horizon, "Billing").stream().map(row -> row.tasks().toString()).toList(),
                "a newer invalid row never hides an older valid one");
        Forecasts forecasts = forecasts(ZoneId.of("UTC"));
        Plan plan = forecasts.plan(horizon("2026-12-03", 1), false);
        assertEquals(1, plan.invalidRows, "the long name's row, found by the plan");
        assertEquals("skill name over 50 characters", plan.invalidGroups.get(0).reason);
        assertEquals(List.of("Billing"), plan.skills.stream().map(skill -> skill.name).toList());
        SkillRequest request = new SkillRequest();
        request.firstDay = "2026-12-03";
        request.days = 1;
        request.skill = plan.skills.get(0);
        SkillSummary billing = forecasts.sendSkill(request);
        assertEquals(5, billing.invalidRows);
        Map<String, Long> byReason = new TreeMap<>();
        billing.invalidGroups.forEach(group -> byReason.merge(group.reason, group.rows, Long::sum));
        assertEquals(Map.of("a negative value", 2L, "interval_minutes is not 15, 30 or 60", 1L,
                "interval_start is off the interval's grid", 2L), byReason);
        assertEquals("2026-12-03T09:00:00Z", billing.invalidGroups.stream()
                .filter(group -> group.reason.equals("a negative value")).findFirst().orElseThrow().firstIntervalStart);
        assertEquals(1, billing.intervals);
    }

    @Test
    void theHorizonIsLocalMidnightToLocalMidnightTodayIncluded() throws Exception {
        row("Billing", "2026-12-02T22:59:59Z", 60, "1", null, NEW);
        row("Billing", "2026-12-02T23:00:00Z", 60, "2", null, NEW);
        row("Billing", "2026-12-04T22:00:00Z", 60, "3", null, NEW);
        row("Billing", "2026-12-04T23:00:00Z", 60, "4", null, NEW);
        ForecastHorizon horizon = new ForecastHorizon(LocalDate.of(2026, 12, 3), 2, BERLIN);
        assertEquals(List.of("2.000", "3.000"), newest(horizon, "Billing").stream()
                .map(row -> row.tasks().toString()).toList(), "Berlin's 3 and 4 December, not a second more");
    }

    @Test
    void theDaysTheClocksChangeHave23And25HoursInEuropeAndAmerica() throws Exception {
        for (Map.Entry<ZoneId, List<LocalDate>> zone : Map.of(BERLIN, List.of(LocalDate.of(2026, 3, 29),
                LocalDate.of(2026, 10, 25)), NEW_YORK, List.of(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 11, 1)))
                .entrySet()) {
            for (LocalDate date : zone.getValue()) {
                String skill = "Billing";
                keepAlive.createStatement().execute("DELETE FROM forecasts");
                day(skill, date, zone.getKey(), 60, NEW);
                day("Sales", date, zone.getKey(), 15, NEW);
                ForecastHorizon horizon = new ForecastHorizon(date, 1, zone.getKey());
                int expectedHours = date.getMonthValue() == 3 ? 23 : 25;
                assertEquals(expectedHours, ForecastDays.of(horizon, newest(horizon, skill)).intervals(),
                        zone.getKey() + " " + date);
                assertEquals(expectedHours * 4, ForecastDays.of(horizon, newest(horizon, "Sales")).intervals());
            }
        }
    }

    @Test
    void aDayMixingLengthsAndADayInAnotherLengthThanTheSkillsAreLeftOutAndSaySo() throws Exception {
        day("Billing", LocalDate.of(2026, 12, 3), ZoneId.of("UTC"), 15, NEW);
        day("Billing", LocalDate.of(2026, 12, 4), ZoneId.of("UTC"), 30, NEW);
        day("Billing", LocalDate.of(2026, 12, 5), ZoneId.of("UTC"), 15, NEW);
        row("Billing", "2026-12-06T09:00:00Z", 15, "1", null, NEW);
        row("Billing", "2026-12-06T10:00:00Z", 60, "1", null, NEW);
        ForecastHorizon horizon = new ForecastHorizon(LocalDate.of(2026, 12, 3), 4, ZoneId.of("UTC"));
        ForecastDays.Split split = ForecastDays.of(horizon, newest(horizon, "Billing"));
        assertEquals(List.of(LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 5)),
                split.days().stream().map(ForecastDays.Day::date).toList());
        assertEquals(List.of(new ForecastDays.LeftOut(LocalDate.of(2026, 12, 4), "is in 30-minute intervals where the"
                        + " skill's other days are in 15-minute ones"),
                new ForecastDays.LeftOut(LocalDate.of(2026, 12, 6), "mixes 15-minute and 60-minute intervals")),
                split.leftOut());
    }

    @Test
    void aSkillCalabrioLacksIsReportedByNameAndSentNowhere() throws Exception {
        row("Billing", "2026-12-03T09:00:00Z", 60, "1", null, NEW);
        row("Astrology", "2026-12-03T09:00:00Z", 60, "1", null, NEW);
        Forecasts forecasts = forecasts(ZoneId.of("UTC"));
        Plan plan = forecasts.plan(horizon("2026-12-03", 1), true);
        assertEquals(List.of("Astrology"), plan.unknownSkills);
        assertEquals(List.of("Billing"), plan.skills.stream().map(skill -> skill.name).toList());
        String written = fileOf(forecasts, "2026-12-03", 1);
        assertFalse(written.contains("Astrology"), written);
        assertTrue(Files.readString(directory.resolve("forecast-2026-12-03_2026-12-03.summary.json"))
                .contains("\"unknownSkills\" : [ \"Astrology\" ]"));
    }

    @Test
    void theFileIsExactlyWhatCalabriosImporterReads() throws Exception {
        // Berlin's fall-back day: 02:00 local comes twice (00:00Z and 01:00Z); agents only where forecast.
        row("Sales", "2026-10-25T00:00:00Z", 60, "10", "2", NEW);
        row("Sales", "2026-10-25T01:00:00Z", 60, "20", "4", NEW);
        row("Sales", "2026-10-25T02:00:00Z", 60, "0", null, NEW);
        row("Billing", "2026-10-24T22:00:00Z", 60, "16", "16.85", NEW);
        row("billing", "2026-10-24T23:00:00Z", 60, "1.5", null, NEW);
        byte[] written = fileOf(forecasts(BERLIN), "2026-10-25", 1).getBytes(StandardCharsets.UTF_8);
        String expected = ""
                + "Billing,20261025 00:00,20261025 01:00,16,120.5,30,16.85\r\n"
                + "Billing,20261025 01:00,20261025 02:00,1.5,120.5,30\r\n"
                + "Sales,20261025 02:00,20261025 03:00,15,120.5,30,3\r\n"
                + "Sales,20261025 03:00,20261025 04:00,0,120.5,30\r\n";
        assertEquals(expected, new String(written, StandardCharsets.UTF_8), "no header, CRLF, sorted by skill, local"
                + " times, the fall-back hour once with its mean tasks, numbers plain");
    }

    @Test
    void theFallBackHoursValuesAreTheMeanTasksAndTheTaskWeightedTimes() {
        ForecastRow first = new ForecastRow("S", Instant.parse("2026-10-25T00:00:00Z"), 60, new BigDecimal("10"),
                new BigDecimal("100"), new BigDecimal("10"), null);
        ForecastRow second = new ForecastRow("S", Instant.parse("2026-10-25T01:00:00Z"), 60, new BigDecimal("30"),
                new BigDecimal("200"), new BigDecimal("50"), new BigDecimal("3"));
        ForecastRow once = ForecastFile.onceForBoth(first, second);
        assertEquals("20", ForecastFile.number(once.tasks()), "twice 20 is the hour's 40: never doubled");
        assertEquals("175", ForecastFile.number(once.avgTaskSeconds()), "(10*100 + 30*200) / 40");
        assertEquals("40", ForecastFile.number(once.avgAfterTaskSeconds()));
        assertEquals("3", ForecastFile.number(once.agents()));
        assertEquals("0.001", ForecastFile.number(new BigDecimal("0.0005")));
        assertEquals("1234567.5", ForecastFile.number(new BigDecimal("1234567.500")));
    }

    @Test
    void aSkillNameWithACommaTurnsTheFileToSemicolonsAndAQuoteIsWrittenAsItIs() throws Exception {
        row("Tech, Support", "2026-12-03T09:00:00Z", 60, "1", null, NEW);
        row("Say \"Hi\"", "2026-12-03T09:00:00Z", 60, "2", null, NEW);
        assertEquals("Say \"Hi\";20261203 09:00;20261203 10:00;2;120.5;30\r\n"
                        + "Tech, Support;20261203 09:00;20261203 10:00;1;120.5;30\r\n",
                fileOf(forecasts(ZoneId.of("UTC")), "2026-12-03", 1));
        assertEquals(List.of(), lastFile.leftOut);
    }

    @Test
    void setForecastCarriesTheHorizonsDaysInUtcAndAgentsOnlyWhereForecast() throws Exception {
        row("Billing", "2026-12-03T09:00:00Z", 60, "1", "2", NEW);
        row("Billing", "2026-12-03T10:00:00Z", 60, "3", null, NEW);
        List<byte[]> sent = new ArrayList<>();
        WfmClient wfm = new WfmClient((path, name, body) -> {
            sent.add(body);
            return new ObjectMapper().createObjectNode().put("Successful", true);
        }, "bu-1");
        Forecasts forecasts = new Forecasts(database, new ForecastQueries(TABLE), () -> wfm, BERLIN, Optional.empty(),
                new DirectoryFolder(directory));
        SkillRequest request = new SkillRequest();
        request.firstDay = "2026-12-03";
        request.days = 1;
        request.skill = new ForecastMessages.Skill();
        request.skill.name = "Billing";
        request.skill.id = "skill-1";
        request.skill.storedNames = List.of("Billing");
        request.scenarioId = "scenario-1";
        request.send = true;
        SkillSummary summary = forecasts.sendSkill(request);
        assertTrue(summary.sent, summary.detail);
        assertNull(summary.detail);
        assertEquals(2, summary.intervals);
        assertEquals("{\"BusinessUnitId\":\"bu-1\",\"SkillId\":\"skill-1\",\"ScenarioId\":\"scenario-1\",\"Days\":[{"
                + "\"Date\":\"2026-12-03\",\"Intervals\":[{\"StartTimeUtc\":\"2026-12-03T09:00:00Z\",\"Tasks\":1.000,"
                + "\"AverageTaskTimeSeconds\":120.500,\"AverageAfterTaskTimeSeconds\":30.000,\"AgentsOverride\":2.000},"
                + "{\"StartTimeUtc\":\"2026-12-03T10:00:00Z\",\"Tasks\":3.000,\"AverageTaskTimeSeconds\":120.500,"
                + "\"AverageAfterTaskTimeSeconds\":30.000}]}]}", new String(sent.get(0), StandardCharsets.UTF_8));
    }
}
