package com.wixanswers.wfm.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Setting;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.realtime.MemoryStateStore;
import com.wixanswers.wfm.realtime.RealtimeTick;
import com.wixanswers.wfm.realtime.TickReport;
import com.wixanswers.wfm.testing.ManualClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code calabrio-sync bench realtime}: tick latency and heap with thousands of agents, against loopback stand-ins
 * for Wix Answers (a twentieth of whose agents change every minute) and Calabrio RTA, a minute of virtual time per
 * tick (so a snapshot every 15 ticks). The heap is the tick's own: after the timed ticks, {@link #HEAP_TICKS} more
 * (a snapshot among them) run while a full collection is forced every few milliseconds, and the peak heap still in
 * use after one, less what was live before the tick existed (the stand-ins, the floor, the JVM, their answers), is
 * what the tick keeps live, the state it holds between ticks included.
 * A benchmark, not a test: it prints figures.
 */
public final class RealtimeBenchmark {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] STATUSES = {"ONLINE", "ONLINE", "ONLINE", "IN_WORK", "IN_WORK", "IN_WORK", "BUSY",
        "OFFLINE"};
    private static final String[] CHANNELS = {"CALL", "CHAT", "TICKET"};
    private static final String[] REASONS = {"Lunch", "Break", "Meeting", "Training"};

    /** Ticks run under forced collections to measure the heap: a snapshot and changes, slowed down, never timed. */
    static final int HEAP_TICKS = 16;

    private RealtimeBenchmark() {
    }

    /** @return 0, or 1 when a tick failed */
    public static int run(int[] floors, int ticks, int warmUp, PrintStream out) {
        out.printf(Locale.ROOT, "%d warm-up ticks, then %d measured, a minute of virtual time each; max heap %d MiB%n",
                warmUp, ticks, Runtime.getRuntime().maxMemory() >> 20);
        out.println("agents   tick p50   tick p99   tick max   snapshot ticks   states sent   tick's live heap"
                + "   state blob");
        int failed = 0;
        for (int agents : floors) {
            failed += measure(agents, ticks, warmUp, out);
        }
        return failed == 0 ? 0 : 1;
    }

    private static int measure(int agents, int ticks, int warmUp, PrintStream out) {
        Floor floor = new Floor(agents);
        try (LoopbackServer answers = new LoopbackServer(request -> floor.response);
             LoopbackSink rta = LoopbackSink.counting("UserCode")) {
            Map<String, String> environment = new HashMap<>();
            environment.put(Setting.ANSWERS_RPC_URL.key(), answers.baseUrl() + "/rpc");
            environment.put(Setting.ANSWERS_API_TOKEN.key(), "benchmark-answers-token");
            environment.put(Setting.CALABRIO_RTA_URL.key(), rta.baseUrl() + "/Web/Rta/State/Batch");
            environment.put(Setting.CALABRIO_RTA_AUTH_KEY.key(), "benchmark-rta-key");
            environment.put(Setting.CALABRIO_RTA_SOURCE_ID.key(), "wix-answers");
            environment.put(Setting.RTA_MAX_AGENTS.key(), Integer.toString(Math.max(50_000, agents)));
            ManualClock clock = new ManualClock(Instant.parse("2026-11-28T08:00:00Z"));
            MemoryStateStore store = new MemoryStateStore();
            long[] latency = new long[ticks];
            int snapshots = 0;
            int failed = 0;
            long peakLive;
            // Live before the tick exists: the JVM, the stand-ins and the floor; what the tick holds comes on top.
            long baseline = HeapSampler.liveNow();
            try (Integration integration = new Integration.Builder(Settings.load(environment),
                    new EnvironmentSecrets(environment)).stateStore(store).clock(clock).build()) {
                RealtimeTick tick = integration.realtimeTick();
                for (int number = 0; number < warmUp; number++) {
                    failed += tick(tick, floor, clock).failed() ? 1 : 0;
                }
                for (int number = 0; number < ticks; number++) {
                    floor.nextMinute();
                    long started = System.nanoTime();
                    TickReport report = run(tick, clock);
                    latency[number] = System.nanoTime() - started;
                    snapshots += report.mode().equals("snapshot") ? 1 : 0;
                    failed += report.failed() ? 1 : 0;
                }
                // The stand-in's answers are made beforehand, and what they hold taken off, so that the ticks alone run.
                long beforeAnswers = HeapSampler.liveNow();
                List<byte[]> answersAhead = new ArrayList<>();
                for (int number = 0; number < HEAP_TICKS; number++) {
                    floor.nextMinute();
                    answersAhead.add(floor.response);
                }
                baseline += HeapSampler.liveNow() - beforeAnswers;
                int[] heapFailures = {0};
                peakLive = HeapSampler.peakLiveDuring(() -> {
                    for (byte[] answer : answersAhead) {
                        floor.response = answer;
                        heapFailures[0] += run(tick, clock).failed() ? 1 : 0;
                    }
                }, 10);
                failed += heapFailures[0];
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            out.printf(Locale.ROOT, "%,6d   %6.1f ms  %6.1f ms  %6.1f ms   %14d   %,11d   %12d MiB   %6.1f MB%s%n", agents,
                    percentile(latency, 50), percentile(latency, 99), Arrays.stream(latency).max().orElse(0) / 1e6,
                    snapshots, rta.rows.get(), Math.max(0, peakLive - baseline) >> 20,
                    store.read().document().length / 1e6, failed == 0 ? "" : "   (" + failed + " ticks FAILED)");
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TickReport tick(RealtimeTick tick, Floor floor, ManualClock clock) {
        floor.nextMinute();
        return run(tick, clock);
    }

    private static TickReport run(RealtimeTick tick, ManualClock clock) {
        clock.advance(Duration.ofMinutes(1));
        return tick.run();
    }

    /** The floor Wix Answers reports, seeded, so that every run sees the very same answers. */
    private static final class Floor {
        private final Random random = new Random(7);
        private final String[][] activities;
        volatile byte[] response;

        Floor(int agents) {
            activities = new String[agents][];
            for (int index = 0; index < agents; index++) {
                activities[index] = activity(random);
            }
        }

        /** A minute passes: a twentieth of the agents change, and the stand-in answers the floor as it is now. */
        void nextMinute() {
            for (int n = 0; n < activities.length / 20; n++) {
                activities[random.nextInt(activities.length)] = activity(random);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(activities.length * 140);
            try (JsonGenerator json = JSON.createGenerator(bytes)) {
                json.writeStartObject();
                json.writeStringField("jsonrpc", "2.0");
                json.writeStringField("id", "benchmark");
                json.writeObjectFieldStart("result");
                json.writeArrayFieldStart("activities");
                for (int index = 0; index < activities.length; index++) {
                    json.writeStartObject();
                    json.writeStringField("agentId", String.format(Locale.ROOT, "agent-%06d", index + 1));
                    json.writeStringField("status", activities[index][0]);
                    json.writeStringField("channel", activities[index][1]);
                    json.writeStringField("since", "2026-11-28T07:59:00Z");
                    json.writeStringField("busyReason", activities[index][2]);
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            response = LoopbackServer.ok(bytes.toByteArray());
        }

        private static String[] activity(Random random) {
            String status = STATUSES[random.nextInt(STATUSES.length)];
            String channel = status.equals("IN_WORK") ? CHANNELS[random.nextInt(CHANNELS.length)] : "NONE";
            String reason = status.equals("BUSY") ? REASONS[random.nextInt(REASONS.length)] : null;
            return new String[]{status, channel, reason};
        }
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
