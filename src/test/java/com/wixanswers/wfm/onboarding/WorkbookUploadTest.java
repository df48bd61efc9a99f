package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.config.Settings.OnboardingDefaults;
import com.wixanswers.wfm.testing.Workbooks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static com.wixanswers.wfm.testing.Workbooks.date;
import static com.wixanswers.wfm.testing.Workbooks.formula;
import static com.wixanswers.wfm.testing.Workbooks.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agents sheets uploaded as Excel workbooks (written here by Apache POI as Excel writes them: shared strings,
 * styles), read as a person sees the cells, with the same outcomes and limits as a CSV.
 */
class WorkbookUploadTest {
    private static final List<Object> HEADER = List.of("Agent ID", "First name", "Last name", "Email",
            "Start date", "Skills", "Employment number");
    private static final OnboardingDefaults NONE = new OnboardingDefaults(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    private static AgentsFile.Parsed read(byte[] bytes) {
        return read(bytes, 100, 100_000);
    }

    private static AgentsFile.Parsed read(byte[] bytes, int maxRows, long maxBytes) {
        return new AgentsFile(maxRows, maxBytes, NONE).read(new ByteArrayInputStream(bytes));
    }

    @SafeVarargs
    private static byte[] sheet(List<Object>... rows) {
        return Workbooks.xlsx(Arrays.asList(rows));
    }

    @Test
    void cellsAreReadAsAPersonSeesThemDateCellsNumbersAndFormulasAlike() {
        AgentsFile.Parsed parsed = read(sheet(
                HEADER,
                Arrays.asList("agent-1", "Ann", "Smith", "ann@example.com", date(LocalDate.of(2026, 12, 1)),
                        "Billing; Sales", number(1001)),
                Arrays.asList("agent-2", "Bo", "Berg", "bo@example.com", "2026-12-02", "Billing",
                        number(123, "00000")),
                null,
                Arrays.asList(formula("\"agent-\"&(1+2)"), "Cy", "Chan", "cy@example.com",
                        date(LocalDate.of(2026, 12, 3)), "Sales", number(77.5))));
        assertNull(parsed.unreadable(), parsed.unreadable());
        assertEquals(3, parsed.rows().size(), "the blank row is skipped");
        AgentRow ann = parsed.rows().get(0);
        assertTrue(ann.valid(), ann.problems().toString());
        assertEquals(LocalDate.of(2026, 12, 1), ann.startDate(), "a date cell is its date");
        assertEquals("1001", ann.employmentNumber(), "a number typed in a text column is its plain digits");
        assertEquals(List.of("Billing", "Sales"), ann.skills(), "text from the shared-strings table");
        AgentRow bo = parsed.rows().get(1);
        assertTrue(bo.valid(), bo.problems().toString());
        assertEquals(LocalDate.of(2026, 12, 2), bo.startDate(), "a date typed as text in yyyy-MM-dd");
        assertEquals("00123", bo.employmentNumber(), "as its 00000 format shows it");
        AgentRow cy = parsed.rows().get(2);
        assertEquals("agent-3", cy.agentId(), "a formula is the value it last showed");
        assertEquals("77.5", cy.employmentNumber());
        assertEquals(3, cy.row(), "rows count the data rows, blank ones not");
    }

    @Test
    void aValueUnderNoHeaderATextDateInAnotherFormAndAnErrorCellMakeTheirRowInvalid() {
        AgentsFile.Parsed parsed = read(sheet(
                HEADER,
                Arrays.asList("agent-1", "Ann", "Smith", "ann@example.com", "01/12/2026", "Billing", null, "note"),
                Arrays.asList("agent-2", "Bo", "Berg", "bo@example.com", date(LocalDate.of(2026, 12, 2)),
                        formula("1/0"))));
        assertEquals(List.of("cell H2 holds a value, but its column has no header",
                "startDate '01/12/2026' is not a date (yyyy-MM-dd)"), parsed.rows().get(0).problems());
        assertTrue(parsed.rows().get(1).problems().stream().anyMatch(problem -> problem.contains("#DIV/0!")),
                parsed.rows().get(1).problems().toString());
    }

    @Test
    void aPercentFormatShowsItsPercentAndHeaderCellsMatchAsInACsv() {
        AgentsFile.Parsed parsed = read(sheet(
                List.of("AGENT_ID", "first-name", "lastname", "e-mail", "StartDate", "skills", "Part-time percentage",
                        "Organization"),
                Arrays.asList("agent-1", "Ann", "Smith", "ann@example.com", date(LocalDate.of(2026, 12, 1)),
                        "Billing", number(0.8, "0%"), "London/Support")));
        AgentRow row = parsed.rows().get(0);
        assertTrue(row.valid(), row.problems().toString());
        assertEquals("80%", row.partTimePercentage());
        assertEquals("London", row.site());
    }

    @Test
    void theSameRowsGiveTheSameOutcomesAsACsv() {
        String csv = "agentId,firstName,lastName,email,startDate,skills\n"
                + "agent-1,Ann,Smith,ann@example.com,2026-12-01,Billing\n"
                + "agent-1,Ann,Smith,ann@example.com,2026-12-01,Billing\n"
                + ",Bo,,not-an-email,2026-02-30,\n";
        AgentsFile.Parsed fromCsv = read(csv.getBytes(StandardCharsets.UTF_8));
        AgentsFile.Parsed fromWorkbook = read(sheet(
                List.of("agentId", "firstName", "lastName", "email", "startDate", "skills"),
                List.of("agent-1", "Ann", "Smith", "ann@example.com", "2026-12-01", "Billing"),
                List.of("agent-1", "Ann", "Smith", "ann@example.com", "2026-12-01", "Billing"),
                Arrays.asList(null, "Bo", null, "not-an-email", "2026-02-30", null)));
        assertEquals(fromCsv.rows(), fromWorkbook.rows());
    }

    @Test
    void aWorkbookOverALimitAnOldExcelFileAndAZipThatIsNoWorkbookCannotBeRead() throws IOException {
        List<List<Object>> many = new ArrayList<>();
        many.add(List.of("agentId", "firstName", "lastName", "email", "startDate", "skills"));
        for (int index = 1; index <= 6; index++) {
            many.add(List.of("agent-" + index, "A", "B", "a" + index + "@example.com", "2026-12-01", "X"));
        }
        assertEquals("the workbook has more than 5 data rows (ONBOARDING_MAX_ROWS); split it, or raise the setting",
                read(Workbooks.xlsx(many), 5, 100_000).unreadable());

        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        assertTrue(read(ole2).unreadable().startsWith("the file is an Excel 97-2003 workbook (.xls)"),
                read(ole2).unreadable());

        byte[] notAWorkbook = zip("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals("the file is a ZIP archive but not an Excel workbook (.xlsx): save it from Excel as a workbook"
                + " or as CSV UTF-8", read(notAWorkbook).unreadable());
    }

    @Test
    void aZipBombIsRefusedBeforeItIsParsed() throws IOException {
        byte[] bomb = zip("xl/worksheets/sheet1.xml", new byte[2_000_000]);
        assertTrue(bomb.length < 10_000, "small on the wire: " + bomb.length);
        assertEquals("the workbook unpacks to more than 100,000 bytes (ten times ONBOARDING_MAX_BYTES): split it,"
                + " or raise the setting", read(bomb, 100, 10_000).unreadable());
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
