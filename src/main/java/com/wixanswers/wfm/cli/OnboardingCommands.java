package com.wixanswers.wfm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.WfmClient;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.config.Settings.OnboardingSettings;
import com.wixanswers.wfm.onboarding.AgentRow;
import com.wixanswers.wfm.onboarding.AgentsFile;
import com.wixanswers.wfm.onboarding.OnboardingRuns;
import com.wixanswers.wfm.onboarding.OnboardingWorkflow;
import com.wixanswers.wfm.onboarding.RunFiles;
import com.wixanswers.wfm.onboarding.SetupCheck;
import com.wixanswers.wfm.storage.DirectoryFolder;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code calabrio-sync onboard}, {@code validate} and {@code setup-check}: tenant setup from the command line, the
 * same orchestration as in Azure run in this process, with a directory standing in for the onboarding container.
 */
final class OnboardingCommands {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path DEFAULT_OUT = Path.of("out", "onboarding");

    private OnboardingCommands() {
    }

    /** {@code onboard FILE [--out DIR] [--dry-run] [--retry-seconds N] [--wait-seconds N]}. */
    static int onboard(Arguments args, Integration.Builder builder, PrintStream out) throws InterruptedException {
        Path file = file(args);
        Path directory = Path.of(args.option("out", DEFAULT_OUT.toString()));
        boolean dryRun = args.flag("dry-run");
        Settings settings = builder.settings();
        OnboardingSettings onboarding = settings.onboarding();
        long retry = args.integer("retry-seconds", (int) onboarding.retrySeconds(), 1);
        long wait = args.integer("wait-seconds", (int) onboarding.waitSeconds(), 0);
        args.rejectUnknown();

        String upload = RunFiles.INCOMING + file.getFileName();
        byte[] content = read(file);
        DirectoryFolder folder = new DirectoryFolder(directory);
        builder.onboardingFolder(folder);
        if (dryRun) {
            builder.wfmDryRun(directory.resolve("requests"));
        }
        try (Integration integration = builder.build();
             InProcessDriver driver = new InProcessDriver(integration.workflows(), 8, DriverClock.system())) {
            integration.wfm(); // a missing or wrong WFM API setting is named now (exit 2), before anything runs
            folder.write(upload, content);
            var input = integration.onboardingRuns().input(upload, OnboardingRuns.sha256(content));
            input.retrySeconds = retry;
            input.waitSeconds = wait;
            String instanceId = OnboardingWorkflow.instanceId(upload, input.sha256);
            driver.start(OnboardingWorkflow.RUN, input, instanceId);
            InstanceState state = driver.awaitCompletion(instanceId);
            JsonNode report = report(folder, upload);
            printCounts(report, out);
            out.println("report: " + folder.where(RunFiles.reportCsv(upload)) + " (and .json)");
            out.println("people file for Calabrio's agent import: " + folder.where(RunFiles.importFile(upload)));
            if (dryRun) {
                out.println("dry run: the AddSkillsToPerson bodies are under " + directory.resolve("requests")
                        .toAbsolutePath());
            }
            if (!report.path("unreadable").isNull() && !report.path("unreadable").isMissingNode()) {
                out.println("the file cannot be read: " + report.path("unreadable").asText());
                return 2;
            }
            if (state.status() != InstanceState.Status.COMPLETED) {
                out.println("FAILED: " + state.failureReason());
            }
            return allDone(report) ? 0 : 1;
        }
    }

    /** {@code validate FILE}: the file's report, row by row, calling nothing. */
    static int validate(Arguments args, Settings settings, PrintStream out) {
        Path file = file(args);
        args.rejectUnknown();
        OnboardingSettings onboarding = settings.onboarding();
        AgentsFile.Parsed parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = new AgentsFile(onboarding.maxRows(), onboarding.maxBytes(), onboarding.defaults()).read(in);
        } catch (NoSuchFileException e) {
            throw new Arguments.UsageException("there is no file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (parsed.unreadable() != null) {
            out.println(file + " cannot be read: " + parsed.unreadable());
            return 2;
        }
        TextTable table = new TextTable("row", "agentId", "outcome", "detail");
        for (AgentRow row : parsed.rows()) {
            table.row(row.row(), row.agentId(), row.valid() ? "valid" : "invalid", String.join("; ", row.problems()));
        }
        table.print(out);
        parsed.warnings().forEach(warning -> out.println("warning: " + warning));
        long invalid = parsed.rows().stream().filter(row -> !row.valid()).count();
        out.println(parsed.rows().size() + " rows, " + invalid + " invalid (skills are matched against Calabrio"
                + " when the file is onboarded)");
        return invalid == 0 ? 0 : 1;
    }

