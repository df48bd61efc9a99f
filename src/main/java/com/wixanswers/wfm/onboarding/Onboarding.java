package com.wixanswers.wfm.onboarding;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.wixanswers.wfm.calabrio.WfmClient;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.onboarding.OnboardingMessages.AgentCall;
import com.wixanswers.wfm.onboarding.OnboardingMessages.AgentOutcome;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkOutcomes;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkRef;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkSummary;
import com.wixanswers.wfm.onboarding.OnboardingMessages.Counts;
import com.wixanswers.wfm.onboarding.OnboardingMessages.FilePlan;
import com.wixanswers.wfm.onboarding.OnboardingMessages.PeopleFound;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ReportRequest;
import com.wixanswers.wfm.onboarding.OnboardingMessages.RunRef;
import com.wixanswers.wfm.onboarding.OnboardingMessages.SkillsResolved;
import com.wixanswers.wfm.storage.Folder;
import com.wixanswers.wfm.workflow.CallTrouble;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Tenant setup, one unit of work per method (the activities call them): read and check the agents file, resolve its
 * skills, look up a chunk's people, give one agent its skills, keep a chunk's results, write the report. A run
 * keeps its rows in its own blobs ({@code runs/<instance>/}), so that what the orchestration holds stays small.
 * Plain Java, the same in Azure (a blob container) and in the CLI (a directory).
 */
public final class Onboarding {
    /** Valid rows per chunk: with its look-up, a chunk makes at most 50 calls. */
    static final int CHUNK_ROWS = 49;
    /** How often an agent's call may find Calabrio unavailable before the row fails. */
    static final int MAX_ATTEMPTS = 5;
    /**
     * How often Calabrio may throttle an agent's call (429) before the row fails: throttling is Calabrio pacing the
     * run, not failing, so it has a bound of its own, far above what pacing needs.
     */
    static final int MAX_THROTTLED = 25;
    private static final Pattern ALREADY = Pattern.compile("(?i)\\balready\\b");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final Folder folder;
    private final AgentsFile agentsFile;
    private final Supplier<WfmClient> wfm;
    private final boolean dryRun;

    /**
     * @param wfm    Calabrio's WFM API, built on first use (so that reading a file needs no Calabrio setting)
     * @param dryRun commands are written to files, not sent: the report says so
     */
    public Onboarding(Folder folder, AgentsFile agentsFile, Supplier<WfmClient> wfm, boolean dryRun) {
        this.folder = folder;
        this.agentsFile = agentsFile;
        this.wfm = wfm;
        this.dryRun = dryRun;
    }

    /** The rows of a run, as it keeps them in {@code runs/<instance>/rows.json}. */
    static final class RunRows {
        public String upload;
        public List<String> warnings = new ArrayList<>();
        /** The people workbook's columns left empty in some row, for Calabrio's import defaults to fill. */
        public List<String> leftToCalabrio = new ArrayList<>();
        public String unreadable;
        public List<RowState> rows = new ArrayList<>();
        /** The rows of each chunk, by row number; set once the skills are resolved. */
        public List<List<Integer>> chunks = new ArrayList<>();
    }

    /** One row of a run. */
    static final class RowState {
        public int row;
        public String agentId;
        public String employmentNumber;
        public String startDate;
        public List<String> skills = new ArrayList<>();
        public List<String> skillIds = new ArrayList<>();
        public String outcome;
        public String detail;
    }

    /** What a chunk's calls came to, in {@code runs/<instance>/chunk-<n>.json}. */
    static final class ChunkState {
        public Map<Integer, Progress> rows = new TreeMap<>();
    }

    static final class Progress {
        public String outcome;
        public String detail;
        public int attempts;
        public int throttled;
        /** The person found for the row, while its call is still to be made. */
        public String personId;
    }

