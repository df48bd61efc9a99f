package com.wixanswers.wfm.bench;

import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.WfmTransport;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.onboarding.OnboardingRuns;
import com.wixanswers.wfm.onboarding.OnboardingWorkflow;
import com.wixanswers.wfm.onboarding.RunFiles;
import com.wixanswers.wfm.storage.DirectoryFolder;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code calabrio-sync bench onboarding}: an agents file of N agents through the real onboarding orchestration,
 * against a loopback stand-in of Calabrio's WFM API that answers after a latency: the calls per minute the run
 * sustains against CALABRIO_MAX_CALLS_PER_MINUTE, the most calls in any 60 seconds, the time and the peak heap.
 * With a time scale, the driver's clock (the run's durable timers) and the stand-in's latency run that many times
 * faster, and every figure is in the run's own time. A benchmark, not a test: it prints figures.
 */
public final class OnboardingBenchmark {
    private static final Pattern EMPLOYMENT_NUMBER = Pattern.compile("\"(agent-\\d+)\"");

    private OnboardingBenchmark() {
    }

    /** What one run came to, in the run's own time. */
    private record Measured(String status, int calls, int throttled, double minutes, double realSeconds,
                            double perMinute, double atCapPerMinute, int mostInAMinute, long peakLiveBytes,
                            long peakUsedBytes) {
    }

    /**
     * Runs the file once as Calabrio takes every call, and, with {@code throttleEvery} above 0, once more as it
     * answers 429 to every n-th command (no Retry-After): the calls a minute of both.
     */
    public static int run(int agents, int latencyMillis, int cap, int timeScale, int throttleEvery, PrintStream out) {
        out.printf(Locale.ROOT, "%,d agents, WFM API latency %d ms, cap %d calls a minute%s%n", agents,
                latencyMillis, cap, timeScale == 1 ? "" : ", time scale " + timeScale + " (the run's waits and"
                        + " the stand-in's latency " + timeScale + " times shorter in real time; figures in the"
                        + " run's time)");
        boolean ok = print("calm", measure(agents, latencyMillis, cap, timeScale, 0), cap, out);
        if (throttleEvery > 0) {
            ok &= print("429 every " + throttleEvery + ". command", measure(agents, latencyMillis, cap, timeScale,
                    throttleEvery), cap, out);
        }
        return ok ? 0 : 1;
    }

    private static boolean print(String name, Measured run, int cap, PrintStream out) {
        out.printf(Locale.ROOT, "%s:%n", name);
        out.printf(Locale.ROOT, "  run:        %s, %,d calls (%,d answered 429) in %.1f min of the run's time (%.1f s"
                + " real)%n", run.status(), run.calls(), run.throttled(), run.minutes() - 1, run.realSeconds());
        out.printf(Locale.ROOT, "  rate:       %.0f calls a minute sustained = %.0f%% of the cap (the run's span and"
                + " the minute after its last call)%n", run.perMinute(), 100 * run.perMinute() / cap);
        out.printf(Locale.ROOT, "  at the cap: %.0f calls a minute = %.0f%% of the cap (the minutes from the first call"
                + " that had a cap's worth of calls ahead)%n", run.atCapPerMinute(), 100 * run.atCapPerMinute() / cap);
        out.printf(Locale.ROOT, "  window:     at most %d calls in any 60 seconds, 429s included (cap %d)%s%n",
                run.mostInAMinute(), cap, run.mostInAMinute() <= cap ? "" : "  ABOVE THE CAP");
        out.printf(Locale.ROOT, "  peak heap:  %d MiB live after GC (%d MiB used, garbage included)%n",
                run.peakLiveBytes() >> 20, run.peakUsedBytes() >> 20);
        return run.status().equals("completed") && run.mostInAMinute() <= cap;
    }

