package com.wixanswers.wfm.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The doctor's findings, a line per check: it conforms when nothing differs and everything configured answered;
 * warnings and skipped parts leave that alone.
 */
public record DoctorReport(List<Check> checks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    public boolean conforms() {
        return checks.stream().noneMatch(check -> check.status().fails());
    }

    /** 0 when every configured part conforms, 1 when something differs or is unreachable. */
    public int exitCode() {
        return conforms() ? 0 : 1;
    }

    /** {@code status  part  what  detail}, one line each, aligned. */
    public String text() {
        int part = checks.stream().mapToInt(check -> check.part().length()).max().orElse(0);
        int what = checks.stream().mapToInt(check -> check.what().length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (Check check : checks) {
            text.append(String.format("%-11s %-" + part + "s  %-" + what + "s  %s%n", check.status().word(),
                    check.part(), check.what(), check.detail()));
        }
        long failing = checks.stream().filter(check -> check.status().fails()).count();
        long warnings = checks.stream().filter(check -> check.status() == Check.Status.WARNING).count();
        text.append(conforms() ? "the tenant and the database conform to the integration's contracts"
                : failing + " check(s) found a difference or could not reach their peer");
        return text.append(warnings > 0 ? " (" + warnings + " warning(s))" : "").append(System.lineSeparator())
                .toString();
    }

    /** {@code {"conforms": true, "checks": [{"part", "what", "status", "detail"}, ...]}}. */
    public String json() {
        ObjectNode report = JSON.createObjectNode();
        report.put("conforms", conforms());
        ArrayNode lines = report.putArray("checks");
        for (Check check : checks) {
            lines.addObject().put("part", check.part()).put("what", check.what())
                    .put("status", check.status().word()).put("detail", check.detail());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
