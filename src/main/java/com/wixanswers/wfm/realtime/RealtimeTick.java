package com.wixanswers.wfm.realtime;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * One real-time tick: read the state, fetch activities, plan, send, remember what Calabrio processed, write the
 * state back (only if nobody else wrote it meanwhile). Everything happens within {@link #BUDGET}: a late state is a
 * wrong adherence record, so what cannot be sent in time is left to the next tick, which then sends a snapshot.
 */
public final class RealtimeTick {
    private static final Logger LOG = Logger.getLogger(RealtimeTick.class.getName());
    /** A tick never runs longer; the timer fires every minute. */
    public static final Duration BUDGET = Duration.ofSeconds(45);
    /** The part of the budget the fetch may take, leaving the rest for Calabrio. */
    static final Duration FETCH_BUDGET = Duration.ofSeconds(15);
    /** Change batches sent at once: fewer round trips' worth of latency, no flood of Calabrio's queue. */
    static final int BATCHES_IN_FLIGHT = 4;

    private final ExecutorService senders = Executors.newFixedThreadPool(BATCHES_IN_FLIGHT, runnable -> {
        Thread thread = new Thread(runnable, "rta-sender");
        thread.setDaemon(true);
        return thread;
    });
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

        AgentActivityClient.Fetched fetched;
        long fetchStarted = System.nanoTime();
        try {
            fetched = answers.fetch(realStart.plus(FETCH_BUDGET));
            tally.fetchNanos = System.nanoTime() - fetchStarted;
        } catch (PeerException | SettingsException e) {
            tally.fetchNanos = System.nanoTime() - fetchStarted;
            state.lastTickFailed = true;
            save(state, state.toJson(), loaded.etag(), tally);
            return tally.failed(e.getMessage() + "; nothing sent, the next tick sends a snapshot", started);
        }
        tally.agentsSeen = fetched.activities().size();
        tally.skipped = fetched.skipped();

        TickPlan plan = planner.plan(state, fetched.activities(), now);
        for (String status : plan.newlyUnmapped()) {
            LOG.warning(() -> "rta: status " + status + " has no state code in RTA_STATE_MAP; sending "
                    + StateMapping.fallback(status) + " (map it there, or map that code in Calabrio)");
        }
        state.unmappedSeen.addAll(plan.newlyUnmapped());
        tally.newlyUnmapped.addAll(plan.newlyUnmapped());
        tally.parked = plan.parked();
        tally.carried = plan.carried();
        tally.withheld = plan.withheld();
        if (plan.withheld() != null) {
            LOG.warning(() -> "rta-snapshot-withheld {\"reason\":\"" + plan.withheld() + "\"} changes sent instead");
        }

        long sendStarted = System.nanoTime();
        List<CompletableFuture<RtaClient.Delivery>> sending = send(plan, deadline);
        // While the changes are in flight: the state document, as far as Calabrio's answers cannot change it. A
        // snapshot's answer can change every agent's record, so its document is written once it has come.
        StateDocument document = plan.mode() == Mode.SNAPSHOT ? null : StateDocument.begin(state, plan.touched());
        String failure = record(plan, sending, state, now, tally);
        tally.sendNanos = System.nanoTime() - sendStarted;
        state.lastTickFailed = failure != null;
        save(state, document == null ? state.toJson() : document.finish(), loaded.etag(), tally);
        return failure == null ? tally.done(plan.mode(), started) : tally.failed(failure, started);
    }

    /**
     * Starts sending the plan: a snapshot as one request; changes in batches, up to {@link #BATCHES_IN_FLIGHT} at
     * once (an agent is in one batch only, so batches are independent).
     */
    private List<CompletableFuture<RtaClient.Delivery>> send(TickPlan plan, Instant deadline) {
        boolean snapshot = plan.mode() == Mode.SNAPSHOT;
        List<List<RtaState>> requests = snapshot ? List.of(plan.states()) : batches(plan.states());
        List<CompletableFuture<RtaClient.Delivery>> sending = new ArrayList<>(requests.size());
        for (int index = 0; index < requests.size(); index++) {
            List<RtaState> states = requests.get(index);
            String name = "tick-" + tickNumber + "-" + (snapshot ? "snapshot" : "changes-" + (index + 1));
            sending.add(CompletableFuture.supplyAsync(() -> rta.send(name, snapshot, states, deadline), senders));
        }
        return sending;
    }

    /**
     * Waits for the requests and records what Calabrio processed, even when another request failed. Answers the
     * first failure, or null.
     */
    private String record(TickPlan plan, List<CompletableFuture<RtaClient.Delivery>> sending, RealtimeState state,
                          Instant now, Tally tally) {
        boolean snapshot = plan.mode() == Mode.SNAPSHOT;
        String failure = null;
        int failed = 0;
        for (CompletableFuture<RtaClient.Delivery> request : sending) {
            RtaClient.Delivery delivery;
            try {
                delivery = request.join();
            } catch (CompletionException e) {
                failed++;
                if (failure == null) {
                    failure = e.getCause() instanceof PeerException peer ? peer.getMessage() : String.valueOf(e.getCause());
                }
                continue;
            }
            tally.requests++;
            tally.sent += delivery.processed().size();
            for (RtaState processed : delivery.processed()) {
                RealtimeState.Agent agent = state.agent(processed.userCode());
                agent.code = processed.stateCode();
                agent.offline = plan.offline().contains(processed.userCode());
                agent.sentAt = now;
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
                    RealtimeState.Agent agent = state.agent(agentId);
                    agent.offline = true;
                    agent.code = null;
                    agent.sentAt = now;
                }
                plan.dropped().forEach(state.agents::remove);
                state.lastSnapshotAt = now;
                state.lastSnapshotSize = delivery.processed().size();
            }
        }
        if (failure == null) {
            return null;
        }
        return failure + (sending.size() == 1 ? "" : " (" + failed + " of " + sending.size() + " requests failed)")
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
