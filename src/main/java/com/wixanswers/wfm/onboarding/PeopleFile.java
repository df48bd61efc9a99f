package com.wixanswers.wfm.onboarding;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Calabrio's people workbook ("Import new employees", docs/contracts/agents-sheet.md), for the admin to import in
 * Calabrio: one row per valid agent on the first sheet, the header in row 1, the columns in the current format's
 * order with its header texts (here and nowhere else), written with fastexcel. The start date is a date cell
 * ({@code yyyy-mm-dd}); every other value a text cell, so an employment number {@code 00123} stays text; no formula.
 * The employment number (the row's, else its agentId) is what the skills step finds the person by; the e-mail is
 * both the e-mail address and the application logon. An empty cell is left to Calabrio's import defaults.
 */
final class PeopleFile {
    /** A column of the workbook: its header text and the row's value (text), null where the cell stays empty. */
    record Column(String header, Function<AgentRow, String> value, boolean calabrioDefault) {
    }

    static final String START_DATE = "Start date";
    static final List<Column> COLUMNS = List.of(
            new Column("First name", AgentRow::firstName, false),
            new Column("Last name", AgentRow::lastName, false),
            new Column(START_DATE, row -> null, false),
            new Column("Site", AgentRow::site, true),
            new Column("Team", AgentRow::team, true),
            new Column("Contract", AgentRow::contract, true),
            new Column("Contract schedule", AgentRow::contractSchedule, true),
            new Column("Part-time percentage", AgentRow::partTimePercentage, true),
            new Column("Employment number", AgentRow::employmentNumber, false),
            new Column("Email address", AgentRow::email, false),
            new Column("Application logon name", AgentRow::email, false),
            new Column("Identity logon", AgentRow::identityLogon, false),
            new Column("Roles", AgentRow::role, true));

    private PeopleFile() {
    }

    static byte[] of(List<AgentRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(bytes, "wix-answers-calabrio", "1.0");
            Worksheet sheet = workbook.newWorksheet("People");
            for (int column = 0; column < COLUMNS.size(); column++) {
                sheet.value(0, column, COLUMNS.get(column).header());
            }
            int dateColumn = headers().indexOf(START_DATE);
            for (int index = 0; index < rows.size(); index++) {
                AgentRow row = rows.get(index);
                int line = index + 1;
                for (int column = 0; column < COLUMNS.size(); column++) {
                    String value = COLUMNS.get(column).value().apply(row);
                    if (value != null && !value.isEmpty()) {
                        sheet.value(line, column, value);
                    }
                }
                sheet.value(line, dateColumn, row.startDate());
                sheet.style(line, dateColumn).format("yyyy-mm-dd").set();
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the people workbook", e);
        }
        return bytes.toByteArray();
    }

    static List<String> headers() {
        return COLUMNS.stream().map(Column::header).toList();
    }

    /** The columns Calabrio's import defaults fill for at least one of {@code rows}, in the workbook's order. */
    static List<String> leftToCalabrio(List<AgentRow> rows) {
        List<String> left = new ArrayList<>();
        for (Column column : COLUMNS) {
            if (column.calabrioDefault() && rows.stream().anyMatch(row -> column.value().apply(row) == null)) {
                left.add(column.header());
            }
        }
        return left;
    }
}
