package com.wixanswers.wfm.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.wixanswers.wfm.calabrio.WfmClient;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.forecast.ForecastMessages.FileRequest;
import com.wixanswers.wfm.forecast.ForecastMessages.FileSummary;
import com.wixanswers.wfm.forecast.ForecastMessages.HorizonRef;
import com.wixanswers.wfm.forecast.ForecastMessages.InvalidGroup;
import com.wixanswers.wfm.forecast.ForecastMessages.LeftOutDay;
import com.wixanswers.wfm.forecast.ForecastMessages.Plan;
import com.wixanswers.wfm.forecast.ForecastMessages.Skill;
import com.wixanswers.wfm.forecast.ForecastMessages.SkillRequest;
import com.wixanswers.wfm.forecast.ForecastMessages.SkillSummary;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.sql.Database;
import com.wixanswers.wfm.storage.Folder;
import com.wixanswers.wfm.workflow.CallTrouble;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The daily forecast upload, one unit of work per method (the activities call them): plan the run, read and send
 * one skill, write the run's file. Rows are read from the database skill by skill and never all at once. Plain
 * Java, the same in Azure (the {@code forecasts} container) and in the CLI (a directory).
 */
public final class Forecasts {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Comparator<String> BY_NAME = String.CASE_INSENSITIVE_ORDER.thenComparing(
            Comparator.naturalOrder());

    private final Database database;
    private final ForecastQueries queries;
    private final Supplier<WfmClient> wfm;
    private final ZoneId zone;
    private final Optional<String> scenarioSetting;
    private final Folder folder;

    public Forecasts(Database database, ForecastQueries queries, Supplier<WfmClient> wfm, ZoneId zone,
                     Optional<String> scenarioSetting, Folder folder) {
        this.database = database;
        this.queries = queries;
        this.wfm = wfm;
        this.zone = zone;
        this.scenarioSetting = scenarioSetting;
        this.folder = folder;
    }

    public ForecastHorizon horizon(HorizonRef ref) {
        return new ForecastHorizon(LocalDate.parse(ref.firstDay), ref.days, zone);
    }

    /** The file's name in the forecasts container. */
    public static String fileName(ForecastHorizon horizon) {
        return horizon.name() + ".csv";
    }

    /** The summary beside the file, for an operator and the CLI. */
    public static String summaryName(ForecastHorizon horizon) {
        return horizon.name() + ".summary.json";
    }

