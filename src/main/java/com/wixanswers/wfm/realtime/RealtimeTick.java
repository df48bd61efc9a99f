package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.answers.AgentActivity;
import com.wixanswers.wfm.answers.AgentActivityClient;
import com.wixanswers.wfm.calabrio.RtaClient;
import com.wixanswers.wfm.calabrio.RtaState;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.realtime.TickPlanner.Mode;
import com.wixanswers.wfm.realtime.TickPlanner.TickPlan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * One real-time tick: read the state, fetch activities, plan, send, remember what Calabrio processed, write the
 * state back (only if nobody else wrote it meanwhile). Everything happens within {@link #BUDGET}: a late state is a
 * wrong adherence record, so what cannot be sent in time is left to the next tick, which then sends a snapshot.
 *
 * <p>The work overlaps where it can, without ever sending ahead of a sound answer: a helper reads Wix Answers'
 * answer while this thread decodes and plans what has arrived; each agent's record is written into the state
 * document as the plan's delivery will leave it ({@link AnticipatedDelivery}), so that once Calabrio has taken
 * everything the document is done; when it has not, the anticipation is undone and the document written from what
 * really happened.
 */
public final class RealtimeTick {
    private static final Logger LOG = Logger.getLogger(RealtimeTick.class.getName());
    /** A tick never runs longer; the timer fires every minute. */
    public static final Duration BUDGET = Duration.ofSeconds(45);
    /** The part of the budget the fetch may take, leaving the rest for Calabrio. */
    static final Duration FETCH_BUDGET = Duration.ofSeconds(15);
    /**
     * Change batches sent at once: a usual minute's changes (5% of 5,000 agents, batches of 50) in one round trip,
     * and no flood of Calabrio's queue. The tick's own thread is one of the senders.
     */
    static final int BATCHES_IN_FLIGHT = 5;

    private final ExecutorService senders = Executors.newFixedThreadPool(BATCHES_IN_FLIGHT - 1, daemon("rta-sender"));
    /** Reads Wix Answers' answer while the tick's thread plans it. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(daemon("answers-reader"));
    private final AgentActivityClient answers;
    private final RtaClient rta;
    private final StateStore store;
    private final TickPlanner planner;
    private final int batchSize;
    private final Duration park;
    private final Clock clock;
    private int tickNumber;

    public RealtimeTick(AgentActivityClient answers, RtaClient rta, StateStore store, TickPlanner planner,
                        int batchSize, Duration park, Clock clock) {
        this.answers = answers;
        this.rta = rta;
        this.store = store;
        this.planner = planner;
        this.batchSize = batchSize;
        this.park = park;
        this.clock = clock;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public synchronized TickReport run() {
        tickNumber++;
        Instant now = clock.instant();
        long started = System.nanoTime();
        // The budget is real time, whatever clock dates the tick (tests and the benchmark run on virtual minutes).
        Instant realStart = Instant.now();
        Instant deadline = realStart.plus(BUDGET);
        Tally tally = new Tally(now);

        StateStore.Versioned loaded;
        try {
            loaded = store.load();
        } catch (RuntimeException e) {
            return tally.failed("the state could not be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); nothing sent", started);
        }
        RealtimeState state = loaded.state();
        state.parked.values().removeIf(parked -> !parked.until.isAfter(now));

        // While a helper reads the answer, this thread decodes and plans each activity as it arrives, and writes its
        // agent's record as the plan's delivery will leave it. Nothing is sent before the whole answer has come, sound.
        AnticipatedDelivery anticipated = new AnticipatedDelivery(now);
        TickPlanner.Planning planning = planner.begin(state, now, anticipated);
        StateDocument document = StateDocument.open(state);
        long fetchStarted = System.nanoTime();
        AnswerReading answer = AnswerReading.start(reader, answers, realStart.plus(FETCH_BUDGET));
        int skipped = 0;
        try {
            for (AgentActivityClient.Entry[] chunk = answer.next(); chunk != null; chunk = answer.next()) {
                for (AgentActivityClient.Entry entry : chunk) {
                    AgentActivity activity = entry.activity();
                    if (activity == null) {
                        skipped++;
                        continue;
                    }
                    RealtimeState.Agent agent = planning.accept(activity);
                    if (agent != null) {
                        document.agent(activity.agentId(), agent);
                    }
                }
            }
            answer.outcome();
            tally.fetchNanos = System.nanoTime() - fetchStarted;
        } catch (PeerException | SettingsException | InterruptedException e) {
            tally.fetchNanos = System.nanoTime() - fetchStarted;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            anticipated.undo();
            state.lastTickFailed = true;
            save(state, state.toJson(), loaded.etag(), tally);
            return tally.failed((e instanceof InterruptedException ? "interrupted while reading Wix Answers"
                    : e.getMessage()) + "; nothing sent, the next tick sends a snapshot", started);
        }
        tally.skipped = skipped;
        tally.agentsSeen = planning.accepted().size();

        TickPlan plan = planning.finish();
        if (planning.irregular()) {
            // An agent came twice, and the later entry wins: the answer is planned again, one activity per agent.
            anticipated.undo();
            document = null;
            List<AgentActivity> activities = AgentActivityClient.oneActivityPerAgent(planning.accepted());
            tally.agentsSeen = activities.size();
            plan = planner.plan(state, activities, now);
        } else if (planning.snapshotDue() && plan.mode() == Mode.CHANGES) {
            // The snapshot turned out unsafe: what was anticipated of it will not happen.
            anticipated.undo();
            document = null;
        } else {
            // The agents this answer left out: carried ones are anticipated by now, dropped ones are let go.
            for (Map.Entry<String, RealtimeState.Agent> agent : state.agents.entrySet()) {
                if (!planning.saw(agent.getValue()) && !plan.dropped().contains(agent.getKey())) {
                    document.agent(agent.getKey(), agent.getValue());
                }
            }
        }
        for (String status : plan.newlyUnmapped()) {
            LOG.warning(() -> "rta: status " + status + " has no state code in RTA_STATE_MAP; sending "
                    + StateMapping.fallback(status) + " (map it there, or map that code in Calabrio)");
        }
        state.unmappedSeen.addAll(plan.newlyUnmapped());
        tally.newlyUnmapped.addAll(plan.newlyUnmapped());
        tally.parked = plan.parked();
        tally.carried = plan.carried();
        String withheld = plan.withheld();
        tally.withheld = withheld;
        if (withheld != null) {
            LOG.warning(() -> "rta-snapshot-withheld {\"reason\":\"" + withheld + "\"} changes sent instead");
        }

        long sendStarted = System.nanoTime();
        List<Outcome> outcomes = await(send(plan, deadline));
        tally.sendNanos = System.nanoTime() - sendStarted;
        byte[] written;
        if (document != null && outcomes.stream().allMatch(Outcome::clean)) {
            // Calabrio took all of it, as anticipated: the records written are the records.
            settle(plan, outcomes, state, now, tally);
            state.lastTickFailed = false;
            written = document.close();
        } else {
            anticipated.undo();
            String failure = record(plan, outcomes, state, now, tally);
            state.lastTickFailed = failure != null;
            written = state.toJson();
            if (failure != null) {
                save(state, written, loaded.etag(), tally);
                return tally.failed(failure, started);
            }
        }
        save(state, written, loaded.etag(), tally);
        return tally.done(plan.mode(), started);
    }

    /** What became of one request: what Calabrio did with it, or why it failed. */
    private record Outcome(RtaClient.Delivery delivery, String failure) {
        /** Everything in it processed. */
        boolean clean() {
            return delivery != null && delivery.unknownUserCodes().isEmpty();
        }
    }

    /** Waits for every request, whether the others failed or not. */
    private static List<Outcome> await(List<FutureTask<RtaClient.Delivery>> sending) {
        List<Outcome> outcomes = new ArrayList<>(sending.size());
        for (FutureTask<RtaClient.Delivery> request : sending) {
            try {
                outcomes.add(new Outcome(request.get(), null));
            } catch (ExecutionException e) {
                outcomes.add(new Outcome(null, e.getCause() instanceof PeerException peer ? peer.getMessage()
                        : String.valueOf(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(new Outcome(null, "interrupted while waiting for Calabrio"));
            }
        }
        return outcomes;
    }

    /** A plan Calabrio took whole: its records are anticipated; what is left is the snapshot's bookkeeping. */
    private static void settle(TickPlan plan, List<Outcome> outcomes, RealtimeState state, Instant now, Tally tally) {
        for (Outcome outcome : outcomes) {
            tally.delivered(outcome.delivery());
        }
        if (plan.mode() == Mode.SNAPSHOT) {
            snapshotTaken(plan, state, now, plan.states().size());
        }
    }

    /** What a snapshot Calabrio took of {@code size} agents leaves besides the agents' records. */
    private static void snapshotTaken(TickPlan plan, RealtimeState state, Instant now, int size) {
        plan.dropped().forEach(state.agents::remove);
        state.lastSnapshotAt = now;
        state.lastSnapshotSize = size;
    }

    /**
     * Sends the plan: a snapshot as one request; changes in batches, up to {@link #BATCHES_IN_FLIGHT} at once (an
     * agent is in one batch only, so batches are independent). This thread sends too, from the last request back,
     * every one no sender has taken yet: a snapshot costs no thread hand-off, and senders slow to wake cost no wait.
     */
    private List<FutureTask<RtaClient.Delivery>> send(TickPlan plan, Instant deadline) {
        boolean snapshot = plan.mode() == Mode.SNAPSHOT;
        List<List<RtaState>> requests = snapshot ? List.of(plan.states()) : batches(plan.states());
        List<FutureTask<RtaClient.Delivery>> sending = new ArrayList<>(requests.size());
        for (int index = 0; index < requests.size(); index++) {
            List<RtaState> states = requests.get(index);
            String name = "tick-" + tickNumber + "-" + (snapshot ? "snapshot" : "changes-" + (index + 1));
            FutureTask<RtaClient.Delivery> request = new FutureTask<>(() -> rta.send(name, snapshot, states,
                    deadline));
            sending.add(request);
            if (index < requests.size() - 1) {
                senders.execute(request);
            }
        }
        for (int index = sending.size() - 1; index >= 0; index--) {
            // Runs the request here unless a sender has taken it (then it returns at once).
            sending.get(index).run();
        }
        return sending;
    }

    /**
     * Records what Calabrio processed, request by request, even when another request failed. Answers the first
     * failure, or null.
     */
    private String record(TickPlan plan, List<Outcome> outcomes, RealtimeState state, Instant now, Tally tally) {
        boolean snapshot = plan.mode() == Mode.SNAPSHOT;
        String failure = null;
        int failed = 0;
        for (Outcome outcome : outcomes) {
            if (outcome.delivery() == null) {
                failed++;
                if (failure == null) {
                    failure = outcome.failure();
                }
                continue;
            }
            RtaClient.Delivery delivery = outcome.delivery();
            tally.delivered(delivery);
            for (RtaState processed : delivery.processed()) {
                state.agent(processed.userCode()).sent(processed.stateCode(),
                        plan.offline().contains(processed.userCode()), now);
            }
            for (String unknown : delivery.unknownUserCodes()) {
                LOG.warning(() -> "rta: Calabrio knows no person with UserCode " + unknown + "; left out until "
                        + now.plus(park) + " (its external logon appears once agent statistics with it arrive)");
                state.parked.put(unknown, new RealtimeState.Parked(now.plus(park), "No person found for UserCode"));
                // Forget what Calabrio was told, so the agent's state is sent again once the park ends.
                state.agent(unknown).code = null;
                tally.newlyParked.add(unknown);
            }
            if (snapshot) {
                // Offline agents are not in the snapshot, so Calabrio logs them out: remember them as such.
                for (String agentId : plan.loggedOutBySnapshot()) {
                    state.agent(agentId).loggedOut(now);
                }
                snapshotTaken(plan, state, now, delivery.processed().size());
            }
        }
        if (failure == null) {
            return null;
        }
        return failure + (outcomes.size() == 1 ? "" : " (" + failed + " of " + outcomes.size() + " requests failed)")
                + "; the next tick sends a snapshot";
    }

    private List<List<RtaState>> batches(List<RtaState> states) {
        List<List<RtaState>> batches = new ArrayList<>();
        for (int from = 0; from < states.size(); from += batchSize) {
            batches.add(states.subList(from, Math.min(states.size(), from + batchSize)));
        }
        return batches;
    }

    /** Writes the state; when another tick wrote it meanwhile, marks that one failed so a snapshot realigns. */
    private void save(RealtimeState state, byte[] document, String etag, Tally tally) {
        try {
            if (store.save(state, document, etag).isPresent()) {
                return;
            }
            tally.stateConflict = true;
            LOG.warning("rta: another tick wrote the state meanwhile; the next tick sends a snapshot");
            for (int attempt = 0; attempt < 3; attempt++) {
                StateStore.Versioned latest = store.load();
                latest.state().lastTickFailed = true;
                if (store.save(latest.state(), latest.etag()).isPresent()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.severe(() -> "rta: the state could not be written (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
            tally.saveFailure = "the state could not be written";
        }
    }

    /** What the tick did, gathered as it goes. */
    private static final class Tally {
        final Instant startedAt;
        int agentsSeen;
        int skipped;
        int sent;
        int requests;
        int parked;
        int carried;
        String withheld;
        final List<String> newlyParked = new ArrayList<>();
        final List<String> newlyUnmapped = new ArrayList<>();
        boolean stateConflict;
        String saveFailure;
        long fetchNanos;
        long sendNanos;

        Tally(Instant startedAt) {
            this.startedAt = startedAt;
        }

        /** A request Calabrio answered. */
        void delivered(RtaClient.Delivery delivery) {
            requests++;
            sent += delivery.processed().size();
        }

        TickReport done(Mode mode, long started) {
            return report(mode == Mode.SNAPSHOT ? "snapshot" : "changes", saveFailure, started);
        }

        TickReport failed(String failure, long started) {
            return report(requests == 0 ? "none" : "changes", failure, started);
        }

        private TickReport report(String mode, String failure, long started) {
            return new TickReport(startedAt.toString(), agentsSeen, skipped, mode, sent, requests, withheld,
                    List.copyOf(newlyParked), parked, List.copyOf(newlyUnmapped), carried, fetchNanos / 1_000_000,
                    sendNanos / 1_000_000, (System.nanoTime() - started) / 1_000_000, failure, stateConflict);
        }
    }
}
