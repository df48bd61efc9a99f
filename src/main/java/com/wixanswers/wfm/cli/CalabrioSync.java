package com.wixanswers.wfm.cli;

import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.DirectoryHistoricalDataTransport;
import com.wixanswers.wfm.calabrio.DirectoryRtaTransport;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.doctor.Doctor;
import com.wixanswers.wfm.doctor.DoctorReport;
import com.wixanswers.wfm.historical.HistoricalRuns;
import com.wixanswers.wfm.historical.IntradayRuns;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.realtime.MemoryStateStore;
import com.wixanswers.wfm.realtime.RealtimeTick;
import com.wixanswers.wfm.realtime.TickReport;
import com.wixanswers.wfm.sql.DatabaseException;
import com.wixanswers.wfm.workflow.DriverClock;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;

/**
 * {@code scripts/calabrio-sync}: the operator's command line. It reads the same settings as the Functions app,
 * from the environment, and runs the same orchestrators and activities in this process.
 */
public final class CalabrioSync {
    static final String USAGE = """
            usage:
              calabrio-sync demo [--out DIR]
                  every part against stand-ins, needing no settings: a generated week of interactions, yesterday
                  exported as a dry run to DIR (default ./out) with a table per queue, tenant setup, forecasts,
                  and three real-time ticks
              calabrio-sync historical --from yyyy-MM-dd --to yyyy-MM-dd [--dry-run DIR] [--parallelism N] [--json]
                  compute and send the historical statistics of those days (or write the request bodies to DIR);
                  --json prints each day's instance and the run's as the host stores them, one JSON line each
              calabrio-sync intraday [--now yyyy-MM-ddTHH:mm:ssZ] [--dry-run DIR] [--parallelism N] [--json]
                  the intraday run of the slot at --now (default: this minute): today's queue statistics for
                  every interval ended INTRADAY_DELAY_MINUTES before it, from the table as it is now
              calabrio-sync realtime --ticks N [--dry-run DIR] [--interval-seconds S]
                  run N real-time ticks S seconds apart (default 60) against the configured peers (or write the
                  RTA bodies to DIR), one line per tick
              calabrio-sync onboard FILE [--out DIR] [--dry-run] [--retry-seconds N] [--wait-seconds N]
                  tenant setup from an agents file: the people file for Calabrio's import, skills through the WFM
                  API, a report per row, under DIR (default ./out/onboarding); --dry-run reads skills and people
                  from Calabrio but writes the AddSkillsToPerson bodies to DIR/requests/ instead of sending them
              calabrio-sync validate FILE
                  the report of an agents file, row by row, calling nothing
              calabrio-sync setup-check [--days N] [--file FILE] [--out DIR]
                  what the tenant lacks: agents with work in the last N days (default 30) without a person in
                  Calabrio, the queues seen, and the skills Calabrio does not have of FILE, else of the last
                  file onboard kept (the newest under DIR/incoming/, default ./out/onboarding)
              calabrio-sync forecast [--from yyyy-MM-dd] [--days N] [--out DIR] [--dry-run]
                  the forecasts of N local days from a day (default today and FORECAST_HORIZON_DAYS): the file
                  for Calabrio's import under DIR/forecasts/ (default ./out), SetForecast where
                  FORECAST_SET_COMMAND is true; --dry-run writes each SetForecast body to DIR/requests/ instead
              calabrio-sync doctor [--wfm-spec URL|FILE] [--historical-spec URL|FILE] [--json]
                  before the first run: the tenant (WFM API, historical-data API, RTA), Wix Answers, the tables
                  and the storage checked against the integration's contracts, a line each (ok, warning,
                  differs, unreachable, skipped); sends no statistic, state or command; exit 1 when something
                  differs or is unreachable; the --*-spec options name an API document over the tenant's page
              calabrio-sync bench ...
                  the benchmarks: calabrio-sync bench --help
            demo and bench are test code, never deployed: the script runs them on the test classpath
            settings come from the environment, as in the Functions app (see README.md)""";