    /**
     * The skills the table has in the horizon, matched to Calabrio's (one call, {@code query/Skill/AllSkills},
     * case-insensitively), the invalid rows by skill and reason, and the scenario: FORECAST_SCENARIO_ID, else
     * Calabrio's default (one more call) when the command is to be sent.
     */
    public Plan plan(HorizonRef ref, boolean send) {
        ForecastHorizon horizon = horizon(ref);
        Plan plan = new Plan();
        List<String> stored = new ArrayList<>();
        database.run("listing the forecast skills of " + horizon.name(), connection -> {
            for (String name : queries.skillNames(connection, horizon)) {
                if (name.strip().length() <= ForecastQueries.MAX_SKILL_NAME) {
                    stored.add(name);
                    continue;
                }
                ForecastQueries.NameRows rows = queries.rowsOf(connection, horizon, name);
                plan.invalidRows += rows.rows();
                plan.invalidGroups.add(group(name, "skill name over 50 characters", rows.rows(),
                        rows.firstIntervalStart().toString()));
            }
            return null;
        });
        Map<String, String> calabrio = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try {
            wfm.get().allSkills().forEach(skill -> calabrio.putIfAbsent(skill.name().strip(), skill.id()));
            if (send) {
                plan.scenarioId = scenarioSetting.orElseGet(() -> wfm.get().allScenarios().stream()
                        .filter(WfmClient.Scenario::isDefault).map(WfmClient.Scenario::id).findFirst()
                        .orElseThrow(() -> new SettingsException("Calabrio has no default scenario: set"
                                + " FORECAST_SCENARIO_ID to the scenario the forecasts go to")));
            }
        } catch (PeerException | SettingsException e) {
            plan.note(e);
            calabrio.clear();
            plan.checked = false;
        }
        Map<String, Skill> skills = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : stored) {
            String known = calabrio.keySet().stream().filter(skill -> skill.equalsIgnoreCase(name.strip()))
                    .findFirst().orElse(null);
            if (plan.checked && known == null) {
                if (plan.unknownSkills.stream().noneMatch(name::equalsIgnoreCase)) {
                    plan.unknownSkills.add(name);
                }
                continue;
            }
            Skill skill = skills.computeIfAbsent(known != null ? known : name.strip(), key -> new Skill());
            skill.name = known != null ? known : name.strip();
            skill.id = known != null ? calabrio.get(known) : null;
            skill.storedNames.add(name);
        }
        plan.skills.addAll(skills.values());
        plan.skills.sort(Comparator.comparing(skill -> skill.name, BY_NAME));
        List<String> names = plan.skills.stream().map(skill -> skill.name).toList();
        char separator = ForecastFile.separatorFor(names);
        plan.separator = String.valueOf(separator);
        plan.unwritable.addAll(ForecastFile.unwritable(names, separator));
        return plan;
    }

    /** Where the run keeps a skill's part of the file until the file is written. */
    public static String part(String run, int skill) {
        return String.format(java.util.Locale.ROOT, "runs/%s/skill-%04d.csv", run, skill);
    }

    /**
     * Reads one skill's newest valid rows once, writes its part of the file and, when asked, sends them as one
     * {@code command/SetForecast}.
     */
    public SkillSummary sendSkill(SkillRequest request) {
        ForecastHorizon horizon = horizon(request);
        SkillSummary summary = new SkillSummary();
        ForecastDays.Split split = days(horizon, request.skill, summary);
        if (request.part != null) {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(folder.create(request.part),
                    StandardCharsets.UTF_8), 64 * 1024)) {
                summary.lines = new ForecastFile(zone, request.separator.charAt(0)).write(out, request.skill.name,
                        split.days());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + folder.where(request.part), e);
            }
        }
        summary.skill = request.skill.name;
        summary.intervals = split.intervals();
        summary.days = split.days().size();
        for (ForecastDays.LeftOut day : split.leftOut()) {
            LeftOutDay left = new LeftOutDay();
            left.date = day.date().toString();
            left.reason = day.reason();
            summary.leftOut.add(left);
        }
        if (!request.send) {
            summary.detail = "not sent: FORECAST_SET_COMMAND is false (the file holds it)";
        } else if (request.skill.id == null) {
            summary.detail = "not sent: Calabrio's skills could not be read";
        } else if (split.days().isEmpty()) {
            summary.detail = "not sent: no valid forecast in the horizon";
        } else {
            try {
                wfm.get().setForecast("SetForecast-" + request.skill.name, request.skill.id, request.scenarioId,
                        split.days().stream().map(Forecasts::forecastDay).toList());
                summary.sent = true;
            } catch (PeerException e) {
                if (e.kind() == PeerException.Kind.REJECTED || e.kind() == PeerException.Kind.MALFORMED) {
                    summary.failed = true;
                    summary.detail = e.getMessage();
                } else {
                    summary.detail = e.getMessage();
                    summary.note(e);
                }
            } catch (SettingsException e) {
                summary.note(e);
            }
        }
        return summary;
    }

    /**
     * Writes the run's file: each skill's part, in name order, streamed from its blob into the file, so that no more
     * than a buffer is held; then the run's summary beside it.
     */
    public FileSummary writeFile(FileRequest request) {
        ForecastHorizon horizon = horizon(request);
        FileSummary summary = new FileSummary();
        summary.file = fileName(horizon);
        summary.leftOut.addAll(request.plan.unwritable);
        List<Skill> skills = request.plan.skills;
        try (OutputStream out = folder.create(summary.file)) {
            for (int index = 0; index < skills.size(); index++) {
                if (summary.leftOut.contains(skills.get(index).name)) {
                    continue;
                }
                Optional<InputStream> part = folder.open(part(horizon.name(), index));
                if (part.isPresent()) {
                    try (InputStream in = part.get()) {
                        in.transferTo(out);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.where(summary.file), e);
        }
        summary.lines = request.summaries.stream().mapToInt(skill -> skill.lines).sum();
        writeSummary(horizon, request, summary);
        return summary;
    }

    private void writeSummary(ForecastHorizon horizon, FileRequest request, FileSummary file) {
        var json = JSON.createObjectNode();
        json.put("firstDay", horizon.firstDay().toString());
        json.put("lastDay", horizon.lastDay().toString());
        json.put("zone", zone.getId());
        json.put("file", file.file);
        json.put("lines", file.lines);
        json.set("leftOutOfTheFile", JSON.valueToTree(file.leftOut));
        json.set("unknownSkills", JSON.valueToTree(request.plan.unknownSkills));
        List<InvalidGroup> invalid = new ArrayList<>(request.plan.invalidGroups);
        request.summaries.forEach(skill -> invalid.addAll(skill.invalidGroups));
        json.put("invalidRows", request.plan.invalidRows + request.summaries.stream()
                .mapToLong(skill -> skill.invalidRows).sum());
        json.set("invalidRowGroups", JSON.valueToTree(invalid));
        json.set("skills", JSON.valueToTree(request.summaries));
        try {
            folder.write(summaryName(horizon), JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The skill's days, its invalid rows counted by reason in the summary. */
    private ForecastDays.Split days(ForecastHorizon horizon, Skill skill, SkillSummary summary) {
        List<ForecastRow> rows = new ArrayList<>();
        Map<String, InvalidGroup> invalid = new TreeMap<>();
        database.run("reading the forecasts of " + skill.name, connection -> {
            queries.rows(connection, horizon, skill.storedNames, rows::add, row -> {
                summary.invalidRows++;
                invalid.computeIfAbsent(row.reason(), reason -> group(row.skillName(), reason, 0,
                        row.intervalStart().toString())).rows++;
            });
            return null;
        });
        summary.invalidGroups.addAll(invalid.values());
        return ForecastDays.of(horizon, rows);
    }

    private static InvalidGroup group(String skill, String reason, long rows, String first) {
        InvalidGroup group = new InvalidGroup();
        group.skill = skill;
        group.reason = reason;
        group.rows = rows;
        group.firstIntervalStart = first;
        return group;
    }

    private static WfmClient.ForecastDay forecastDay(ForecastDays.Day day) {
        return new WfmClient.ForecastDay(day.date(), day.rows().stream().map(row -> new WfmClient.ForecastInterval(
                row.intervalStart(), row.tasks(), row.avgTaskSeconds(), row.avgAfterTaskSeconds(), row.agents()))
                .toList());
    }
}
