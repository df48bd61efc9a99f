package com.wixanswers.wfm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.DirectoryHistoricalDataTransport;
import com.wixanswers.wfm.calabrio.HistoricalKind;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Setting;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.demo.InteractionGenerator;
import com.wixanswers.wfm.demo.InteractionsSchema;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.workflow.DriverClock;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code calabrio-sync demo}: the first thing to run. An embedded H2 database gets a generated week of Wix Answers
 * interactions; yesterday is exported through the real orchestrations as a dry run; the table printed per queue
 * is read back from the request bodies written, so it shows exactly what Calabrio would receive.
 */
final class DemoCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "jdbc:h2:mem:calabrio-demo;DB_CLOSE_DELAY=-1;MODE=MSSQLServer";

    private DemoCommand() {
    }

    static int run(Arguments args, Map<String, String> environment, PrintStream out) throws InterruptedException {
        Path outDirectory = Path.of(args.option("out", "out"));
        args.rejectUnknown();

        // Only the statistics rules are taken from the environment (time zone, interval, thresholds); the
        // database is the demo's own and nothing is sent anywhere.
        Map<String, String> demoEnvironment = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("STATS_") || name.startsWith("SERVICE_LEVEL_SECONDS")
                    || name.equals(Setting.SHORT_ABANDON_SECONDS.name())) {
                demoEnvironment.put(name, value);
            }
        });
        demoEnvironment.put(Setting.SQL_CONNECTION_STRING.key(), DATABASE);
        // Tickets and e-mails are answered in hours, not seconds: a day is their usual service-level threshold.
        demoEnvironment.putIfAbsent(Setting.SERVICE_LEVEL_CHANNEL_PREFIX + "TICKET", "86400");
        demoEnvironment.putIfAbsent(Setting.SERVICE_LEVEL_CHANNEL_PREFIX + "EMAIL", "86400");
        Settings settings = Settings.load(demoEnvironment);
        LocalDate yesterday = LocalDate.now(settings.statistics().zone()).minusDays(1);
        deleteDirectory(outDirectory.resolve(yesterday.toString()));

        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of()))
                .historicalTransport(new DirectoryHistoricalDataTransport(outDirectory))
                .build()) {
            InteractionGenerator.Shape shape = new InteractionGenerator.Shape(yesterday.minusDays(6), 7, 6_000, 8, 40,
                    settings.statistics().zone(), 4, 20261127L);
            long rows = integration.database().run("generating demo interactions", connection -> {
                InteractionsSchema.create(connection, settings.sql().interactionsTable());
                return InteractionGenerator.fill(connection, settings.sql().interactionsTable(), shape);
            });
            out.printf(Locale.ROOT, "Generated %,d interactions (%d queues, %d agents) from %s to %s, time zone %s,"
                            + " %d-minute intervals, service level %d s (%s).%n%n", rows, shape.queues(),
                    shape.agents(), shape.firstDay(), yesterday, settings.statistics().zone(),
                    settings.statistics().intervalMinutes(), settings.statistics().serviceLevelSeconds(),
                    settings.statistics().serviceLevelSecondsByChannel().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue() + " s").collect(Collectors.joining(", ")));

            HistoricalRunner.RunReport report = HistoricalRunner.run(integration, new DayRange(yesterday, yesterday),
                    4, DriverClock.system());
            HistoricalRunner.print(report, out);
            out.println();
            printQueues(outDirectory.resolve(yesterday.toString()).resolve(HistoricalKind.QUEUE_STATS.path()),
                    yesterday, out);
            out.println();
            out.println("Request bodies, exactly as they would be sent to Calabrio: "
                    + outDirectory.resolve(yesterday.toString()).toAbsolutePath());
            return report.succeeded() ? 0 : 1;
        }
    }

    /** Sums the queue-stats bodies written for the day, per queue. */
    private static void printQueues(Path queueStats, LocalDate day, PrintStream out) {
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        for (Path file : files(queueStats)) {
            try {
                for (JsonNode row : JSON.readTree(file.toFile()).path("Rows")) {
                    String queue = row.path("QueueId").asText();
                    names.put(queue, row.path("QueueName").asText(""));
                    long[] sum = totals.computeIfAbsent(queue, id -> new long[6]);
                    sum[0] += row.path("Offered").asLong();
                    sum[1] += row.path("Answered").asLong();
                    sum[2] += row.path("AnsweredWithinServiceLevel").asLong();
                    sum[3] += row.path("Abandoned").asLong();
                    sum[4] += row.path("TalkSeconds").asLong() + row.path("WrapUpSeconds").asLong();
                    sum[5] += row.path("OverflowOut").asLong();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.println("Queues on " + day + " (service level % = answered within the threshold / offered;"
                + " average handle time = (talk + wrap-up) / answered):");
        TextTable table = new TextTable("queue", "name", "offered", "answered", "service level %", "abandoned",
                "overflowed", "avg handle time s");
        totals.forEach((queue, sum) -> table.row(queue, names.get(queue), sum[0], sum[1],
                percent(sum[2], sum[0]), sum[3], sum[5], sum[1] == 0 ? "0" : String.valueOf(sum[4] / sum[1])));
        table.print(out);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0.0" : String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteDirectory(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + directory, e);
        }
    }
}
