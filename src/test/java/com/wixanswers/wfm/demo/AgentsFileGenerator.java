package com.wixanswers.wfm.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's agents file, for its generated agents: each agent with the skills of two queues, a few messy rows as
 * admins really upload them (a duplicate agent, an impossible date, a name too long, a skill Calabrio lacks), in
 * the semicolon-separated form a spreadsheet in many locales exports.
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
}
