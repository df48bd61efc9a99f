package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.config.Settings.OnboardingDefaults;
import com.wixanswers.wfm.testing.Workbooks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agents file against every bad input of onboarding-file.md, and the good ones it must take. */
class AgentsFileTest {
    private static final String HEADER = "agentId,firstName,lastName,email,startDate,skills";
    private static final OnboardingDefaults DEFAULTS = new OnboardingDefaults(Optional.of("London/Support"),
            Optional.of("Agent"), Optional.of("Full time"), Optional.of("Mon-Fri"), Optional.of("100%"));

    private static AgentsFile.Parsed read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static AgentsFile.Parsed read(byte[] bytes) {
        return new AgentsFile(100, 10_000, DEFAULTS).read(new ByteArrayInputStream(bytes));
    }

    private static AgentRow only(AgentsFile.Parsed parsed) {
        assertNull(parsed.unreadable(), parsed.unreadable());
        assertEquals(1, parsed.rows().size());
        return parsed.rows().get(0);
    }

    @Test
    void aGoodRowIsReadWithItsDefaultsAndItsAgentIdAsEmploymentNumber() {
        AgentRow row = only(read(HEADER + "\nagent-1,Ann,Smith,ann@example.com,2026-12-01,Billing; Sales |Support\n"));
        assertTrue(row.valid(), row.problems().toString());
        assertEquals(1, row.row());
        assertEquals("agent-1", row.employmentNumber());
        assertEquals(LocalDate.of(2026, 12, 1), row.startDate());
        assertEquals(List.of("Billing", "Sales", "Support"), row.skills());
        assertEquals("London/Support", row.organization());
        assertEquals("London", row.site());
        assertEquals("Support", row.team());
        assertEquals("Agent", row.role());
        assertNull(row.identityLogon());
    }

    @Test
    void theHeaderIsMatchedCaseInsensitivelyInAnyOrderAndUnknownColumnsAreWarnings() {
        AgentsFile.Parsed parsed = read("SKILLS,Email,AGENTID,lastname,FirstName,startdate,Favourite Colour,"
                + "employmentNumber\nBilling,ann@example.com,agent-1,Smith,Ann,2026-12-01,blue,E-100\n");
        AgentRow row = only(parsed);
        assertTrue(row.valid(), row.problems().toString());
        assertEquals("E-100", row.employmentNumber());
        assertEquals(List.of("unknown column 'Favourite Colour' is ignored"), parsed.warnings());
    }

    @Test
    void headerNamesMatchIgnoringSpacesHyphensAndUnderscoresAndShiftBagIsAcceptedButIgnored() {
        AgentsFile.Parsed parsed = read("Agent ID;First-Name;last_name;E-mail;Start Date;SKILLS;Employment number;"
                + "Identity Logon;Shift bag\nagent-1;Ann;Smith;ann@example.com;2026-12-01;Billing;00123;ann@idp;"
                + "Early\n");
        AgentRow row = only(parsed);
        assertTrue(row.valid(), row.problems().toString());
        assertEquals("00123", row.employmentNumber());
        assertEquals("ann@idp", row.identityLogon());
        assertEquals(List.of("column shiftBag is ignored: Calabrio's people import has no shift bag column; give"
                + " shift bags in Calabrio"), parsed.warnings());
    }

    @Test
    void semicolonsBomCrlfAndQuotedSeparatorsAreRead() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "agentId;firstName;lastName;email;startDate;skills;organization\r\n"
                + "agent-1;\"Ann; Marie\";\"O\"\"Neil\";ann@example.com;2026-12-01;\"Billing|Sales\";\"Paris/Team, A\"\r\n";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(body, 0, file, bom.length, body.length);
        AgentRow row = only(read(file));
        assertTrue(row.valid(), row.problems().toString());
        assertEquals("agent-1", row.agentId(), "the BOM is not part of the first column's name");
        assertEquals("Ann; Marie", row.firstName());
        assertEquals("O\"Neil", row.lastName());
        assertEquals("Paris/Team, A", row.organization());
        assertEquals(List.of("Billing", "Sales"), row.skills());

