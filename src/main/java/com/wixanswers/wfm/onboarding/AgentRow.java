package com.wixanswers.wfm.onboarding;

import java.time.LocalDate;
import java.util.List;

/**
 * One data row of an agents file (onboarding-file.md), its values stripped and its defaults applied, with every
 * reason it is invalid. {@code row} counts data rows from 1, the header not counted.
 *
 * @param employmentNumber how Calabrio finds the person: the row's own, else its agentId
 * @param startDate        null where the row's is missing or not a date
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
        String shiftBag,
        List<String> skills,
        List<String> problems) {

    public AgentRow {
        skills = List.copyOf(skills);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