    private CalabrioSync() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    static int run(String[] argv, Map<String, String> environment, PrintStream out) {
        CliLogging.configure(Level.INFO);
        Arguments args = new Arguments(argv, flagsOf(argv));
        try {
            return switch (args.word(0)) {
                case "demo", "bench" -> throw new Arguments.UsageException(args.word(0) + " runs from the test"
                        + " classes, never deployed: scripts/calabrio-sync " + args.word(0));
                case "historical" -> historical(args, environment, out);
                case "intraday" -> intraday(args, environment, out);
                case "realtime" -> realtime(args, environment, out);
                case "onboard" -> OnboardingCommands.onboard(args, Integration.fromEnvironment(environment), out);
                case "validate" -> OnboardingCommands.validate(args, Settings.load(environment), out);
                case "forecast" -> ForecastCommand.run(args, Integration.fromEnvironment(environment), out);
                case "doctor" -> doctor(args, environment, out);
                case "setup-check" -> OnboardingCommands.setupCheck(args, Integration.fromEnvironment(environment),
                        out);
                default -> throw new Arguments.UsageException(args.word(0).isEmpty() ? "which command?"
                        : "unknown command '" + args.word(0) + "'");
            };
        } catch (Arguments.UsageException e) {
            System.err.println("calabrio-sync: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        } catch (SettingsException e) {
            System.err.println("calabrio-sync: " + e.getMessage());
            return 2;
        } catch (PeerException | DatabaseException e) {
            // A peer or the database failed a command that calls it directly (setup-check): said, not a stack trace.
            System.err.println("calabrio-sync: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("calabrio-sync: interrupted");
            return 130;
        }
    }

    private static int historical(Arguments args, Map<String, String> environment, PrintStream out)
            throws InterruptedException {
        String from = args.required("from");
        String to = args.required("to");
        String dryRun = args.option("dry-run", null);
        int parallelism = parallelism(args);
        boolean json = args.flag("json");
        args.rejectUnknown();

        Integration.Builder builder = Integration.fromEnvironment(environment);
        Settings settings = builder.settings();
        HistoricalRuns.Validated validated = HistoricalRuns.validate(from, to,
                LocalDate.now(settings.statistics().zone()));
        if (validated.refusal().isPresent()) {
            throw new Arguments.UsageException(validated.refusal().get().error());
        }
        dryRunTo(builder, dryRun);
        try (Integration integration = builder.build()) {
            integration.historicalActivities();
            return report(HistoricalRunner.run(integration, validated.range().orElseThrow(), parallelism,
                    DriverClock.system()), json, dryRun, out);
        }
    }

    /** {@code intraday [--now INSTANT] [--dry-run DIR] [--json]}: the slot's intraday run, exiting as historical. */
    private static int intraday(Arguments args, Map<String, String> environment, PrintStream out)
            throws InterruptedException {
        String now = args.option("now", null);
        String dryRun = args.option("dry-run", null);
        int parallelism = parallelism(args);
        boolean json = args.flag("json");
        args.rejectUnknown();
        Instant slotTime;
        try {
            slotTime = now == null ? Instant.now() : Instant.parse(now);
        } catch (DateTimeParseException e) {
            throw new Arguments.UsageException("--now (" + now + ") is not an instant: use e.g. 2026-12-06T14:15:00Z");
        }
        Integration.Builder builder = dryRunTo(Integration.fromEnvironment(environment), dryRun);
        Settings settings = builder.settings();
        IntradayRuns.Slot slot = IntradayRuns.slot(slotTime, settings.statistics().zone(),
                settings.historical().intraday().delayMinutes());
        try (Integration integration = builder.build()) {
            integration.historicalActivities();
            return report(HistoricalRunner.run(integration, slot, parallelism, DriverClock.system()), json, dryRun,
                    out);
        }
    }

    private static Integration.Builder dryRunTo(Integration.Builder builder, String dryRun) {
        if (dryRun != null) {
            if (dryRun.isEmpty()) {
                throw new Arguments.UsageException("--dry-run needs a directory");
            }
            builder.historicalTransport(new DirectoryHistoricalDataTransport(Path.of(dryRun)));
        }
        return builder;
    }

    /** Prints a run's report (the table, or its instances as JSON lines) and answers the exit code. */
    private static int report(HistoricalRunner.RunReport report, boolean json, String dryRun, PrintStream out) {
        if (json) {
            HistoricalRunner.printJson(report, out);
        } else {
            HistoricalRunner.print(report, out);
        }
        if (dryRun != null && !json) {
            out.println("dry run: request bodies written under " + Path.of(dryRun).toAbsolutePath());
        }
        return report.succeeded() ? 0 : 1;
    }

    private static int realtime(Arguments args, Map<String, String> environment, PrintStream out)
            throws InterruptedException {
        int ticks = args.integer("ticks", 1, 1);
        int intervalSeconds = args.integer("interval-seconds", 60, 0);
        String dryRun = args.option("dry-run", null);
        args.rejectUnknown();

        Integration.Builder builder = Integration.fromEnvironment(environment);
        if (dryRun != null) {
            if (dryRun.isEmpty()) {
                throw new Arguments.UsageException("--dry-run needs a directory");
            }
            builder.rtaTransport(new DirectoryRtaTransport(Path.of(dryRun)));
        }
        Settings.StorageSettings storage = builder.settings().storage();
        if (storage.connectionString().isEmpty() && storage.blobServiceUri().isEmpty()) {
            System.err.println("calabrio-sync: no storage configured (AzureWebJobsStorage): the real-time state is"
                    + " kept in memory for this run, so the first tick sends a snapshot");
            builder.stateStore(new MemoryStateStore());
        }
        try (Integration integration = builder.build()) {
            RealtimeTick tick = integration.realtimeTick();
            int failed = 0;
            for (int number = 1; number <= ticks; number++) {
                long started = System.nanoTime();
                TickReport report = tick.run();
                out.println(report.toLogLine());
                failed += report.failed() ? 1 : 0;
                long waitMillis = intervalSeconds * 1000L - (System.nanoTime() - started) / 1_000_000;
                if (number < ticks && waitMillis > 0) {
                    Thread.sleep(waitMillis);
                }
            }
            if (dryRun != null) {
                out.println("dry run: RTA bodies (authentication key left out) written under "
                        + Path.of(dryRun).toAbsolutePath());
            }
            return failed == 0 ? 0 : 1;
        }
    }

    private static int doctor(Arguments args, Map<String, String> environment, PrintStream out) {
        Doctor.Options options = new Doctor.Options(Optional.ofNullable(args.option("wfm-spec", null)),
                Optional.ofNullable(args.option("historical-spec", null)));
        boolean json = args.flag("json");
        args.rejectUnknown();
        try (Integration integration = Integration.fromEnvironment(environment).build()) {
            DoctorReport report = integration.doctor().run(options);
            out.print(json ? report.json() + System.lineSeparator() : report.text());
            return report.exitCode();
        }
    }

    /** A command's options that take no value: {@code onboard FILE --dry-run} and {@code --dry-run FILE} alike. */
    private static Set<String> flagsOf(String[] argv) {
        String command = Arrays.stream(argv).filter(arg -> !arg.startsWith("--")).findFirst().orElse("");
        return switch (command) {
            case "onboard", "forecast" -> Set.of("dry-run");
            case "historical", "intraday", "doctor" -> Set.of("json");
            default -> Set.of();
        };
    }

    private static int parallelism(Arguments args) {
        return args.integer("parallelism", 8, 1);
    }
}