    /**
     * {@code setup-check [--days N] [--file FILE] [--out DIR]}: what the tenant still lacks in Calabrio. The skills
     * checked are FILE's, else those of the last onboarding file: the newest upload under DIR/incoming/, where
     * {@code onboard} keeps them.
     */
    static int setupCheck(Arguments args, Integration.Builder builder, PrintStream out) {
        int days = args.integer("days", 30, 1);
        Path directory = Path.of(args.option("out", DEFAULT_OUT.toString()));
        Optional<Path> file = Optional.ofNullable(args.option("file", null)).map(Path::of)
                .or(() -> newestUpload(directory.resolve(RunFiles.INCOMING)));
        args.rejectUnknown();
        List<String> fileSkills = List.of();
        if (file.isPresent()) {
            OnboardingSettings onboarding = builder.settings().onboarding();
            try (InputStream in = Files.newInputStream(file.get())) {
                fileSkills = new AgentsFile(onboarding.maxRows(), onboarding.maxBytes(), onboarding.defaults())
                        .read(in).rows().stream().flatMap(row -> row.skills().stream()).distinct().sorted().toList();
            } catch (NoSuchFileException e) {
                throw new Arguments.UsageException("there is no file " + file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (Integration integration = builder.build()) {
            WfmClient wfm = integration.wfm();
            SetupCheck.Findings findings = new SetupCheck(integration.database(),
                    integration.settings().sql().interactionsTable(), wfm)
                    .check(LocalDate.now(integration.settings().statistics().zone()), days, fileSkills);
            out.println("Agents with work in the last " + days + " days whom Calabrio has no person for ("
                    + findings.agentsWithoutPerson().size() + "):");
            findings.agentsWithoutPerson().forEach(agent -> out.println("  " + agent));
            out.println("Queues seen in the last " + days + " days, to map to skills in Calabrio ("
                    + findings.queues().size() + "):");
            TextTable queues = new TextTable("  queue", "name");
            findings.queues().forEach(queue -> queues.row("  " + queue.id(), queue.name()));
            queues.print(out);
            if (file.isPresent()) {
                out.println("Skills of " + file.get() + " that Calabrio does not have ("
                        + findings.unknownSkills().size() + "):");
                findings.unknownSkills().forEach(skill -> out.println("  " + skill));
            } else {
                out.println("Skills: no onboarding file under " + directory.resolve(RunFiles.INCOMING)
                        + " to check (--file FILE names one)");
            }
            return findings.agentsWithoutPerson().isEmpty() && findings.unknownSkills().isEmpty() ? 0 : 1;
        }
    }

    /** The most recently written file of a directory, if it has any. */
    private static Optional<Path> newestUpload(Path incoming) {
        if (!Files.isDirectory(incoming)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.filter(Files::isRegularFile).max(Comparator.comparing(OnboardingCommands::modified));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + incoming, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(Arguments args) {
        String name = args.word(1);
        if (name.isEmpty()) {
            throw new Arguments.UsageException("which file? " + args.word(0) + " FILE");
        }
        return Path.of(name);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Arguments.UsageException("there is no file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode report(DirectoryFolder folder, String upload) {
        return folder.read(RunFiles.reportJson(upload)).map(bytes -> {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElseThrow(() -> new IllegalStateException("the run wrote no report"));
    }

    static void printCounts(JsonNode report, PrintStream out) {
        TextTable table = new TextTable("outcome", "rows");
        report.path("rows").properties().forEach(entry -> table.row(entry.getKey(), entry.getValue().asInt()));
        table.print(out);
        report.path("warnings").forEach(warning -> out.println("warning: " + warning.asText()));
        List<String> left = new java.util.ArrayList<>();
        report.path("leftToCalabrioDefaults").forEach(column -> left.add(column.asText()));
        if (!left.isEmpty()) {
            out.println("left empty for Calabrio's import defaults: " + String.join(", ", left));
        }
    }

    private static boolean allDone(JsonNode report) {
        boolean[] done = {true};
        report.path("rows").fieldNames().forEachRemaining(outcome ->
                done[0] &= outcome.equals("skills-added") || outcome.equals("already-had-skills"));
        return done[0];
    }

}
