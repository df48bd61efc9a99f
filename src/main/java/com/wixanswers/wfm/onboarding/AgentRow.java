package com.wixanswers.wfm.onboarding;

import java.time.LocalDate;
import java.util.List;

/**
 * One data row of an agents file (docs/contracts/agents-sheet.md), its values stripped and its defaults applied, with
 * every reason it is invalid. {@code row} counts data rows from 1, the header and blank rows not counted. A value
 * neither the row nor a setting gives is null: Calabrio's import defaults fill it.
 *
 * @param employmentNumber how Calabrio finds the person: the row's own, else its agentId
 * @param startDate        null where the row's is missing or not a date
 * @param organization     {@code Site/Team}
 */
public record AgentRow(
        int row,
        String agentId,
        String firstName,
        String lastName,
        String email,
        String employmentNumber,
        LocalDate startDate,
        String organization,
        String role,
        String contract,
        String contractSchedule,
        String partTimePercentage,
        String identityLogon,
        List<String> skills,
        List<String> problems) {

    public AgentRow {
        skills = List.copyOf(skills);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The site of {@code Site/Team}, or null. */
    public String site() {
        return organization == null ? null : organization.substring(0, organization.indexOf('/')).strip();
    }

    /** The team of {@code Site/Team}, or null. */
    public String team() {
        return organization == null ? null : organization.substring(organization.indexOf('/') + 1).strip();
    }
}
