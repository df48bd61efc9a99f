package com.wixanswers.wfm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.forecast.ForecastHorizon;
import com.wixanswers.wfm.forecast.ForecastRuns;
import com.wixanswers.wfm.forecast.Forecasts;
import com.wixanswers.wfm.storage.DirectoryFolder;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * {@code calabrio-sync forecast}: the forecast run of any days, past ones included, in this process, with a
 * directory standing in for the forecasts container.
 */
final class ForecastCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForecastCommand() {
    }

    /** {@code forecast [--from yyyy-MM-dd] [--days N] [--out DIR] [--dry-run]}. */
    static int run(Arguments args, Integration.Builder builder, PrintStream out) throws InterruptedException {
        var settings = builder.settings().forecast();
        ForecastRuns runs = new ForecastRuns(settings, builder.settings().wfm());
        String from = args.option("from", LocalDate.now(settings.zone()).toString());
        String days = args.option("days", null);
        Path directory = Path.of(args.option("out", "out"));
        boolean dryRun = args.flag("dry-run");
        args.rejectUnknown();
        ForecastRuns.Validated validated = runs.validate(from, days);
        if (validated.refusal().isPresent()) {
            throw new Arguments.UsageException("--" + validated.refusal().get().parameter() + ": "
                    + validated.refusal().get().error());
        }
        ForecastHorizon horizon = validated.horizon().orElseThrow();
        DirectoryFolder folder = new DirectoryFolder(directory.resolve("forecasts"));
        builder.forecastFolder(folder);
        if (dryRun) {
            builder.wfmDryRun(directory.resolve("requests"));
        }
        try (Integration integration = builder.build();
             InProcessDriver driver = new InProcessDriver(integration.workflows(), 4, DriverClock.system())) {
            integration.wfm(); // a missing or wrong WFM API setting is named now (exit 2), before anything runs
            var input = runs.input(horizon);
            input.send |= dryRun;
            driver.start(com.wixanswers.wfm.forecast.ForecastWorkflow.RUN, input, horizon.name());
            InstanceState state = driver.awaitCompletion(horizon.name());
            JsonNode summary = folder.read(Forecasts.summaryName(horizon)).map(ForecastCommand::json).orElse(null);
            if (summary == null) {
                out.println("FAILED before the file was written: " + state.failureReason());
                return 1;
            }
            boolean leftOut = print(summary, out);
            out.println("file for Calabrio's forecast import: " + folder.where(Forecasts.fileName(horizon)));
            if (dryRun) {
                out.println("dry run: the SetForecast bodies are under " + directory.resolve("requests").toAbsolutePath());
            }
            if (state.status() != InstanceState.Status.COMPLETED) {
                out.println("FAILED: " + state.failureReason());
                return 1;
            }
            return leftOut ? 1 : 0;
        }
    }

    /** One line per skill and every group of what was left out; answers whether anything was. */
    private static boolean print(JsonNode summary, PrintStream out) {
        out.println("Forecasts of " + summary.path("firstDay").asText() + " to " + summary.path("lastDay").asText()
                + " (" + summary.path("zone").asText() + "):");
        TextTable table = new TextTable("skill", "intervals", "days", "sent", "why not, or days left out");
        boolean leftOut = false;
        for (JsonNode skill : summary.path("skills")) {
            StringBuilder why = new StringBuilder(skill.path("detail").isNull() ? "" : skill.path("detail").asText());
            for (JsonNode day : skill.path("leftOut")) {
                why.append(why.isEmpty() ? "" : "; ").append(day.path("date").asText()).append(' ')
                        .append(day.path("reason").asText());
                leftOut = true;
            }
            leftOut |= skill.path("failed").asBoolean() || skill.path("unavailable").asBoolean();
            table.row(skill.path("skill").asText(), skill.path("intervals").asInt(), skill.path("days").asInt(),
                    skill.path("sent").asBoolean() ? "yes" : "no", why.toString());
        }
        table.print(out);
        for (JsonNode skill : summary.path("unknownSkills")) {
            out.println("skill Calabrio does not have, left out: " + skill.asText());
            leftOut = true;
        }
        for (JsonNode skill : summary.path("leftOutOfTheFile")) {
            out.println("left out of the file (its name holds the file's separator): " + skill.asText());
            leftOut = true;
        }
        for (JsonNode group : summary.path("invalidRowGroups")) {
            out.println("invalid rows left out: " + group.path("skill").asText() + ": " + group.path("rows").asLong()
                    + " " + group.path("reason").asText() + " (first at " + group.path("firstIntervalStart").asText()
                    + ")");
            leftOut = true;
        }
        if (summary.path("invalidRows").asLong() > 0) {
            out.println(summary.path("invalidRows").asLong() + " invalid rows in all");
        }
        return leftOut;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