    /** Reads and checks the upload; writes the people file, the run's rows and the first report. */
    public FilePlan readFile(RunRef run) {
        AgentsFile.Parsed parsed;
        Optional<InputStream> upload = folder.open(run.upload);
        if (upload.isEmpty()) {
            parsed = AgentsFile.Parsed.unreadable("there is no file " + folder.where(run.upload), null);
        } else {
            try (InputStream file = upload.get()) {
                parsed = agentsFile.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + folder.where(run.upload), e);
            }
        }
        if (parsed.unreadable() == null && run.sha256 != null && !run.sha256.equals(parsed.sha256())) {
            parsed = AgentsFile.Parsed.unreadable("the file changed after it was uploaded; the newer upload is"
                    + " processed by its own run", parsed.sha256());
        }
        Map<String, RunFiles.Done> earlier = RunFiles.doneEarlier(folder, run.upload);
        RunRows rows = new RunRows();
        rows.upload = run.upload;
        rows.warnings.addAll(parsed.warnings());
        rows.unreadable = parsed.unreadable();
        for (AgentRow row : parsed.rows()) {
            RowState state = new RowState();
            state.row = row.row();
            state.agentId = row.agentId();
            state.employmentNumber = row.employmentNumber();
            state.startDate = row.startDate() == null ? null : row.startDate().toString();
            state.skills.addAll(row.skills());
            RunFiles.Done done = row.agentId() == null ? null
                    : earlier.get(row.agentId().toLowerCase(java.util.Locale.ROOT));
            if (!row.valid()) {
                state.outcome = Outcome.INVALID.word();
                state.detail = String.join("; ", row.problems());
            } else if (done != null && done.asks(row)) {
                state.outcome = done.outcome();
                state.detail = "done in an earlier run; not sent again";
            } else {
                state.outcome = Outcome.PENDING.word();
            }
            rows.rows.add(state);
        }
        List<AgentRow> valid = parsed.rows().stream().filter(AgentRow::valid).toList();
        rows.leftToCalabrio.addAll(PeopleFile.leftToCalabrio(valid));
        folder.write(RunFiles.importFile(run.upload), PeopleFile.of(valid));
        saveRows(run.instanceId, rows);
        folder.write(RunFiles.currentRun(run.upload), run.instanceId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writeReport(new ReportRequest(run.instanceId, rows.unreadable != null, null));

        FilePlan plan = new FilePlan();
        plan.unreadable = rows.unreadable;
        plan.rows = rows.rows.size();
        plan.invalid = count(rows, Outcome.INVALID);
        plan.doneEarlier = (int) rows.rows.stream().filter(row -> row.detail != null && row.detail.startsWith("done"))
                .count();
        return plan;
    }

    /**
     * Maps the rows' skill names to Calabrio's skills (one call, {@code query/Skill/AllSkills}), case-insensitively;
     * a row naming a skill Calabrio does not have is invalid, and leaves the people file. Cuts the rows still to do
     * into chunks.
     */
    public SkillsResolved resolveSkills(RunRef run) {
        RunRows rows = loadRows(run.instanceId);
        SkillsResolved resolved = new SkillsResolved();
        List<RowState> pending = rows.rows.stream().filter(row -> isOutcome(row, Outcome.PENDING)).toList();
        if (!pending.isEmpty()) {
            List<WfmClient.Skill> skills;
            try {
                skills = wfm.get().allSkills();
            } catch (PeerException | SettingsException e) {
                resolved.note(e);
                return resolved;
            }
            Map<String, String> ids = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            skills.forEach(skill -> ids.putIfAbsent(skill.name().strip(), skill.id()));
            for (RowState row : pending) {
                List<String> unknown = row.skills.stream().filter(name -> !ids.containsKey(name)).toList();
                if (unknown.isEmpty()) {
                    row.skillIds = row.skills.stream().map(ids::get).toList();
                } else {
                    row.outcome = Outcome.INVALID.word();
                    row.detail = unknown.stream().map(name -> "skill '" + name + "' is not in Calabrio")
                            .reduce((a, b) -> a + "; " + b).orElseThrow();
                    resolved.unknownSkillRows++;
                }
            }
        }
        List<Integer> chunk = new ArrayList<>();
        for (RowState row : rows.rows) {
            if (isOutcome(row, Outcome.PENDING)) {
                chunk.add(row.row);
                if (chunk.size() == CHUNK_ROWS) {
                    rows.chunks.add(chunk);
                    chunk = new ArrayList<>();
                }
            }
        }
        if (!chunk.isEmpty()) {
            rows.chunks.add(chunk);
        }
        if (resolved.unknownSkillRows > 0) {
            rewritePeopleFile(run, rows);
        }
        saveRows(run.instanceId, rows);
        writeReport(new ReportRequest(run.instanceId, false, null));
        rows.chunks.forEach(chunkRows -> resolved.chunkRows.add(chunkRows.size()));
        return resolved;
    }

