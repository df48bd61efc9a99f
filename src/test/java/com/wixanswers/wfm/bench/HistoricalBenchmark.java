package com.wixanswers.wfm.bench;

import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.AgentQueueStatsRow;
import com.wixanswers.wfm.calabrio.AgentStatsRow;
import com.wixanswers.wfm.calabrio.HistoricalRequests;
import com.wixanswers.wfm.calabrio.QueueStatsRow;
import com.wixanswers.wfm.cli.HistoricalRunner;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.SecretName;
import com.wixanswers.wfm.config.Setting;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.demo.InteractionGenerator;
import com.wixanswers.wfm.demo.InteractionsSchema;
import com.wixanswers.wfm.historical.AgentWork;
import com.wixanswers.wfm.historical.DayRows;
import com.wixanswers.wfm.historical.HistoricalMessages.DaySummary;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.historical.InteractionStatistics;
import com.wixanswers.wfm.historical.StatsDay;
import com.wixanswers.wfm.sql.Database;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code calabrio-sync bench historical}: how much the durable pipeline costs over the bare work it does. Bare
 * work is the day's figures by one SQL aggregation per kind (agent and agent-queue rows share theirs) plus
 * serialising every request body. The pipeline
 * is the real thing: run and day and chunk orchestrations replayed by the in-process driver, one activity per
 * queue and per agent, HTTP to a loopback sink. Both read the same H2 file database; after a warm-up pair they run
 * in alternating pairs, and the ratio is the median of the pairs' ({@link Pairs}). A benchmark, not a test.
 */
public final class HistoricalBenchmark {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    private HistoricalBenchmark() {
    }

    public static int run(int interactions, int queues, int agents, int parallelism, int pairsCount,
                          PrintStream out) throws InterruptedException {
        Path directory;
        try {
            directory = Files.createTempDirectory("calabrio-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (LoopbackSink sink = LoopbackSink.counting("IntervalStart"); HeapSampler heap = new HeapSampler()) {
            Map<String, String> environment = new HashMap<>();
            // QUERY_CACHE_SIZE=0: H2 would otherwise answer a repeated query from its cache, and the warm rounds
            // would measure the cache instead of the work.
            environment.put(Setting.SQL_CONNECTION_STRING.key(), "jdbc:h2:file:"
                    + directory.resolve("interactions").toAbsolutePath() + ";MODE=MSSQLServer;QUERY_CACHE_SIZE=0");
            environment.put(Setting.CALABRIO_BASE_URL.key(), sink.baseUrl());
            environment.put(SecretName.CALABRIO_HISTORICAL_TENANT_KEY.settingName(), "benchmark-tenant-key");
            environment.put(SecretName.CALABRIO_DATA_SOURCE_KEY.settingName(), "benchmark-data-source");
            Settings settings = Settings.load(environment);
            try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(environment))
                    .build()) {
                long started = System.nanoTime();
                integration.database().run("generating the benchmark's interactions", connection -> {
                    InteractionsSchema.create(connection, settings.sql().interactionsTable());
                    return InteractionGenerator.fill(connection, settings.sql().interactionsTable(),
                            new InteractionGenerator.Shape(DAY, 1, interactions, queues, agents,
                                    settings.statistics().zone(), 0, 42L));
                });
                out.printf(Locale.ROOT, "generated %,d interactions, %d queues, %d agents on %s in %.1f s"
                        + " (H2 file database, %d activity threads)%n", interactions, queues, agents, DAY,
                        seconds(System.nanoTime() - started), parallelism);

                BareWork[] bare = new BareWork[1];
                HistoricalRunner.RunReport[] report = new HistoricalRunner.RunReport[1];
                long[] bareHeap = new long[2];
                long[] pipelineHeap = new long[2];
                long[] sent = new long[2];
                Pairs.Result pairs = Pairs.run(pairsCount, () -> {
                    heap.reset();
                    long start = System.nanoTime();
                    bare[0] = bareWork(integration.database(), settings);
                    long nanos = System.nanoTime() - start;
                    bareHeap[0] = Math.max(bareHeap[0], heap.peakLiveBytes());
                    bareHeap[1] = Math.max(bareHeap[1], heap.peakUsedBytes());
                    return nanos;
                }, () -> {
                    heap.reset();
                    long requestsBefore = sink.requests.get();
                    long rowsBefore = sink.rows.get();
                    long start = System.nanoTime();
                    report[0] = HistoricalRunner.run(integration, new DayRange(DAY, DAY), parallelism,
                            DriverClock.system());
                    long nanos = System.nanoTime() - start;
                    pipelineHeap[0] = Math.max(pipelineHeap[0], heap.peakLiveBytes());
                    pipelineHeap[1] = Math.max(pipelineHeap[1], heap.peakUsedBytes());
                    sent[0] = sink.requests.get() - requestsBefore;
                    sent[1] = sink.rows.get() - rowsBefore;
                    return nanos;
                });
                print(out, bare[0], pairs, bareHeap, report[0], pipelineHeap, sent[0], sent[1]);
                return report[0].succeeded() && rowsMatch(bare[0], report[0]) ? 0 : 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(directory);
        }
    }

    /** What the bare work produced, and where its time went. */
    private record BareWork(long queueRows, long agentRows, long agentQueueRows, long requests, long bytes,
                            long queueSqlNanos, long agentSqlNanos, long serialiseNanos) {
    }