    private static Measured measure(int agents, int latencyMillis, int cap, int timeScale, int throttleEvery) {
        Path directory;
        try {
            directory = Files.createTempDirectory("onboarding-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant start = Instant.parse("2026-12-03T09:00:00Z");
        DriverClock clock = scaled(start, timeScale);
        List<Instant> calls = Collections.synchronizedList(new ArrayList<>());
        long latencyNanos = Duration.ofMillis(latencyMillis).toNanos() / timeScale;
        AtomicInteger commands = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        try (LoopbackServer calabrio = new LoopbackServer(body -> answer(body, latencyNanos, throttleEvery, commands,
                throttled));
             HeapSampler heap = new HeapSampler()) {
            Map<String, String> environment = new HashMap<>();
            environment.put("CALABRIO_BASE_URL", calabrio.baseUrl());
            environment.put("CALABRIO_API_TOKEN", "benchmark-token");
            environment.put("CALABRIO_BUSINESS_UNIT_ID", "928dd0bc-bf40-412e-b970-9b5e015aadea");
            environment.put("CALABRIO_MAX_CALLS_PER_MINUTE", Integer.toString(cap));
            DirectoryFolder folder = new DirectoryFolder(directory);
            String upload = RunFiles.INCOMING + "bench.csv";
            byte[] file = file(agents);
            folder.write(upload, file);
            heap.reset();
            long started = System.nanoTime();
            InstanceState state;
            try (Integration integration = new Integration.Builder(Settings.load(environment),
                    new EnvironmentSecrets(environment)).onboardingFolder(folder)
                    .wfmAround(transport -> timed(transport, clock, calls)).build();
                 InProcessDriver driver = new InProcessDriver(integration.workflows(), 16, clock)) {
                var input = integration.onboardingRuns().input(upload, OnboardingRuns.sha256(file));
                String instanceId = OnboardingWorkflow.instanceId(upload, input.sha256);
                driver.start(OnboardingWorkflow.RUN, input, instanceId);
                state = driver.awaitCompletion(instanceId);
            }
            long realNanos = System.nanoTime() - started;
            List<Instant> times = new ArrayList<>(calls);
            times.sort(null);
            int mostInAMinute = 0;
            for (int from = 0, to = 0; from < times.size(); from++) {
                while (to < times.size() && times.get(to).isBefore(times.get(from).plusSeconds(60))) {
                    to++;
                }
                mostInAMinute = Math.max(mostInAMinute, to - from);
            }
            // The run holds the token from its first call until a minute after its last: the next run may start then.
            double minutes = (Duration.between(times.get(0), times.get(times.size() - 1)).toMillis() + 60_000) / 60_000.0;
            return new Measured(state.status().name().toLowerCase(Locale.ROOT), times.size(), throttled.get(), minutes,
                    realNanos / 1e9, times.size() / minutes, atCap(times, cap), mostInAMinute, heap.peakLiveBytes(),
                    heap.peakUsedBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The calls a minute in the minutes from the first call on that still had a cap's worth of calls ahead. */
    private static double atCap(List<Instant> times, int cap) {
        int minutes = 0;
        int calls = 0;
        int from = 0;
        for (Instant minute = times.get(0); times.size() - from >= cap; minute = minute.plusSeconds(60)) {
            int to = from;
            while (to < times.size() && times.get(to).isBefore(minute.plusSeconds(60))) {
                to++;
            }
            calls += to - from;
            minutes++;
            from = to;
        }
        return minutes == 0 ? Double.NaN : (double) calls / minutes;
    }

    private static byte[] file(int agents) {
        StringBuilder file = new StringBuilder("agentId,firstName,lastName,email,startDate,skills\n");
        for (int index = 1; index <= agents; index++) {
            file.append("agent-").append(index).append(",First,Last,agent").append(index)
                    .append("@example.com,2026-12-01,Billing;Sales\n");
        }
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The stand-in: every person known, every command taken but every {@code throttleEvery}-th (429, no Retry-After),
     * each answer after the latency.
     */
    private static byte[] answer(byte[] body, long latencyNanos, int throttleEvery, AtomicInteger commands,
                                 AtomicInteger throttled) {
        String request = new String(body, StandardCharsets.UTF_8);
        String answer;
        if (request.contains("EmploymentNumbers")) {
            StringBuilder people = new StringBuilder();
            Matcher number = EMPLOYMENT_NUMBER.matcher(request);
            while (number.find()) {
                people.append(people.isEmpty() ? "" : ",").append("{\"Id\":\"p-").append(number.group(1))
                        .append("\",\"EmploymentNumber\":\"").append(number.group(1)).append("\"}");
            }
            answer = "{\"Result\":[" + people + "],\"Successful\":true}";
        } else if (request.contains("PersonId")) {
            if (throttleEvery > 0 && commands.incrementAndGet() % throttleEvery == 0) {
                throttled.incrementAndGet();
                sleep(latencyNanos);
                return LoopbackServer.tooManyRequests(null);
            }
            answer = "{\"Successful\":true,\"Message\":null}";
        } else {
            answer = "{\"Result\":[{\"Id\":\"s-billing\",\"Name\":\"Billing\"},{\"Id\":\"s-sales\",\"Name\":\"Sales\"}],"
                    + "\"Successful\":true}";
        }
        sleep(latencyNanos);
        return LoopbackServer.ok(answer.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static WfmTransport timed(WfmTransport transport, DriverClock clock, List<Instant> calls) {
        return (path, name, body) -> {
            calls.add(clock.now());
            return transport.post(path, name, body);
        };
    }

    /** The run's clock, {@code scale} times faster than real time; its timers wait for real, scaled down. */
    private static DriverClock scaled(Instant start, int scale) {
        long origin = System.nanoTime();
        return new DriverClock() {
            @Override
            public Instant now() {
                return start.plusNanos((System.nanoTime() - origin) * scale);
            }

            @Override
            public Duration untilDue(Instant at) {
                Duration wait = Duration.between(now(), at).dividedBy(scale).plusMillis(1);
                return wait.isNegative() ? Duration.ZERO : wait;
            }
        };
    }
}
