package com.wixanswers.wfm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.DirectoryHistoricalDataTransport;
import com.wixanswers.wfm.calabrio.DirectoryRtaTransport;
import com.wixanswers.wfm.calabrio.HistoricalKind;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Secrets;
import com.wixanswers.wfm.config.Setting;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.demo.AgentsFileGenerator;
import com.wixanswers.wfm.demo.DemoAnswers;
import com.wixanswers.wfm.demo.DemoCalabrio;
import com.wixanswers.wfm.demo.ForecastGenerator;
import com.wixanswers.wfm.demo.ForecastsSchema;
import com.wixanswers.wfm.demo.InteractionGenerator;
import com.wixanswers.wfm.demo.InteractionsSchema;
import com.wixanswers.wfm.forecast.ForecastHorizon;
import com.wixanswers.wfm.forecast.ForecastWorkflow;
import com.wixanswers.wfm.forecast.Forecasts;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.onboarding.OnboardingRuns;
import com.wixanswers.wfm.onboarding.OnboardingWorkflow;
import com.wixanswers.wfm.onboarding.RunFiles;
import com.wixanswers.wfm.realtime.MemoryStateStore;
import com.wixanswers.wfm.realtime.RealtimeTick;
import com.wixanswers.wfm.realtime.TickReport;
import com.wixanswers.wfm.storage.DirectoryFolder;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InstanceState;
import com.wixanswers.wfm.workflow.InProcessDriver;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code calabrio-sync demo}: the first thing to run, every part of the product with no settings. An embedded H2
 * database gets a generated week of Wix Answers interactions; yesterday is exported through the real orchestrations
 * as a dry run, and the table printed per queue is read back from the request bodies written, so it shows exactly
 * what Calabrio would receive. Then tenant setup, forecasts and a few real-time ticks, each against stand-ins.
 * It lives with the tests, as its generators and stand-ins do, so that none of them ships in the deployed app; the
 * script runs it on the test classpath.
 */
