package com.wixanswers.wfm.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wixanswers.wfm.onboarding.OnboardingMessages.Counts;

import java.util.List;

/**
 * The report of an upload, one line per data row: {@code reports/<name>.report.csv} with the columns
 * {@code row,agentId,outcome,detail,employmentNumber,startDate,skills} (the last three: what a row asks of Calabrio,
 * so that a later upload sends a row again only when that changed), and {@code reports/<name>.report.json} with the
 * counts per outcome, the warnings, the people workbook's name and, once, the workbook's columns left empty for
 * Calabrio's import defaults ({@code leftToCalabrioDefaults}).
 */
record OnboardingReport(String upload, String instanceId, boolean last, List<Line> lines, List<String> warnings,
                        List<String> leftToCalabrio, String importFile, String unreadable, String stopped) {
    static final String ROW = "row";
    static final String AGENT_ID = "agentId";
    static final String OUTCOME = "outcome";
    static final String DETAIL = "detail";
    static final String EMPLOYMENT_NUMBER = "employmentNumber";
    static final String START_DATE = "startDate";
    static final String SKILLS = "skills";
    static final List<String> COLUMNS = List.of(ROW, AGENT_ID, OUTCOME, DETAIL, EMPLOYMENT_NUMBER, START_DATE, SKILLS);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param skills the row's skill names as the file gives them, separated by {@code ;} */
    record Line(int row, String agentId, Outcome outcome, String detail, String employmentNumber, String startDate,
                String skills) {
    }

    byte[] csv() {
        SafeCsv csv = new SafeCsv(COLUMNS);
        for (Line line : lines) {
            csv.row(java.util.Arrays.asList(line.row(), line.agentId(), line.outcome().word(), line.detail(),
                    line.employmentNumber(), line.startDate(), line.skills()));
        }
        return csv.bytes();
    }

    Counts counts() {
        Counts counts = new Counts();
        for (Outcome outcome : Outcome.values()) {
            int count = (int) lines.stream().filter(line -> line.outcome() == outcome).count();
            if (count > 0) {
                counts.rows.put(outcome.word(), count);
            }
        }
        return counts;
    }

    byte[] json() {
        ObjectNode report = JSON.createObjectNode();
        report.put("upload", upload);
        report.put("instanceId", instanceId);
        report.put("final", last);
        report.put("unreadable", unreadable);
        report.put("stopped", stopped);
        report.set("rows", JSON.valueToTree(counts().rows));
        report.set("warnings", JSON.valueToTree(warnings));
        report.put("importFile", importFile);
        report.set("leftToCalabrioDefaults", JSON.valueToTree(leftToCalabrio));
        try {
            return JSON.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
