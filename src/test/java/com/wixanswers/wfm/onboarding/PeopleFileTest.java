package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.testing.Workbooks;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The people workbook read back with Apache POI as Calabrio's importer reads it (NPOI): row 1 the header in the
 * current format's order, the start date a date cell, every other value a text cell, empty where Calabrio's import
 * defaults fill it.
 */
class PeopleFileTest {
    private static AgentRow row(String employmentNumber, String organization, String role, String identityLogon) {
        return new AgentRow(1, "agent-1", "Ann", "Smith", "ann@example.com", employmentNumber,
                LocalDate.of(2026, 12, 1), organization, role, organization == null ? null : "Full time",
                organization == null ? null : "Mon-Fri", organization == null ? null : "80%", identityLogon,
                List.of("Billing"), List.of());
    }

    @Test
    void theHeaderIsTheCurrentFormatsInItsOrder() {
        assertEquals(List.of("First name", "Last name", "Start date", "Site", "Team", "Contract", "Contract schedule",
                "Part-time percentage", "Employment number", "Email address", "Application logon name",
                "Identity logon", "Roles"), Workbooks.header(PeopleFile.of(List.of())));
    }

    @Test
    void everyValueIsATextCellButTheStartDateADateCellAndTheOrganizationIsSplit() {
        byte[] workbook = PeopleFile.of(List.of(row("00123", "London/Support Team", "Agent", "ann@idp.example")));
        Map<String, Object> person = Workbooks.readAsCalabrio(workbook, PeopleFile.START_DATE).get(0);
        assertEquals(LocalDate.of(2026, 12, 1), person.get("Start date"));
        assertEquals("yyyy-mm-dd", Workbooks.dateFormat(workbook, 1, 2));
        assertEquals("00123", person.get("Employment number"), "text, never the number 123");
        assertEquals("London", person.get("Site"));
        assertEquals("Support Team", person.get("Team"));
        assertEquals("80%", person.get("Part-time percentage"));
        assertEquals("ann@example.com", person.get("Email address"));
        assertEquals("ann@example.com", person.get("Application logon name"));
        assertEquals("ann@idp.example", person.get("Identity logon"));
        assertEquals("Agent", person.get("Roles"));
    }

    @Test
    void whatNeitherTheRowNorASettingGivesIsAnEmptyCellForCalabriosDefaults() {
        AgentRow bare = row("agent-1", null, null, null);
        Map<String, Object> person = Workbooks.readAsCalabrio(PeopleFile.of(List.of(bare)), PeopleFile.START_DATE)
                .get(0);
        for (String column : List.of("Site", "Team", "Contract", "Contract schedule", "Part-time percentage",
                "Identity logon", "Roles")) {
            assertNull(person.get(column), column);
        }
        assertEquals("agent-1", person.get("Employment number"), "the look-up's key is always there");
        assertEquals(List.of("Site", "Team", "Contract", "Contract schedule", "Part-time percentage", "Roles"),
                PeopleFile.leftToCalabrio(List.of(row("a", "X/Y", "Agent", null), bare)));
    }

    @Test
    void theReaderThatChecksTheCellsRefusesANumberInATextColumn() {
        byte[] numberInText = Workbooks.xlsx(List.of(Arrays.asList("First name", "Start date", "Employment number"),
                Arrays.asList("Ann", Workbooks.date(LocalDate.of(2026, 12, 1)), Workbooks.number(123))));
        AssertionError refused = assertThrows(AssertionError.class,
                () -> Workbooks.readAsCalabrio(numberInText, "Start date"));
        assertEquals("cell C2 (NUMERIC): requires text cell format", refused.getMessage());
    }
}