        AgentRow commas = only(read(HEADER + "\r\nagent-2,\"Smith, Jr\",Bo,bo@example.com,2026-12-01,\"A,B\"\r\n"));
        assertEquals("Smith, Jr", commas.firstName());
        assertEquals(List.of("A,B"), commas.skills(), "a comma inside a skill name is part of it");
    }

    @Test
    void everyReasonARowIsInvalidIsGivenNotOnlyTheFirst() {
        AgentRow row = only(read(HEADER + ",organization\n,Maximilian-Alexander-Jonathan,,not-an-email,2026-02-30,"
                + " ; |,Support\n"));
        assertEquals(List.of("agentId is empty", "firstName is 29 characters; Calabrio takes at most 25",
                "lastName is empty", "email 'not-an-email' is not an e-mail address",
                "startDate '2026-02-30' is not a date (yyyy-MM-dd)",
                "organization 'Support' is not Site/Team",
                "skills is empty: name at least one skill, separated by ; or |"), row.problems());
    }

    @Test
    void badDatesAreNamedAsTheyCame() {
        for (String date : List.of("01.12.2026", "2026-13-01", "2026-12-1", "tomorrow", "2025-02-29")) {
            AgentRow row = only(read(HEADER + "\nagent-1,Ann,Smith,ann@example.com," + date + ",Billing\n"));
            assertEquals(List.of("startDate '" + date + "' is not a date (yyyy-MM-dd)"), row.problems(), date);
        }
    }

    @Test
    void aRowWithMoreOrFewerFieldsThanTheHeaderIsInvalid() {
        AgentsFile.Parsed parsed = read(HEADER + "\nagent-1,Ann,Smith,ann@example.com,2026-12-01,Billing,extra\n"
                + "agent-2,Bo,Berg,bo@example.com,2026-12-01\n");
        assertEquals(List.of("has 7 fields, the header has 6"), parsed.rows().get(0).problems());
        assertEquals(List.of("has 5 fields, the header has 6",
                "skills is empty: name at least one skill, separated by ; or |"), parsed.rows().get(1).problems());
    }

    @Test
    void ofTwoRowsWithOneAgentIdTheFirstStandsAndTheLaterNamesIt() {
        AgentsFile.Parsed parsed = read(HEADER + "\nagent-1,Ann,Smith,ann@example.com,2026-12-01,Billing\n"
                + "agent-2,Bo,Berg,bo@example.com,2026-12-01,Billing\n"
                + "AGENT-1,Ann,Smith,ann2@example.com,2026-12-01,Sales\n");
        assertTrue(parsed.rows().get(0).valid());
        assertTrue(parsed.rows().get(1).valid());
        assertEquals(List.of("agentId AGENT-1 is already on row 1 (the first stands)"),
                parsed.rows().get(2).problems(), "Calabrio matches external logons case-insensitively");
    }

    @Test
    void withNoDefaultSetARowThatNamesNoOrganizationRoleOrContractStaysValidForCalabriosImportDefaults() {
        OnboardingDefaults none = new OnboardingDefaults(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        AgentsFile file = new AgentsFile(100, 10_000, none);
        AgentRow row = file.read(new ByteArrayInputStream((HEADER + "\nagent-1,Ann,Smith,ann@example.com,2026-12-01,"
                + "Billing\n").getBytes(StandardCharsets.UTF_8))).rows().get(0);
        assertTrue(row.valid(), row.problems().toString());
        assertNull(row.organization());
        assertNull(row.site());
        assertNull(row.role());
        assertNull(row.contract());
        assertNull(row.contractSchedule());
        assertNull(row.partTimePercentage());
        assertEquals(List.of("Site", "Team", "Contract", "Contract schedule", "Part-time percentage", "Roles"),
                PeopleFile.leftToCalabrio(List.of(row)));
        assertEquals(List.of(), PeopleFile.leftToCalabrio(List.of(only(read(HEADER + "\nagent-1,Ann,Smith,"
                + "ann@example.com,2026-12-01,Billing\n")))), "every column given by the defaults");
    }

    @Test
    void aFileThatCannotBeReadAtAllSaysWhyAndHasNoRows() {
        assertEquals("the file is empty: it needs a header row naming its columns", read("").unreadable());
        assertTrue(read("agent-1,Ann,Smith,ann@example.com,2026-12-01,Billing\n").unreadable()
                .startsWith("the first row is not a header"));
        assertEquals("the header lacks the required columns email, skills",
                read("agentId,firstName,lastName,startDate\nagent-1,Ann,Smith,2026-12-01\n").unreadable());
        assertEquals("the header names the column email twice", read(HEADER + ",EMAIL\n").unreadable());

        byte[] latin1 = (HEADER + "\nagent-1,Ren\u00e9e,Smith,r@example.com,2026-12-01,Billing\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        AgentsFile.Parsed notUtf8 = read(latin1);
        assertTrue(notUtf8.unreadable().startsWith("the file is not UTF-8"), notUtf8.unreadable());
        assertTrue(notUtf8.rows().isEmpty());

        AgentsFile.Parsed broken = read(HEADER + "\nagent-1,\"Ann,Smith,ann@example.com,2026-12-01,Billing\n");
        assertNotNull(broken.unreadable());
        assertTrue(broken.rows().isEmpty());
    }

    @Test
    void aFileOverEitherLimitIsUnreadableAndNamesTheSetting() {
        StringBuilder rows = new StringBuilder(HEADER + "\n");
        for (int index = 1; index <= 101; index++) {
            rows.append("agent-").append(index).append(",A,B,a").append(index).append("@example.com,2026-12-01,X\n");
        }
        AgentsFile.Parsed tooManyRows = new AgentsFile(100, 1_000_000, DEFAULTS)
                .read(new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals("the CSV file has more than 100 data rows (ONBOARDING_MAX_ROWS); split it, or raise the setting",
                tooManyRows.unreadable());
        AgentsFile.Parsed tooLarge = new AgentsFile(1_000, 2_000, DEFAULTS)
                .read(new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals("the file is larger than 2,000 bytes (ONBOARDING_MAX_BYTES); split it, or raise the setting",
                tooLarge.unreadable());
        assertTrue(tooLarge.rows().isEmpty());
    }

    @Test
    void aFormulaInAValueIsKeptAsDataTextInTheWorkbookAndNeutralisedInEveryCsvWritten() {
        AgentRow row = only(read(HEADER + "\n\"=HYPERLINK(\"\"x\"\")\",+Ann,-Smith,ann@example.com,2026-12-01,Billing\n"));
        assertEquals("=HYPERLINK(\"x\")", row.agentId(), "the value itself is what the agent's id is");
        Map<String, Object> person = Workbooks.readAsCalabrio(PeopleFile.of(List.of(row)), PeopleFile.START_DATE)
                .get(0);
        assertEquals("+Ann", person.get("First name"), "a text cell, never a formula");
        assertEquals("=HYPERLINK(\"x\")", person.get("Employment number"));
        String csv = new String(new SafeCsv(List.of("a", "b")).row(List.of("+Ann", "=HYPERLINK(\"x\")")).bytes(),
                StandardCharsets.UTF_8);
        assertTrue(csv.contains("'+Ann,\"'=HYPERLINK(\"\"x\"\")\""), csv);
        assertEquals("'\tx", SafeCsv.neutralised("\tx"));
        assertEquals("'\rx", SafeCsv.neutralised("\rx"));
        assertEquals("plain", SafeCsv.neutralised("plain"));
    }

    @Test
    void theSkillsListIsSplitOnSemicolonsAndBarsAndTrimmed() {
        assertEquals(List.of("Billing", "Sales", "Tech Support"), AgentsFile.skills(" Billing ;Sales||Tech Support; "));
        assertEquals(',', CsvRows.delimiterOf("agentId,firstName,\"a;b\""));
        assertEquals(';', CsvRows.delimiterOf("agentId;firstName;skills"));
    }
}
