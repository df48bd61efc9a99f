package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.storage.Folder;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Where onboarding keeps its files in the {@code onboarding} container (or the CLI's directory), for an upload
 * {@code incoming/<name>.csv} or {@code .xlsx}: the people workbook {@code calabrio-import/<name>.xlsx}, the report
 * {@code reports/<name>.report.csv} and {@code .json}, and each run's own rows under {@code runs/<instance>/}.
 */
public final class RunFiles {
    public static final String INCOMING = "incoming/";

    private RunFiles() {
    }

    /**
     * The upload's name without {@code incoming/} and its {@code .csv} or {@code .xlsx}:
     * {@code incoming/team/agents.xlsx} → team/agents.
     */
    static String stem(String upload) {
        String name = upload.startsWith(INCOMING) ? upload.substring(INCOMING.length()) : upload;
        String lower = name.toLowerCase(Locale.ROOT);
        int extension = lower.endsWith(".csv") ? 4 : lower.endsWith(".xlsx") ? 5 : 0;
        return name.substring(0, name.length() - extension);
    }

    public static String importFile(String upload) {
        return "calabrio-import/" + stem(upload) + ".xlsx";
    }

    public static String reportCsv(String upload) {
        return "reports/" + stem(upload) + ".report.csv";
    }

    public static String reportJson(String upload) {
        return "reports/" + stem(upload) + ".report.json";
    }

    /** Names the instance that last started on the upload, for a reprocessing request to find. */
    static String currentRun(String upload) {
        return "runs/" + stem(upload) + ".current";
    }

    static String rows(String instanceId) {
        return "runs/" + instanceId + "/rows.json";
    }

    static String chunk(String instanceId, int chunk) {
        return String.format(Locale.ROOT, "runs/%s/chunk-%04d.json", instanceId, chunk);
    }

    /**
     * A row an earlier run of the upload got done (skills added, or had them): its outcome, and what it asked of
     * Calabrio (employment number, start date, skills), which a row must ask again to count as done.
     */
    record Done(String outcome, String employmentNumber, String startDate, Set<String> skills) {
        /** The report's line as a done row, or null when it is none (a report of an earlier version counts none). */
        static Done of(CSVRecord line) {
            String outcome = line.get(OnboardingReport.OUTCOME);
            boolean done = outcome.equals(Outcome.SKILLS_ADDED.word())
                    || outcome.equals(Outcome.ALREADY_HAD_SKILLS.word());
            if (!done || !line.isMapped(OnboardingReport.SKILLS)) {
                return null;
            }
            return new Done(outcome, unneutralised(line.get(OnboardingReport.EMPLOYMENT_NUMBER)),
                    unneutralised(line.get(OnboardingReport.START_DATE)),
                    skillSet(List.of(unneutralised(line.get(OnboardingReport.SKILLS)).split(";"))));
        }

        boolean asks(AgentRow row) {
            return employmentNumber.equalsIgnoreCase(row.employmentNumber()) && row.startDate() != null
                    && startDate.equals(row.startDate().toString()) && skills.equals(skillSet(row.skills()));
        }
    }

    /** Skill names as Calabrio matches them: case-insensitively, in any order. */
    private static Set<String> skillSet(List<String> names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return set;
    }

    /** The rows the upload's last report has as done, by agentId in lower case. */
    static Map<String, Done> doneEarlier(Folder folder, String upload) {
        Map<String, Done> done = new TreeMap<>();
        folder.read(reportCsv(upload)).ifPresent(bytes -> {
            try (CSVParser report = CSVParser.parse(new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
                    StandardCharsets.UTF_8), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
                for (CSVRecord line : report) {
                    Done row = Done.of(line);
                    if (row != null) {
                        done.put(unneutralised(line.get(OnboardingReport.AGENT_ID)).toLowerCase(Locale.ROOT), row);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new UncheckedIOException("cannot read the last report " + folder.where(reportCsv(upload)),
                        e instanceof IOException io ? io : new IOException(e));
            }
        });
        return done;
    }

    /** An agentId as it was before the report neutralised it. */
    private static String unneutralised(String value) {
        return value.startsWith("'") && !SafeCsv.neutralised(value.substring(1)).equals(value.substring(1))
                ? value.substring(1) : value;
    }
}
