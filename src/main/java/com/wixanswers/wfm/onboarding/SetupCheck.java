package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.calabrio.WfmClient;
import com.wixanswers.wfm.sql.Database;
import com.wixanswers.wfm.sql.SqlQuery;
import com.wixanswers.wfm.sql.TableName;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a tenant still lacks before its statistics and states land where they should: agents with recent work whom
 * Calabrio has no person for (found by employment number = agentId, as onboarding's default), the queues seen
 * (for the admin to map to skills), and the skills of an agents file Calabrio does not have.
 */
public final class SetupCheck {
    /** Employment numbers per look-up: the people query takes a list. */
    static final int LOOKUP_BATCH = 100;

    private final Database database;
    private final TableName interactions;
    private final WfmClient wfm;

    public record Queue(String id, String name) {
    }

    public record Findings(List<String> agentsWithoutPerson, List<Queue> queues, List<String> unknownSkills) {
    }

    public SetupCheck(Database database, TableName interactions, WfmClient wfm) {
        this.database = database;
        this.interactions = interactions;
        this.wfm = wfm;
    }

    public Findings check(LocalDate today, int days, List<String> fileSkills) {
        LocalDate since = today.minusDays(days);
        List<String> agents = database.run("listing the agents with work since " + since, connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement statement = new SqlQuery().append("SELECT DISTINCT agent_id FROM " + interactions
                    + " WHERE answered_at >= ? AND agent_id IS NOT NULL ORDER BY agent_id",
                    since.atStartOfDay().toInstant(ZoneOffset.UTC)).prepare(connection);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
        List<Queue> queues = database.run("listing the queues seen since " + since, connection -> {
            List<Queue> seen = new ArrayList<>();
            try (PreparedStatement statement = new SqlQuery().append("SELECT queue_id, MAX(queue_name) FROM "
                    + interactions + " WHERE offered_at >= ? AND queue_id IS NOT NULL GROUP BY queue_id"
                    + " ORDER BY queue_id", since.atStartOfDay().toInstant(ZoneOffset.UTC)).prepare(connection);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    seen.add(new Queue(rows.getString(1), rows.getString(2)));
                }
            }
            return seen;
        });
        Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (int from = 0; from < agents.size(); from += LOOKUP_BATCH) {
            wfm.peopleByEmploymentNumbers(agents.subList(from, Math.min(agents.size(), from + LOOKUP_BATCH)), today)
                    .forEach(person -> known.add(person.employmentNumber()));
        }
        List<String> missing = agents.stream().filter(agent -> !known.contains(agent)).toList();
        List<String> unknownSkills = List.of();
        if (!fileSkills.isEmpty()) {
            Set<String> skills = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            wfm.allSkills().forEach(skill -> skills.add(skill.name()));
            unknownSkills = fileSkills.stream().filter(skill -> !skills.contains(skill)).toList();
        }
        return new Findings(missing, queues, unknownSkills);
    }
}
