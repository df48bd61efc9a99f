package com.wixanswers.wfm.onboarding;

import java.util.List;

/**
 * Calabrio's agent-import file (calabrio.md, "People file"), for the admin to import in Calabrio: one line per
 * valid row, in the importer's column order. Roles, skills and external logons are comma-separated lists (the
 * CSV quotes a value holding a comma); the application logon is the agent's e-mail, the external logon its
 * agentId.
 */
final class PeopleFile {
    static final List<String> COLUMNS = List.of("Firstname", "Lastname", "WindowsUser", "ApplicationUserId",
            "Password", "Role", "StartDate", "Organization", "Skill", "ExternalLogon", "Contract", "ContractSchedule",
            "PartTimePercentage", "ShiftBag", "SchedulePeriodType", "SchedulePeriodLength");

    private PeopleFile() {
    }

    static byte[] of(List<AgentRow> rows) {
        SafeCsv csv = new SafeCsv(COLUMNS);
        for (AgentRow row : rows) {
            csv.row(List.of(row.firstName(), row.lastName(), "", row.email(), "", row.role(),
                    row.startDate().toString(), row.organization(), String.join(",", row.skills()), row.agentId(),
                    row.contract(), row.contractSchedule(), row.partTimePercentage(),
                    row.shiftBag() == null ? "" : row.shiftBag(), "", ""));
        }
        return csv.bytes();
    }
}
