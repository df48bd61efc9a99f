package com.wixanswers.wfm.bench;

import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.demo.ForecastGenerator;
import com.wixanswers.wfm.demo.ForecastsSchema;
import com.wixanswers.wfm.forecast.ForecastDays;
import com.wixanswers.wfm.forecast.ForecastFile;
import com.wixanswers.wfm.forecast.ForecastHorizon;
import com.wixanswers.wfm.forecast.ForecastQueries;
import com.wixanswers.wfm.forecast.ForecastRow;
import com.wixanswers.wfm.forecast.ForecastWorkflow;
import com.wixanswers.wfm.storage.DirectoryFolder;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code calabrio-sync bench forecast}: a horizon of forecasts for many skills through the real forecast run (plan,
 * one activity per skill reading its rows, writing its part of the file and sending SetForecast to a loopback
 * stand-in, then the file), against the bare work: each skill's query and its lines of the file, on one thread.
 * Both read the same H2 file database. After a warm-up pair they run in alternating pairs, and the ratio is the
 * median of the pairs': this machine's speed changes within seconds, and a pair is measured at one speed.
 * A benchmark, not a test.
 */
public final class ForecastBenchmark {
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 12, 7);
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Measured pairs of a bare run and a pipeline run, after one warm-up pair. */
    private static final int PAIRS = 5;

    private ForecastBenchmark() {
    }

    public static int run(int skillCount, int days, int intervalMinutes, PrintStream out) throws InterruptedException {
        Path directory;
        try {
            directory = Files.createTempDirectory("forecast-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> skills = IntStream.rangeClosed(1, skillCount)
                .mapToObj(n -> String.format(Locale.ROOT, "Skill %03d", n)).toList();
        AtomicLong bodies = new AtomicLong();
        try (LoopbackServer calabrio = new LoopbackServer(body -> answer(body, skills, bodies));
             HeapSampler heap = new HeapSampler()) {
            Map<String, String> environment = new HashMap<>();
            environment.put("SQL_CONNECTION_STRING", "jdbc:h2:file:" + directory.resolve("forecasts").toAbsolutePath()
                    + ";MODE=MSSQLServer;QUERY_CACHE_SIZE=0");
            environment.put("CALABRIO_BASE_URL", calabrio.baseUrl());
            environment.put("CALABRIO_API_TOKEN", "benchmark-token");
            environment.put("CALABRIO_BUSINESS_UNIT_ID", "928dd0bc-bf40-412e-b970-9b5e015aadea");
            environment.put("FORECAST_SET_COMMAND", "true");
            environment.put("FORECAST_SCENARIO_ID", "3c6a2e2b-0000-4000-8000-00000000d3e0");
            environment.put("FORECAST_TIME_ZONE", ZONE.getId());
            environment.put("FORECAST_HORIZON_DAYS", Integer.toString(days));
            Settings settings = Settings.load(environment);
            DirectoryFolder folder = new DirectoryFolder(directory.resolve("container"));
            try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(environment))
                    .forecastFolder(folder).build()) {
                long rows = integration.database().run("generating forecasts", connection -> {
                    ForecastsSchema.create(connection, settings.forecast().table());
                    return ForecastGenerator.fill(connection, settings.forecast().table(), skills, FIRST_DAY, days,
                            intervalMinutes, ZONE, Instant.parse("2026-12-06T00:00:00Z"), 7L);
                });
                ForecastHorizon horizon = new ForecastHorizon(FIRST_DAY, days, ZONE);
                out.printf(Locale.ROOT, "%,d skills, %d days of %d-minute intervals in %s: %,d rows (two versions of"
                        + " each interval) in an H2 file database%n", skillCount, days, intervalMinutes, ZONE, rows);
                long[] bare = new long[2];
                long[] heaps = new long[2];
                InstanceState[] state = new InstanceState[1];
                int[] round = {0};
                Pairs.Result pairs = Pairs.run(PAIRS, () -> {
                    heap.reset();
                    long start = System.nanoTime();
                    long[] counts = bareWork(integration, settings, horizon, skills, directory.resolve("bare.csv"));
                    long nanos = System.nanoTime() - start;
                    System.arraycopy(counts, 0, bare, 0, 2);
                    heaps[0] = Math.max(heaps[0], heap.peakLiveBytes());
                    return nanos;
                }, () -> {
                    heap.reset();
                    bodies.set(0);
                    String instance = horizon.name() + "-" + round[0]++;
                    long start = System.nanoTime();
                    try (InProcessDriver driver = new InProcessDriver(integration.workflows(), 4,
                            DriverClock.system())) {
                        driver.start(ForecastWorkflow.RUN, integration.forecastRuns().input(horizon), instance);
                        state[0] = driver.awaitCompletion(instance);
                    }
                    long nanos = System.nanoTime() - start;
                    heaps[1] = Math.max(heaps[1], heap.peakLiveBytes());
                    return nanos;
                });
                long bareHeap = heaps[0];
                long pipelineHeap = heaps[1];
                long fileBytes = Files.size(directory.resolve("container").resolve("forecast-" + FIRST_DAY + "_"
                        + horizon.lastDay() + ".csv"));
                out.printf(Locale.ROOT, "bare work:  %.2f s  (median of %d; one thread: each skill's query and its"
                        + " lines, %,d intervals, %,d lines)%n", pairs.bareSeconds(), PAIRS, bare[0], bare[1]);
                out.printf(Locale.ROOT, "pipeline:   %.2f s  (median of %d; %s; plan, %d skill activities on 4 threads"
                        + " sending %d SetForecast bodies, the file: %,d bytes)%n", pairs.pipelineSeconds(), PAIRS,
                        state[0].status().name().toLowerCase(Locale.ROOT), skillCount, bodies.get(), fileBytes);
                out.printf(Locale.ROOT, "ratio:      %s%n", pairs.ratioLine(1.5));
                out.printf(Locale.ROOT, "peak heap:  pipeline %d MiB live after GC, bare work %d MiB (goal under 256"
                        + " MiB); max heap %d MiB%n", pipelineHeap >> 20, bareHeap >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
                return state[0].status() == InstanceState.Status.COMPLETED ? 0 : 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each skill's newest rows and their lines of the file: intervals read and lines written. */
    private static long[] bareWork(Integration integration, Settings settings, ForecastHorizon horizon,
                                   List<String> skills, Path file) throws IOException {
        ForecastQueries queries = new ForecastQueries(settings.forecast().table());
        ForecastFile lines = new ForecastFile(ZONE, ',');
        long[] counts = new long[2];
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 64 * 1024)) {
            for (String skill : skills) {
                List<ForecastRow> rows = new ArrayList<>();
                integration.database().run("bare", connection -> {
                    queries.rows(connection, horizon, List.of(skill), rows::add, invalid -> { });
                    return null;
                });
                ForecastDays.Split split = ForecastDays.of(horizon, rows);
                counts[0] += split.intervals();
                counts[1] += lines.write(out, skill, split.days());
            }
        }
        return counts;
    }

    private static byte[] answer(byte[] body, List<String> skills, AtomicLong bodies) {
        String request = new String(body, StandardCharsets.UTF_8);
        String answer;
        if (request.contains("\"SkillId\"")) {
            bodies.incrementAndGet();
            answer = "{\"Successful\":true}";
        } else {
            StringBuilder result = new StringBuilder();
            for (String skill : skills) {
                result.append(result.isEmpty() ? "" : ",").append("{\"Id\":\"id-").append(skill.replace(' ', '-'))
                        .append("\",\"Name\":\"").append(skill).append("\"}");
            }
            answer = "{\"Result\":[" + result + "],\"Successful\":true}";
        }
        return LoopbackServer.ok(answer.getBytes(StandardCharsets.UTF_8));
    }
}
