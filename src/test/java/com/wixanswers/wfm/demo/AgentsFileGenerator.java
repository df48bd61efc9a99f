package com.wixanswers.wfm.demo;

import com.wixanswers.wfm.testing.Workbooks;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's agents file, for its generated agents: each agent with the skills of two queues, a few messy rows as
 * admins really upload them (a duplicate agent, an impossible date, a name too long, a skill Calabrio lacks), in
 * the semicolon-separated form a spreadsheet in many locales exports, or as the Excel workbook an HR export is
 * (start dates in date cells).
 */
public final class AgentsFileGenerator {
    private AgentsFileGenerator() {
    }

    public static String file(int agents, int queues, LocalDate startDate) {
        List<String> lines = new ArrayList<>();
        lines.add("AgentId;FirstName;LastName;Email;StartDate;Skills;Team Colour");
        for (int index = 0; index < agents; index++) {
            String id = InteractionGenerator.agentId(index);
            lines.add(id + ";" + InteractionGenerator.firstName(index) + ";" + InteractionGenerator.lastName(index)
                    + ";" + id + "@example.com;" + startDate + ";" + InteractionGenerator.queueName(index % queues)
                    + " | " + InteractionGenerator.queueName((index + 1) % queues) + ";blue");
        }
        lines.add(InteractionGenerator.agentId(0) + ";Ann;Again;again@example.com;" + startDate + ";Billing;red");
        lines.add("agent-9001;Tom;Late;tom@example.com;2026-02-30;Billing;green");
        lines.add("agent-9002;Maximiliana-Konstantina-Lou;Long;max@example.com;" + startDate + ";Billing;blue");
        lines.add("agent-9003;Lea;Stars;lea@example.com;" + startDate + ";Astrology;blue");
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The same rows as an Excel workbook: a start date that is a date is a date cell, the others stay text. */
    public static byte[] workbook(int agents, int queues, LocalDate startDate) {
        List<List<Object>> rows = new ArrayList<>();
        for (String line : file(agents, queues, startDate).split("\r\n")) {
            List<Object> cells = new ArrayList<>(Arrays.asList((Object[]) line.split(";", -1)));
            try {
                cells.set(4, Workbooks.date(LocalDate.parse((String) cells.get(4))));
            } catch (DateTimeParseException e) {
                // the header, or a date no calendar has: text, as an admin would have typed it
            }
            rows.add(cells);
        }
        return Workbooks.xlsx(rows);
    }
}
