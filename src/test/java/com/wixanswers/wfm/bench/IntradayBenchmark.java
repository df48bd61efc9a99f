package com.wixanswers.wfm.bench;

import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.HistoricalRequests;
import com.wixanswers.wfm.calabrio.QueueStatsRow;
import com.wixanswers.wfm.cli.HistoricalRunner;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.SecretName;
import com.wixanswers.wfm.config.Setting;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.demo.InteractionGenerator;
import com.wixanswers.wfm.demo.InteractionsSchema;
import com.wixanswers.wfm.historical.DayRows;
import com.wixanswers.wfm.historical.InteractionStatistics;
import com.wixanswers.wfm.historical.IntradayRuns;
import com.wixanswers.wfm.historical.StatsDay;
import com.wixanswers.wfm.sql.Database;
import com.wixanswers.wfm.workflow.DriverClock;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code calabrio-sync bench intraday}: one intraday run at the day's last slot (23:45 local: every interval but the
 * last has ended), through the real run of days limited to queues, against the bare work of the same intervals (the
 * queue aggregation and serialising the bodies); in alternating pairs after a warm-up pair, the median ratio. Then
 * what a day of runs adds to the database: the bare aggregation at every 15-minute slot of the day, summed. A
 * benchmark, not a test: it prints figures.
 */
public final class IntradayBenchmark {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final int DELAY_MINUTES = 5;
    private static final Duration SLOT = Duration.ofMinutes(15);

    private IntradayBenchmark() {
    }

    public static int run(int interactions, int queues, int agents, int pairsCount, PrintStream out)
            throws InterruptedException {
        Path directory;
        try {
            directory = Files.createTempDirectory("intraday-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (LoopbackSink sink = LoopbackSink.counting("IntervalStart")) {
            Map<String, String> environment = new HashMap<>();
            environment.put(Setting.SQL_CONNECTION_STRING.key(), "jdbc:h2:file:"
                    + directory.resolve("interactions").toAbsolutePath() + ";MODE=MSSQLServer;QUERY_CACHE_SIZE=0");
            environment.put(Setting.CALABRIO_BASE_URL.key(), sink.baseUrl());
            environment.put(Setting.STATS_TIME_ZONE.key(), ZONE.getId());
            environment.put(Setting.INTRADAY_DELAY_MINUTES.key(), Integer.toString(DELAY_MINUTES));
            environment.put(SecretName.CALABRIO_HISTORICAL_TENANT_KEY.settingName(), "benchmark-tenant-key");
            environment.put(SecretName.CALABRIO_DATA_SOURCE_KEY.settingName(), "benchmark-data-source");
            Settings settings = Settings.load(environment);
            try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(environment))
                    .build()) {
                integration.database().run("generating the benchmark's interactions", connection -> {
                    InteractionsSchema.create(connection, settings.sql().interactionsTable());
                    return InteractionGenerator.fill(connection, settings.sql().interactionsTable(),
                            new InteractionGenerator.Shape(DAY.minusDays(1), 3, interactions, queues, agents, ZONE,
                                    0, 29L));
                });
                StatsDay whole = StatsDay.of(DAY, ZONE, settings.statistics().intervalMinutes());
                Instant lastSlot = whole.end().minus(SLOT);
                IntradayRuns.Slot slot = IntradayRuns.slot(lastSlot, ZONE, DELAY_MINUTES);
                StatsDay day = whole.endedBy(slot.endedBy());
                out.printf(Locale.ROOT, "%,d interactions a day (%s and the days around it), %d queues, %d agents;"
                        + " H2 file database; the slot at %s local, %d intervals ended%n", interactions, DAY, queues,
                        agents, lastSlot.atZone(ZONE).toLocalTime(), day.intervalCount());

                long[] bareCounts = new long[2];
                HistoricalRunner.RunReport[] report = new HistoricalRunner.RunReport[1];
                Pairs.Result pairs = Pairs.run(pairsCount, () -> {
                    long start = System.nanoTime();
                    long[] counts = bareWork(integration.database(), settings, day);
                    long nanos = System.nanoTime() - start;
                    System.arraycopy(counts, 0, bareCounts, 0, 2);
                    return nanos;
                }, () -> {
                    long start = System.nanoTime();
                    report[0] = HistoricalRunner.run(integration, slot, 4, DriverClock.system());
                    return System.nanoTime() - start;
                });

                long dayOfRuns = 0;
                long longest = 0;
                int runs = 0;
                for (Instant at = whole.start().plus(SLOT); !at.isAfter(whole.end()); at = at.plus(SLOT)) {
                    long start = System.nanoTime();
                    bareWork(integration.database(), settings, whole.endedBy(at.minus(Duration.ofMinutes(
                            DELAY_MINUTES))));
                    long nanos = System.nanoTime() - start;
                    dayOfRuns += nanos;
                    longest = Math.max(longest, nanos);
                    runs++;
                }

                long sent = report[0].days().stream().mapToLong(day1 -> day1.summary().rowsSent.queue).sum();
                out.printf(Locale.ROOT, "bare work:  %.2f s  (median of %d; the queue aggregation of the ended"
                        + " intervals and their bodies: %,d rows, %,d bodies)%n", pairs.bareSeconds(),
                        pairs.bare().size(), bareCounts[0], bareCounts[1]);
                out.printf(Locale.ROOT, "pipeline:   %.2f s  (median of %d; %s; %,d queue rows sent)%n",
                        pairs.pipelineSeconds(), pairs.pipeline().size(), report[0].succeeded() ? "succeeded"
                                : "FAILED: " + report[0].run().failureReason(), sent);
                out.printf(Locale.ROOT, "ratio:      %s%n", pairs.ratioLine(1.5));
                out.printf(Locale.ROOT, "a day:      %d runs every %d minutes add %.1f s of database time (the"
                        + " longest %.2f s, the slot's budget %d s)%n", runs, SLOT.toMinutes(), dayOfRuns / 1e9,
                        longest / 1e9, SLOT.toSeconds());
                return report[0].succeeded() && sent == bareCounts[0] ? 0 : 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(directory);
        }
    }

    /** The queue figures of the ended intervals, as rows, serialised as the pipeline sends them: rows and bodies. */
    private static long[] bareWork(Database database, Settings settings, StatsDay day) {
        InteractionStatistics statistics = new InteractionStatistics(settings.sql().interactionsTable(),
                settings.statistics());
        HistoricalRequests requests = new HistoricalRequests(() -> HistoricalRequests.DATA_SOURCE_KEY_PLACEHOLDER,
                settings.statistics().intervalMinutes(), settings.historical().batchSize());
        return database.run("the bare work", connection -> {
            List<QueueStatsRow> rows = DayRows.queueRows(day, statistics.queueStats(connection, day, null));
            long bodies = 0;
            for (List<QueueStatsRow> queue : rows.stream().collect(Collectors.groupingBy(QueueStatsRow::queueId))
                    .values()) {
                bodies += requests.bodies(queue).size();
            }
            return new long[]{rows.size(), bodies};
        });
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