public final class DemoCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "jdbc:h2:mem:calabrio-demo;DB_CLOSE_DELAY=-1;MODE=MSSQLServer";

    private DemoCommand() {
    }

    /** {@code scripts/calabrio-sync demo [--out DIR]}. */
    public static void main(String[] argv) throws InterruptedException {
        CliLogging.configure(Level.INFO);
        try {
            System.exit(run(new Arguments(argv), System.getenv(), System.out));
        } catch (Arguments.UsageException e) {
            System.err.println("calabrio-sync demo: " + e.getMessage());
            System.exit(2);
        }
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
        // The demo tenant's business unit (its stand-in of Calabrio takes any); no onboarding default is set, as on
        // a new tenant: Calabrio's own import defaults fill what the agents file does not say.
        demoEnvironment.put(Setting.CALABRIO_BUSINESS_UNIT_ID.key(), "928dd0bc-bf40-412e-b970-9b5e015aadea");
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
            out.println();
            boolean onboarded = onboarding(settings, outDirectory.resolve("onboarding"), shape, out);
            out.println();
            boolean forecast = forecasts(integration, settings, outDirectory, shape, out);
            out.println();
            boolean relayed = realtime(demoEnvironment, outDirectory.resolve("realtime"), shape.agents(), out);
            return report.succeeded() && onboarded && forecast && relayed ? 0 : 1;
        }
    }

    /**
     * Two weeks of forecasts for the demo's queues (as skills), a few invalid rows and a skill Calabrio lacks among
     * them, through the forecast run against the in-memory stand-in of the WFM API (which takes the SetForecast
     * commands): the file for Calabrio's import, and a line per skill.
     */
    private static boolean forecasts(Integration demo, Settings settings, Path outDirectory,
                                     InteractionGenerator.Shape shape, PrintStream out) throws InterruptedException {
        List<String> skills = java.util.stream.IntStream.range(0, shape.queues())
                .mapToObj(InteractionGenerator::queueName).toList();
        LocalDate today = LocalDate.now(settings.forecast().zone());
        long rows = demo.database().run("generating demo forecasts", connection -> {
            ForecastsSchema.create(connection, settings.forecast().table());
            List<String> withUnknown = new java.util.ArrayList<>(skills);
            withUnknown.add("Astrology");
            long written = ForecastGenerator.fill(connection, settings.forecast().table(), withUnknown, today,
                    settings.forecast().horizonDays(), 30, settings.forecast().zone(),
                    today.atStartOfDay(settings.forecast().zone()).toInstant().minus(java.time.Duration.ofDays(1)),
                    20261203L);
            // A forecasting job's slips, newer than the rest: a negative volume, and an interval off its grid.
            try (var insert = connection.prepareStatement(ForecastsSchema.insertSql(settings.forecast().table()))) {
                java.time.Instant nine = today.atTime(9, 0).atZone(settings.forecast().zone()).toInstant();
                for (java.time.Instant start : List.of(nine, nine.plusSeconds(600))) {
                    ForecastsSchema.bind(insert, skills.get(0), start, 30, start.equals(nine)
                                    ? java.math.BigDecimal.ONE.negate() : java.math.BigDecimal.TEN,
                            java.math.BigDecimal.TEN, java.math.BigDecimal.ONE, null, java.time.Instant.now());
                    insert.executeUpdate();
                }
            }
            return written + 2;
        });
        DemoCalabrio calabrio = new DemoCalabrio(skills, List.of());
        DirectoryFolder folder = new DirectoryFolder(outDirectory.resolve("forecasts"));
        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of()))
                .forecastFolder(folder).wfmStandIn(calabrio).build();
             InProcessDriver driver = new InProcessDriver(integration.workflows(), 4, DriverClock.system())) {
            ForecastHorizon horizon = new ForecastHorizon(today, settings.forecast().horizonDays(),
                    settings.forecast().zone());
            var input = integration.forecastRuns().input(horizon);
            input.send = true;
            driver.start(ForecastWorkflow.RUN, input, horizon.name());
            InstanceState state = driver.awaitCompletion(horizon.name());
            out.printf(Locale.ROOT, "Forecasts: %,d rows (two versions of each interval, the newer wins; two invalid)"
                    + " for %d skills and one Calabrio lacks, %s to %s, through the forecast run against the stand-in"
                    + " (%d SetForecast calls; the run %s: %s)%n", rows, skills.size(), horizon.firstDay(),
                    horizon.lastDay(), calabrio.commands(), state.status().name().toLowerCase(Locale.ROOT),
                    "the unknown skill and the invalid rows are left out, and named in "
                            + folder.where(Forecasts.summaryName(horizon)));
            List<String> file = folder.read(Forecasts.fileName(horizon))
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8).lines().toList()).orElse(List.of());
            out.println("The file's first lines (" + folder.where(Forecasts.fileName(horizon)) + ", " + file.size()
                    + " lines, no header, CRLF, local times):");
            file.stream().skip(14).limit(4).forEach(line -> out.println("  " + line));
            return state.status() == InstanceState.Status.COMPLETED;
        }
    }

    /**
     * Tenant setup of the demo's agents from a messy Excel workbook, against an in-memory stand-in of Calabrio's WFM
     * API that knows all but the last four of them (their people are not imported yet; the demo does not wait for
     * them); then the same agents uploaded as a CSV, which sends nothing done again.
     */
    private static boolean onboarding(Settings settings, Path directory, InteractionGenerator.Shape shape,
                                      PrintStream out) throws InterruptedException {
        deleteDirectory(directory);
        List<String> skills = java.util.stream.IntStream.range(0, shape.queues())
                .mapToObj(InteractionGenerator::queueName).toList();
        List<String> known = java.util.stream.IntStream.range(0, shape.agents() - 4)
                .mapToObj(InteractionGenerator::agentId).toList();
        DemoCalabrio calabrio = new DemoCalabrio(skills, known);
        DirectoryFolder folder = new DirectoryFolder(directory);
        try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(Map.of()))
                .onboardingFolder(folder).wfmStandIn(calabrio).build();
             InProcessDriver driver = new InProcessDriver(integration.workflows(), 4, DriverClock.system())) {
            String workbook = RunFiles.INCOMING + "demo-agents.xlsx";
            onboard(integration, driver, folder, workbook, AgentsFileGenerator.workbook(shape.agents(),
                    shape.queues(), shape.firstDay()));
            out.println("Tenant setup: " + (shape.agents() + 4) + " rows of the workbook " + folder.where(workbook)
                    + " against a stand-in of Calabrio's WFM API (" + calabrio.commands() + " AddSkillsToPerson"
                    + " calls):");
            OnboardingCommands.printCounts(OnboardingCommands.report(folder, workbook), out);
            TextTable lines = new TextTable("row", "agentId", "outcome", "detail");
            List<CSVRecord> report = CSVParser.parse(directory.resolve(RunFiles.reportCsv(workbook)),
                    StandardCharsets.UTF_8, CSVFormat.RFC4180).getRecords();
            for (CSVRecord line : report.subList(report.size() - 8, report.size())) {
                String detail = line.get(3);
                lines.row(line.get(0), line.get(1), line.get(2), detail.length() > 110 ? detail.substring(0, 107)
                        + "..." : detail);
            }
            out.println("The report's last lines (" + folder.where(RunFiles.reportCsv(workbook)) + "):");
            lines.print(out);
            out.println("People workbook for Calabrio's \"Import new employees\": "
                    + folder.where(RunFiles.importFile(workbook)));

            int calls = calabrio.commands();
            String csv = RunFiles.INCOMING + "demo-agents.csv";
            onboard(integration, driver, folder, csv, AgentsFileGenerator.file(shape.agents(), shape.queues(),
                    shape.firstDay()).getBytes(StandardCharsets.UTF_8));
            out.println("The same agents uploaded again as a CSV (" + folder.where(csv) + "): "
                    + (calabrio.commands() - calls) + " AddSkillsToPerson calls; rows done before are not sent again:");
            OnboardingCommands.printCounts(OnboardingCommands.report(folder, csv), out);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one upload to its end, waiting for no one. */
    private static void onboard(Integration integration, InProcessDriver driver, DirectoryFolder folder,
                                String upload, byte[] file) throws InterruptedException {
        folder.write(upload, file);
        var input = integration.onboardingRuns().input(upload, OnboardingRuns.sha256(file));
        input.waitSeconds = 0;
        String instanceId = OnboardingWorkflow.instanceId(upload, input.sha256);
        driver.start(OnboardingWorkflow.RUN, input, instanceId);
        driver.awaitCompletion(instanceId);
    }

    /**
     * A few real-time ticks against local stand-ins of both peers: Wix Answers on a loopback port, Calabrio RTA as a
     * folder of request bodies. The first tick sends a snapshot of the floor, the next ones only what changed.
     */
    private static boolean realtime(Map<String, String> demoEnvironment, Path directory, int agents,
                                    PrintStream out) {
        deleteDirectory(directory);
        try (DemoAnswers answers = new DemoAnswers(agents)) {
            Map<String, String> environment = new HashMap<>(demoEnvironment);
            environment.put(Setting.ANSWERS_RPC_URL.key(), answers.rpcUrl());
            environment.put(Setting.CALABRIO_RTA_SOURCE_ID.key(), "wix-answers-demo");
            Secrets secrets = new EnvironmentSecrets(Map.of(Setting.ANSWERS_API_TOKEN.key(), "demo-answers-token"));
            try (Integration integration = new Integration.Builder(Settings.load(environment), secrets)
                    .rtaTransport(new DirectoryRtaTransport(directory)).stateStore(new MemoryStateStore()).build()) {
                RealtimeTick tick = integration.realtimeTick();
                out.println("Real-time: 3 ticks of " + agents + " agents from a stand-in of Wix Answers at "
                        + answers.rpcUrl() + ", a seventh of them changing each minute; the rta-tick lines:");
                boolean relayed = true;
                for (int number = 0; number < 3; number++) {
                    TickReport report = tick.run();
                    out.println("  " + report.toLogLine());
                    relayed &= !report.failed();
                }
                out.println("RTA bodies, exactly as they would be sent to Calabrio (authentication key left out): "
                        + directory.toAbsolutePath());
                return relayed;
            }
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