    private static BareWork bareWork(Database database, Settings settings) {
        InteractionStatistics statistics = new InteractionStatistics(settings.sql().interactionsTable(),
                settings.statistics());
        HistoricalRequests requests = new HistoricalRequests(() -> HistoricalRequests.DATA_SOURCE_KEY_PLACEHOLDER,
                settings.statistics().intervalMinutes(), settings.historical().batchSize());
        StatsDay day = StatsDay.of(DAY, settings.statistics().zone(), settings.statistics().intervalMinutes());
        return database.run("the bare work", connection -> {
            long[] serialised = new long[2];
            // Serialised as the pipeline sends them: one set of bodies per queue, and per agent and kind. Each
            // kind is dropped once serialised, so the bare work holds no more than it must.
            long start = System.nanoTime();
            List<QueueStatsRow> queues = DayRows.queueRows(day, statistics.queueStats(connection, day, null));
            long queueSql = System.nanoTime() - start;
            start = System.nanoTime();
            int queueRows = serialise(requests, queues, QueueStatsRow::queueId, serialised);
            long serialising = System.nanoTime() - start;
            queues = List.of();
            start = System.nanoTime();
            List<AgentWork> work = statistics.agentWork(connection, day, null);
            List<AgentStatsRow> agents = DayRows.agentRows(work);
            List<AgentQueueStatsRow> agentQueues = DayRows.agentQueueRows(work);
            long agentSql = System.nanoTime() - start;
            start = System.nanoTime();
            int agentRows = serialise(requests, agents, AgentStatsRow::agentId, serialised);
            int agentQueueRows = serialise(requests, agentQueues, AgentQueueStatsRow::agentId, serialised);
            serialising += System.nanoTime() - start;
            return new BareWork(queueRows, agentRows, agentQueueRows, serialised[0], serialised[1], queueSql, agentSql,
                    serialising);
        });
    }

    /** Serialises the rows as their owners' bodies, adds bodies and bytes to {@code counts}, answers the rows. */
    private static <T> int serialise(HistoricalRequests requests, List<T> rows, Function<T, String> owner,
                                     long[] counts) {
        Map<String, List<T>> byOwner = rows.stream().collect(Collectors.groupingBy(owner));
        for (List<T> ownerRows : byOwner.values()) {
            for (byte[] body : requests.bodies(ownerRows)) {
                counts[0]++;
                counts[1] += body.length;
            }
        }
        return rows.size();
    }

    private static boolean rowsMatch(BareWork bare, HistoricalRunner.RunReport report) {
        DaySummary day = report.days().get(0).summary();
        return day != null && day.rowsSent.queue == bare.queueRows() && day.rowsSent.agent == bare.agentRows()
                && day.rowsSent.agentQueue == bare.agentQueueRows();
    }

    /** @param bareHeap and {@code pipelineHeap}: peak live bytes after a collection, peak used bytes sampled */
    private static void print(PrintStream out, BareWork bare, Pairs.Result pairs, long[] bareHeap,
                              HistoricalRunner.RunReport report, long[] pipelineHeap, long sinkRequests,
                              long sinkRows) {
        DaySummary day = report.days().get(0).summary();
        long activities = report.stats().activitiesRun();
        out.printf(Locale.ROOT, "bare work:  %.2f s  (median of %d; one thread, the last run: queue aggregation %.2f s,"
                        + " agent aggregation %.2f s, serialising %,d bodies of %,d bytes %.2f s; %,d queue, %,d agent,"
                        + " %,d agent-queue rows)%n", pairs.bareSeconds(), pairs.bare().size(), seconds(bare.queueSqlNanos()), seconds(bare.agentSqlNanos()), bare.requests(),
                bare.bytes(), seconds(bare.serialiseNanos()), bare.queueRows(), bare.agentRows(),
                bare.agentQueueRows());
        out.printf(Locale.ROOT, "pipeline:   %.2f s  (median of %d; %s; %,d activities, %,d requests, %,d rows to the"
                        + " sink)%n", pairs.pipelineSeconds(), pairs.pipeline().size(), report.succeeded() ? "succeeded" : "FAILED: " + report.run().failureMessage(),
                activities, sinkRequests, sinkRows);
        out.printf(Locale.ROOT, "ratio:      %s%n", pairs.ratioLine(1.5));
        out.printf(Locale.ROOT, "replay:     %,d events in %,d episodes = %.1f events per activity%n",
                report.stats().replayEvents(), report.stats().episodes(),
                report.stats().replayEventsPerActivity());
        out.printf(Locale.ROOT, "peak heap:  pipeline %d MiB live after GC (%d MiB used, garbage included);"
                        + " bare work %d MiB live (%d MiB used); max heap %d MiB%n", pipelineHeap[0] >> 20,
                pipelineHeap[1] >> 20, bareHeap[0] >> 20, bareHeap[1] >> 20, Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "rows match: %s%n", rowsMatch(bare, report) ? "yes, every row of the bare work"
                + " reached the sink" : "NO: pipeline sent " + (day == null ? "nothing" : day.rowsSent.queue + "/"
                + day.rowsSent.agent + "/" + day.rowsSent.agentQueue));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
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
