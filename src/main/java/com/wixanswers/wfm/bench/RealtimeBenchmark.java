package com.wixanswers.wfm.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.answers.AgentActivityClient;
import com.wixanswers.wfm.calabrio.RtaRequests;
import com.wixanswers.wfm.calabrio.RtaState;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.config.Setting;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.realtime.CachingStateStore;
import com.wixanswers.wfm.realtime.MemoryStateStore;
import com.wixanswers.wfm.realtime.RealtimeState;
import com.wixanswers.wfm.realtime.RealtimeTick;
import com.wixanswers.wfm.realtime.StateStore;
import com.wixanswers.wfm.realtime.TickReport;
import com.wixanswers.wfm.workflow.ManualClock;

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
import java.util.Optional;
import java.util.Random;

/**
 * {@code calabrio-sync bench realtime}: tick latency with thousands of agents, against loopback stand-ins for Wix
 * Answers (whose agents change status now and then) and Calabrio RTA, a minute of virtual time per tick (so a
 * snapshot every 15 ticks). The bare cost is decoding and encoding the tick's own payloads: the Wix Answers
 * answer, the RTA bodies and the state document. A benchmark, not a test: it prints figures.
 */
public final class RealtimeBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATUSES = {"ONLINE", "ONLINE", "ONLINE", "IN_WORK", "IN_WORK", "IN_WORK", "BUSY",
        "OFFLINE"};
    private static final String[] CHANNELS = {"CALL", "CHAT", "TICKET"};
    private static final String[] REASONS = {"Lunch", "Break", "Meeting", "Training"};
    /**
     * Unmeasured ticks first: the Functions worker lives across ticks, so what matters is the tick once the JIT has
     * compiled its code. The HTTP client's paths run a few times a tick and take a couple of thousand ticks to be
     * compiled (on 2 cores the compiler also competes with the ticks for a core); the decoding loops run thousands
     * of times a tick and are compiled within the first ticks, so a short warm-up flatters the bare cost.
     */
    public static final int WARM_UP_TICKS = 2_000;

    private RealtimeBenchmark() {
    }

    /**
     * The state in memory, remembering the state object the tick last wrote, so the bare cost encodes that very
     * object graph (grown over many ticks, as in a worker) and not a freshly decoded, compact copy of it.
     */
    private static final class WrittenState implements StateStore {
        private final MemoryStateStore stored = new MemoryStateStore();
        private RealtimeState written;

        @Override
        public Versioned load() {
            return stored.load();
        }

        @Override
        public Optional<Versioned> loadIfChanged(String etag) {
            return stored.loadIfChanged(etag);
        }

        @Override
        public Optional<String> save(RealtimeState state, String etag) {
            written = state;
            return stored.save(state, etag);
        }
    }

    /** Wix Answers' RPC on loopback, answering the current payload. */
    private static final class AnswersStub implements AutoCloseable {
        private volatile byte[] payload = new byte[0];
        private final LoopbackServer server = new LoopbackServer(request -> payload);

        AnswersStub() throws IOException {
        }

        String url() {
            return server.baseUrl() + "/rpc";
        }

        @Override
        public void close() {
            server.close();
        }
    }

    public static int run(int agents, int ticks, int warmUp, PrintStream out) throws InterruptedException {
        Random random = new Random(7);
        String[][] floor = new String[agents][];
        String[] agentIds = new String[agents];
        for (int index = 0; index < agents; index++) {
            floor[index] = activity(random);
            agentIds[index] = String.format(Locale.ROOT, "agent-%05d", index + 1);
        }
        try (AnswersStub answers = new AnswersStub(); LoopbackSink rta = LoopbackSink.keeping();
             HeapSampler heap = new HeapSampler()) {
            Map<String, String> environment = new HashMap<>();
            environment.put(Setting.ANSWERS_RPC_URL.key(), answers.url());
            environment.put(Setting.ANSWERS_API_TOKEN.key(), "benchmark-answers-token");
            environment.put(Setting.CALABRIO_RTA_URL.key(), rta.baseUrl() + "/Web/Rta/State/Batch");
            environment.put(Setting.CALABRIO_RTA_AUTH_KEY.key(), "benchmark-rta-key");
            environment.put(Setting.CALABRIO_RTA_SOURCE_ID.key(), "wix-answers");
            Settings settings = Settings.load(environment);
            ManualClock clock = new ManualClock(Instant.parse("2026-11-28T08:00:00Z"));
            WrittenState stored = new WrittenState();
            try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(environment))
                    .stateStore(new CachingStateStore(stored)).clock(clock).build()) {
                RealtimeTick tick = integration.realtimeTick();
                RtaRequests requests = new RtaRequests("wix-answers");
                Secret key = new Secret("benchmark-rta-key");

                long[] latency = new long[ticks];
                long[] bare = new long[ticks];
                int snapshots = 0;
                int failures = 0;
                long states = 0;
                heap.reset();
                for (int number = -warmUp; number < ticks; number++) {
                    byte[] payload = payload(agentIds, floor);
                    answers.payload = payload;
                    clock.advance(Duration.ofMinutes(1));
                    long started = System.nanoTime();
                    TickReport report = tick.run();
                    long elapsed = System.nanoTime() - started;
                    List<byte[]> sent = rta.takeBodies();
                    long bareNanos = bareCost(payload, sent, requests, key, stored);
                    if (number >= 0) {
                        latency[number] = elapsed;
                        bare[number] = bareNanos;
                        snapshots += report.mode().equals("snapshot") ? 1 : 0;
                        failures += report.failed() ? 1 : 0;
                        states += report.statesSent();
                    }
                    change(floor, random, agents / 20);
                }
                print(out, agents, ticks, warmUp, latency, bare, snapshots, failures, states, heap);
                return failures == 0 ? 0 : 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decoding the answer, encoding the RTA bodies sent and the state document: the tick's payloads alone. */
    private static long bareCost(byte[] payload, List<byte[]> sent, RtaRequests requests, Secret key,
                                 WrittenState stored) throws IOException {
        List<List<RtaState>> bodies = new ArrayList<>();
        List<Boolean> snapshot = new ArrayList<>();
        for (byte[] body : sent) {
            JsonNode json = JSON.readTree(body);
            List<RtaState> states = new ArrayList<>();
            json.path("States").forEach(s -> states.add(new RtaState(s.path("UserCode").asText(),
                    s.path("StateCode").asText())));
            bodies.add(states);
            snapshot.add(json.path("IsSnapshot").asBoolean());
        }
        RealtimeState state = stored.written;

        long started = System.nanoTime();
        AgentActivityClient.parse("benchmark", payload, List.of());
        for (int index = 0; index < bodies.size(); index++) {
            requests.body(key, snapshot.get(index), bodies.get(index));
        }
        state.toJson();
        return System.nanoTime() - started;
    }

    private static String[] activity(Random random) {
        String status = STATUSES[random.nextInt(STATUSES.length)];
        String channel = status.equals("IN_WORK") ? CHANNELS[random.nextInt(CHANNELS.length)] : "NONE";
        String reason = status.equals("BUSY") ? REASONS[random.nextInt(REASONS.length)] : null;
        return new String[]{status, channel, reason};
    }

    private static void change(String[][] floor, Random random, int count) {
        for (int n = 0; n < count; n++) {
            floor[random.nextInt(floor.length)] = activity(random);
        }
    }

    /** The answer of Wix Answers for the floor, written as a stream: the stand-in's garbage is not the tick's. */
    private static byte[] payload(String[] agentIds, String[][] floor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(floor.length * 140);
        try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("jsonrpc", "2.0");
            json.writeStringField("id", "benchmark");
            json.writeObjectFieldStart("result");
            json.writeArrayFieldStart("activities");
            for (int index = 0; index < floor.length; index++) {
                json.writeStartObject();
                json.writeStringField("agentId", agentIds[index]);
                json.writeStringField("status", floor[index][0]);
                json.writeStringField("channel", floor[index][1]);
                json.writeStringField("since", "2026-11-28T07:59:00Z");
                json.writeStringField("busyReason", floor[index][2]);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void print(PrintStream out, int agents, int ticks, int warmUp, long[] latency, long[] bare,
                              int snapshots, int failures, long states, HeapSampler heap) {
        double meanTick = Arrays.stream(latency).average().orElse(0);
        double meanBare = Arrays.stream(bare).average().orElse(0);
        out.printf(Locale.ROOT, "%d agents, %d ticks after %d warm-up ticks (5%% of agents change a minute;"
                + " %d snapshots, %,d states sent, %d failed ticks)%n", agents, ticks, warmUp, snapshots,
                states, failures);
        out.printf(Locale.ROOT, "tick latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", percentile(latency, 50),
                percentile(latency, 99), Arrays.stream(latency).max().orElse(0) / 1e6);
        out.printf(Locale.ROOT, "bare cost (decode the answer, encode the RTA bodies and the state): p50 %.1f ms,"
                + " mean %.1f ms%n", percentile(bare, 50), meanBare / 1e6);
        out.printf(Locale.ROOT, "ratio: %.2f (mean tick / mean bare cost), %.2f (p50 / p50)%n", meanTick / meanBare,
                percentile(latency, 50) / percentile(bare, 50));
        out.printf(Locale.ROOT, "peak heap: %d MiB live after GC (%d MiB used, garbage included); max heap %d MiB%n",
                heap.peakLiveBytes() >> 20, heap.peakUsedBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
