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
 * snapshot every 15 ticks). The bare cost is decoding and encoding the tick's own payloads, timed right after
 * each tick: the Wix Answers answer, the RTA bodies and the state document. A benchmark, not a test: it prints
 * figures.
 */
public final class RealtimeBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATUSES = {"ONLINE", "ONLINE", "ONLINE", "IN_WORK", "IN_WORK", "IN_WORK", "BUSY",
        "OFFLINE"};
    private static final String[] CHANNELS = {"CALL", "CHAT", "TICKET"};
    private static final String[] REASONS = {"Lunch", "Break", "Meeting", "Training"};
    /**
     * Unmeasured ticks first, each with its round of the bare work: the Functions worker lives across
     * ticks, so what matters is the tick once the JIT has compiled its code. The HTTP client's paths run a few
     * times a tick; on 2 cores, with one compiler thread competing with the ticks, they are still being compiled
     * after 2,000 ticks (-XX:+PrintCompilation shows it), and the ticks measured then ran up to a third slower.
     * The decoding loops run thousands of times a tick and are compiled within the first ticks, so a short warm-up
     * flatters the bare cost. The first tick of all, on a cold JVM, is reported apart.
     */
    public static final int WARM_UP_TICKS = 5_000;
    /** JVMs measured, one after the other, by default (see {@link #run}). */
    public static final int FORKS = 3;

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
        public Optional<String> save(RealtimeState state, byte[] document, String etag) {
            written = state;
            return stored.save(state, document, etag);
        }
    }

    /** Wix Answers' RPC on loopback, answering the current payload. */
    private static final class AnswersStub implements AutoCloseable {
        private volatile byte[] response = LoopbackServer.ok(new byte[0]);
        private final LoopbackServer server = new LoopbackServer(request -> response);

        AnswersStub() throws IOException {
        }

        /** Answers {@code payload} from now on (the HTTP answer is made here, not while a tick waits for it). */
        void answer(byte[] payload) {
            response = LoopbackServer.ok(payload);
        }

        String url() {
            return server.baseUrl() + "/rpc";
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /**
     * The floor Wix Answers reports: the agents and their activities, a twentieth of whom change every minute.
     * Seeded, so every run sees the very same answers.
     */
    private static final class Floor {
        private final Random random = new Random(7);
        private final String[] agentIds;
        private final String[][] activities;

        Floor(int agents) {
            agentIds = new String[agents];
            activities = new String[agents][];
            for (int index = 0; index < agents; index++) {
                activities[index] = activity(random);
                agentIds[index] = String.format(Locale.ROOT, "agent-%05d", index + 1);
            }
        }

        /** The answer for the floor now, written as a stream: the stand-in's garbage is not the tick's. */
        byte[] answer() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(agentIds.length * 140);
            try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
                json.writeStartObject();
                json.writeStringField("jsonrpc", "2.0");
                json.writeStringField("id", "benchmark");
                json.writeObjectFieldStart("result");
                json.writeArrayFieldStart("activities");
                for (int index = 0; index < agentIds.length; index++) {
                    json.writeStartObject();
                    json.writeStringField("agentId", agentIds[index]);
                    json.writeStringField("status", activities[index][0]);
                    json.writeStringField("channel", activities[index][1]);
                    json.writeStringField("since", "2026-11-28T07:59:00Z");
                    json.writeStringField("busyReason", activities[index][2]);
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndObject();
            }
            return bytes.toByteArray();
        }

        /** A minute passes. */
        void change() {
            for (int n = 0; n < agentIds.length / 20; n++) {
                activities[random.nextInt(activities.length)] = activity(random);
            }
        }

        private static String[] activity(Random random) {
            String status = STATUSES[random.nextInt(STATUSES.length)];
            String channel = status.equals("IN_WORK") ? CHANNELS[random.nextInt(CHANNELS.length)] : "NONE";
            String reason = status.equals("BUSY") ? REASONS[random.nextInt(REASONS.length)] : null;
            return new String[]{status, channel, reason};
        }
    }

    /** One RTA request as sent: whether it was a snapshot, and its states. */
    private record Sent(boolean snapshot, List<RtaState> states) {
    }

    /**
     * Measures in {@code forks} fresh JVMs, one after the other, and prints each one's figures and their median;
     * with one fork, measures in this JVM. A JVM's ticks are steady (mostly within 10% of each other), but one
     * JVM's level differs from the next one's by up to a third (how the JIT compiled it, where the OS placed its
     * threads on the cores), so one JVM is one sample, as JMH has it.
     *
     * @return 0, or 1 when a tick or a fork failed
     */
    public static int run(int agents, int ticks, int warmUp, int forks, PrintStream out) throws InterruptedException {
        if (forks == 1) {
            RealtimeFigures figures = measure(agents, ticks, warmUp);
            figures.print(out);
            return figures.failedTicks() == 0 ? 0 : 1;
        }
        List<String> arguments = List.of(Integer.toString(agents), Integer.toString(ticks), Integer.toString(warmUp));
        Forks.Outcome<RealtimeFigures> outcome = Forks.run(forks, RealtimeBenchmark.class, arguments,
                RealtimeFigures.class, out);
        RealtimeFigures.printMedian(outcome.figures(), out);
        return outcome.allSucceeded() ? 0 : 1;
    }

    /** One fork of {@link #run}: agents, ticks and warm-up as arguments; prints its figures for the parent. */
    public static void main(String[] args) throws InterruptedException {
        RealtimeFigures figures = measure(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        figures.print(System.out);
        Forks.report(figures, System.out);
        System.exit(figures.failedTicks() == 0 ? 0 : 1);
    }

    /**
     * Each tick, timed whole, then right after it its bare cost: decoding the same answer, encoding the RTA requests
     * the tick sent and the state it wrote (the very object graph, grown over many ticks as in a worker, not a
     * compact, freshly decoded copy). Paired so, the two figures are taken within milliseconds of each other: this
     * machine's speed moves by up to 2.8 times from one second to the next (a fixed decode, timed every second:
     * p50 1.6 to 4.5 ms), so two passes of their own, a few seconds apart, compared two speeds of the machine
     * rather than the tick with its codec. Every round, warm-up or measured, runs the same code and writes to the
     * slot of its place among the last {@code ticks} rounds: a branch first taken when measuring starts would make
     * the JIT recompile in the middle of it.
     */
    static RealtimeFigures measure(int agents, int ticks, int warmUp) throws InterruptedException {
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
            BareWork bareWork = new BareWork();
            long[] latency = new long[ticks];
            long[] bare = new long[ticks];
            int[] bareStates = new int[ticks];
            TickReport[] reports = new TickReport[ticks];
            long firstTick;
            try (Integration integration = new Integration.Builder(settings, new EnvironmentSecrets(environment))
                    .stateStore(new CachingStateStore(stored)).clock(clock).build()) {
                RealtimeTick tick = integration.realtimeTick();
                Floor floor = new Floor(agents);
                heap.reset();
                firstTick = firstTick(tick, answers, floor, clock);
                rta.takeBodies();
                for (int number = 1 - warmUp; number < ticks; number++) {
                    int slot = Math.floorMod(number, ticks);
                    floor.change();
                    byte[] answer = floor.answer();
                    answers.answer(answer);
                    clock.advance(Duration.ofMinutes(1));
                    long started = System.nanoTime();
                    reports[slot] = tick.run();
                    latency[slot] = System.nanoTime() - started;
                    List<Sent> sent = decode(rta.takeBodies());
                    bare[slot] = bareWork.time(answer, sent, stored.written);
                    bareStates[slot] = sent.stream().mapToInt(request -> request.states().size()).sum();
                }
            }
            return new RealtimeFigures(agents, ticks, warmUp,
                    Arrays.stream(reports).filter(report -> report.mode().equals("snapshot")).count(),
                    Arrays.stream(reports).mapToLong(TickReport::statesSent).sum(),
                    Arrays.stream(reports).filter(TickReport::failed).count(),
                    percentile(latency, 50), percentile(latency, 99), Arrays.stream(latency).max().orElse(0) / 1e6,
                    Arrays.stream(latency).average().orElse(0) / 1e6, firstTick / 1e6,
                    percentile(bare, 50), Arrays.stream(bare).average().orElse(0) / 1e6,
                    Arrays.stream(bareStates).sum(),
                    heap.peakLiveBytes(), heap.peakUsedBytes(), Runtime.getRuntime().maxMemory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first tick of all, on a cold JVM: classes loading, connections opening. */
    private static long firstTick(RealtimeTick tick, AnswersStub answers, Floor floor, ManualClock clock)
            throws IOException {
        answers.answer(floor.answer());
        clock.advance(Duration.ofMinutes(1));
        long started = System.nanoTime();
        tick.run();
        return System.nanoTime() - started;
    }

    /** The RTA requests one tick sent. */
    private static List<Sent> decode(List<byte[]> bodies) throws IOException {
        List<Sent> requests = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            JsonNode json = JSON.readTree(body);
            List<RtaState> states = new ArrayList<>();
            json.path("States").forEach(s -> states.add(new RtaState(s.path("UserCode").asText(),
                    s.path("StateCode").asText())));
            requests.add(new Sent(json.path("IsSnapshot").asBoolean(), states));
        }
        return requests;
    }

    /** A tick's payloads, decoded and encoded with the integration's own code and nothing else. */
    private static final class BareWork {
        private final RtaRequests requests = new RtaRequests("wix-answers");
        private final Secret key = new Secret("benchmark-rta-key");

        /**
         * The time it takes to decode {@code answer}, encode the {@code sent} requests and {@code state}. The answer
         * is decoded from a fresh copy, as the tick decodes bytes it has just received: not from bytes the tick's
         * work has pushed out of the processor's caches meanwhile.
         */
        long time(byte[] answer, List<Sent> sent, RealtimeState state) {
            byte[] received = answer.clone();
            long started = System.nanoTime();
            AgentActivityClient.parse("benchmark", received, List.of());
            for (Sent body : sent) {
                requests.body(key, body.snapshot(), body.states());
            }
            state.toJson();
            return System.nanoTime() - started;
        }
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