    /**
     * Finds the people of (at most {@code maxRows} of) a chunk's rows still to do: those found in an earlier turn by
     * their person id, the others with one look-up ({@code query/Person/PeopleByEmploymentNumbers}, as of the latest
     * start date among them): the calls to make for those found, and the rows not found.
     */
    public PeopleFound findPeople(ChunkRef ref) {
        RunRows rows = loadRows(ref.instanceId);
        ChunkState chunk = loadChunk(ref);
        Map<Integer, RowState> byRow = byRow(rows);
        List<RowState> toDo = new ArrayList<>();
        Map<String, String> personIds = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int row : rows.chunks.get(ref.chunk)) {
            Progress progress = chunk.rows.get(row);
            boolean pending = progress == null || Outcome.of(progress.outcome) == Outcome.PENDING;
            if (toDo.size() < ref.maxRows && (pending || Outcome.of(progress.outcome) == Outcome.WAITING_FOR_PERSON)) {
                toDo.add(byRow.get(row));
                if (pending && progress != null && progress.personId != null) {
                    personIds.put(byRow.get(row).employmentNumber, progress.personId);
                }
            }
        }
        PeopleFound found = new PeopleFound();
        List<RowState> toLookUp = toDo.stream().filter(row -> !personIds.containsKey(row.employmentNumber)).toList();
        if (!toLookUp.isEmpty()) {
            toLookUp.forEach(row -> found.lookedUp.add(row.row));
            LocalDate asOf = toLookUp.stream().map(row -> LocalDate.parse(row.startDate))
                    .max(Comparator.naturalOrder()).orElseThrow();
            found.called = true;
            try {
                wfm.get().peopleByEmploymentNumbers(toLookUp.stream().map(row -> row.employmentNumber).toList(), asOf)
                        .stream().filter(person -> person.employmentNumber() != null && person.id() != null)
                        .forEach(person -> personIds.putIfAbsent(person.employmentNumber(), person.id()));
            } catch (PeerException | SettingsException e) {
                found.note(e);
                return found;
            }
        }
        for (RowState row : toDo) {
            String personId = personIds.get(row.employmentNumber);
            if (personId == null) {
                found.notFound.add(row.row);
                continue;
            }
            AgentCall call = new AgentCall();
            call.instanceId = ref.instanceId;
            call.chunk = ref.chunk;
            call.row = row.row;
            call.agentId = row.agentId;
            call.personId = personId;
            call.startDate = row.startDate;
            call.skillIds.addAll(row.skillIds);
            found.found.add(call);
        }
        return found;
    }

    /** Gives one agent its skills: one {@code command/AddSkillsToPerson}. */
    public AgentOutcome addSkills(AgentCall call) {
        AgentOutcome outcome = new AgentOutcome();
        outcome.row = call.row;
        outcome.personId = call.personId;
        String name = "AddSkillsToPerson-row-" + call.row + "-" + call.agentId;
        try {
            wfm.get().addSkillsToPerson(name, call.personId, LocalDate.parse(call.startDate), call.skillIds);
            outcome.outcome = Outcome.SKILLS_ADDED.word();
            outcome.detail = dryRun ? "dry run: not sent, the request is requests/" + name + ".json" : null;
        } catch (PeerException e) {
            if (e.kind() == PeerException.Kind.REJECTED) {
                boolean already = ALREADY.matcher(e.getMessage()).find();
                outcome.outcome = (already ? Outcome.ALREADY_HAD_SKILLS : Outcome.FAILED).word();
                outcome.detail = e.getMessage();
            } else {
                outcome.outcome = Outcome.PENDING.word();
                outcome.detail = e.getMessage();
                outcome.note(e);
            }
        } catch (SettingsException e) {
            outcome.outcome = Outcome.PENDING.word();
            outcome.note(e);
        }
        return outcome;
    }

    /** Keeps a chunk's results in its file; answers what the run needs to know of them. */
    public ChunkSummary saveChunk(ChunkOutcomes results) {
        ChunkRef ref = new ChunkRef(results.instanceId, results.chunk);
        RunRows rows = loadRows(results.instanceId);
        Map<Integer, RowState> byRow = byRow(rows);
        ChunkState chunk = loadChunk(ref);
        List<Integer> chunkRows = rows.chunks.get(results.chunk);
        if (results.lookupUnavailable) {
            for (int row : results.lookedUp != null ? results.lookedUp : chunkRows) {
                Progress progress = chunk.rows.computeIfAbsent(row, r -> pending());
                if (!Outcome.of(progress.outcome).done() && Outcome.of(progress.outcome) != Outcome.FAILED) {
                    unavailableAgain(progress, "the look-up of its person found Calabrio unavailable",
                            results.lookupThrottled);
                }
            }
        }
        for (int row : results.notFound) {
            Progress progress = chunk.rows.computeIfAbsent(row, r -> pending());
            progress.outcome = Outcome.WAITING_FOR_PERSON.word();
            progress.detail = "Calabrio has no person with employment number " + byRow.get(row).employmentNumber
                    + " yet: import " + RunFiles.importFile(rows.upload) + " in Calabrio";
        }
        for (AgentOutcome outcome : results.outcomes) {
            Progress progress = chunk.rows.computeIfAbsent(outcome.row, r -> pending());
            if (Outcome.of(outcome.outcome) == Outcome.PENDING) {
                progress.personId = outcome.personId; // found: the next turn calls without looking it up again
                unavailableAgain(progress, outcome.detail, outcome.throttled);
            } else {
                progress.outcome = outcome.outcome;
                progress.detail = outcome.detail != null ? outcome.detail
                        : "skills added: " + String.join(", ", byRow.get(outcome.row).skills) + " from "
                        + byRow.get(outcome.row).startDate;
            }
        }
        folder.write(RunFiles.chunk(results.instanceId, results.chunk), json(chunk));
        ChunkSummary summary = new ChunkSummary();
        summary.chunk = results.chunk;
        for (int row : chunkRows) {
            Outcome outcome = Outcome.of(chunk.rows.getOrDefault(row, pending()).outcome);
            summary.waiting += outcome == Outcome.WAITING_FOR_PERSON ? 1 : 0;
            summary.again += outcome == Outcome.PENDING ? 1 : 0;
        }
        return summary;
    }

    private static void unavailableAgain(Progress progress, String why, boolean throttled) {
        if (throttled) {
            progress.throttled++;
        } else {
            progress.attempts++;
        }
        if (progress.attempts >= MAX_ATTEMPTS || progress.throttled >= MAX_THROTTLED) {
            progress.outcome = Outcome.FAILED.word();
            progress.detail = (progress.throttled >= MAX_THROTTLED ? "Calabrio throttled the call "
                    + progress.throttled + " times" : "Calabrio was unavailable " + progress.attempts + " times")
                    + ": " + why;
        } else {
            progress.outcome = Outcome.PENDING.word();
            progress.detail = why;
        }
    }

    /**
     * Writes {@code reports/<name>.report.csv} (one line per row of the file) and {@code .report.json} (counts per
     * outcome, warnings, the people file's name). In the last report, rows still waiting for their people say so
     * for good, and rows a stopped run never sent fail with its reason.
     */
    public Counts writeReport(ReportRequest request) {
        RunRows rows = loadRows(request.instanceId);
        Map<Integer, Progress> progress = new TreeMap<>();
        for (int chunk = 0; chunk < rows.chunks.size(); chunk++) {
            progress.putAll(loadChunk(new ChunkRef(request.instanceId, chunk)).rows);
        }
        List<OnboardingReport.Line> lines = new ArrayList<>();
        for (RowState row : rows.rows) {
            Progress done = progress.get(row.row);
            Outcome outcome = Outcome.of(done != null ? done.outcome : row.outcome);
            String detail = done != null ? done.detail : row.detail;
            if (request.last && outcome == Outcome.WAITING_FOR_PERSON) {
                detail = detail + ". Still not found when the wait ended: this outcome is final; reprocess the file"
                        + " once the person exists";
            } else if (request.last && outcome == Outcome.PENDING) {
                outcome = Outcome.FAILED;
                detail = "not sent: " + (request.stop != null ? request.stop : detail);
            }
            lines.add(new OnboardingReport.Line(row.row, row.agentId, outcome, detail, row.employmentNumber,
                    row.startDate, String.join(";", row.skills)));
        }
        OnboardingReport report = new OnboardingReport(rows.upload, request.instanceId, request.last, lines,
                rows.warnings, rows.leftToCalabrio, RunFiles.importFile(rows.upload), rows.unreadable, request.stop);
        folder.write(RunFiles.reportCsv(rows.upload), report.csv());
        folder.write(RunFiles.reportJson(rows.upload), report.json());
        return report.counts();
    }

    private void rewritePeopleFile(RunRef run, RunRows rows) {
        AgentsFile.Parsed parsed;
        try (InputStream file = folder.open(run.upload).orElseThrow()) {
            parsed = agentsFile.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.where(run.upload), e);
        }
        Map<Integer, RowState> byRow = byRow(rows);
        folder.write(RunFiles.importFile(run.upload), PeopleFile.of(parsed.rows().stream()
                .filter(row -> row.valid() && !isOutcome(byRow.get(row.row()), Outcome.INVALID)).toList()));
    }

    private static Progress pending() {
        Progress progress = new Progress();
        progress.outcome = Outcome.PENDING.word();
        return progress;
    }

    private static boolean isOutcome(RowState row, Outcome outcome) {
        return outcome.word().equals(row.outcome);
    }

    private static int count(RunRows rows, Outcome outcome) {
        return (int) rows.rows.stream().filter(row -> isOutcome(row, outcome)).count();
    }

    private static Map<Integer, RowState> byRow(RunRows rows) {
        Map<Integer, RowState> byRow = new TreeMap<>();
        rows.rows.forEach(row -> byRow.put(row.row, row));
        return byRow;
    }

    private RunRows loadRows(String instanceId) {
        return read(RunFiles.rows(instanceId), RunRows.class).orElseThrow(() -> new IllegalStateException(
                "the run " + instanceId + " has no " + folder.where(RunFiles.rows(instanceId))));
    }

    private void saveRows(String instanceId, RunRows rows) {
        folder.write(RunFiles.rows(instanceId), json(rows));
    }

    private ChunkState loadChunk(ChunkRef ref) {
        return read(RunFiles.chunk(ref.instanceId, ref.chunk), ChunkState.class).orElseGet(ChunkState::new);
    }

    private <T> Optional<T> read(String path, Class<T> type) {
        return folder.read(path).map(bytes -> {
            try {
                return JSON.readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + folder.where(path), e);
            }
        });
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
