package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.answers.AgentActivity;
import com.wixanswers.wfm.answers.AgentActivityClient;
import com.wixanswers.wfm.calabrio.RtaClient;
import com.wixanswers.wfm.calabrio.RtaState;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.realtime.TickPlanner.TickPlan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One real-time tick, a straight pipeline: load the state, fetch Wix Answers' activities, plan, send to Calabrio,
 * record what Calabrio took, save the state (only if nobody else wrote it meanwhile). Everything happens within
 * {@link #BUDGET}: a late state is a wrong adherence record, so what cannot be sent in time is left to the next
 * tick, which then sends a snapshot.
 */
public final class RealtimeTick {
    private static final Logger LOG = Logger.getLogger(RealtimeTick.class.getName());
    /** A tick never runs longer; the timer fires every minute. */
    public static final Duration BUDGET = Duration.ofSeconds(45);
    /** The part of the budget the fetch may take, leaving the rest for Calabrio. */
    static final Duration FETCH_BUDGET = Duration.ofSeconds(15);
    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final AgentActivityClient answers;
    private final StateStore store;
    private final TickPlanner planner;
    private final StateDelivery delivery;
    private final Duration park;
    private final Clock clock;
    private int tickNumber;
    /** The state this process last wrote: used again while the blob is still at its version, instead of parsed. */
    private Loaded written;

    public RealtimeTick(AgentActivityClient answers, RtaClient rta, StateStore store, TickPlanner planner,
                        int batchSize, Duration park, Clock clock) {
        this.answers = answers;
        this.store = store;
        this.planner = planner;
        this.delivery = new StateDelivery(rta, batchSize);
        this.park = park;
        this.clock = clock;
    }

    /** The state as loaded, and the version a save must find still there. */
    private record Loaded(RealtimeState state, String etag, String setAside) {
    }

    public synchronized TickReport run() {
        tickNumber++;
        Instant now = clock.instant();
        // The budget is real time, whatever clock dates the tick (tests run on virtual minutes).
        Instant deadline = Instant.now().plus(BUDGET);
        TickReport.Builder report = new TickReport.Builder(now);

        Loaded loaded;
        try {
            loaded = load(now);
        } catch (RuntimeException e) {
            return report.failed("the state could not be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); nothing sent");
        }
        report.stateSetAside = loaded.setAside();
        RealtimeState state = loaded.state();
        state.prune(now);

        long fetchStarted = System.nanoTime();
        AgentActivityClient.Answer answer;
        try {
            answer = answers.fetch(Instant.now().plus(FETCH_BUDGET));
        } catch (PeerException | SettingsException e) {
            state.lastTickFailed = true;
            save(state, loaded.etag(), report);
            return report.failed(e.getMessage() + "; nothing sent, the next tick sends a snapshot");
        } finally {
            report.fetchNanos = System.nanoTime() - fetchStarted;
        }
        report.agentsSeen = answer.activities().size();
        report.skipped = answer.skipped();

        TickPlan plan = planner.plan(state, answer.activities(), now);
        warnAbout(plan);
        long sendStarted = System.nanoTime();
        StateDelivery.Outcome outcome = delivery.deliver(plan, "tick-" + tickNumber, deadline);
        report.sendNanos = System.nanoTime() - sendStarted;
        record(state, plan, answer.activities(), outcome, now);
        save(state, loaded.etag(), report);
        return report.done(plan, outcome);
    }

    /** The stored state; a document that is not one is kept aside and the tick starts afresh, with a snapshot. */
    private Loaded load(Instant now) {
        Loaded ours = written;
        written = null;
        if (ours != null && ours.etag().equals(store.etag())) {
            return ours;
        }
        StateStore.Stored stored = store.read();
        if (stored.document() == null) {
            return new Loaded(new RealtimeState(), null, null);
        }
        try {
            return new Loaded(RealtimeState.fromJson(stored.document()), stored.etag(), null);
        } catch (RealtimeState.Unreadable e) {
            String aside = "rta-state.corrupt-" + ASIDE.format(now) + ".json";
            store.keepAside(aside, stored.document());
            LOG.severe(() -> "rta: the state blob is unusable: " + e.getMessage() + "; kept aside as " + aside
                    + ", starting from an empty state (this tick sends a snapshot)");
            return new Loaded(new RealtimeState(), stored.etag(), aside);
        }
    }

    private void warnAbout(TickPlan plan) {
        for (String status : plan.newlyUnmapped()) {
            LOG.warning(() -> "rta: status " + status + " has no state code in RTA_STATE_MAP; sending "
                    + StateMapping.fallback(status) + " (map it there, or map that code in Calabrio)");
        }
        if (plan.withheld() != null) {
            LOG.warning(() -> "rta-snapshot-withheld {\"reason\":\"" + plan.withheld() + "\"} changes sent instead");
        }
    }

    /** What Calabrio took becomes the agents' records; what it refused is parked; the answer's agents were seen. */
    private void record(RealtimeState state, TickPlan plan, List<AgentActivity> answer,
                        StateDelivery.Outcome outcome, Instant now) {
        for (AgentActivity activity : answer) {
            state.agent(activity.agentId()).lastSeenAt = now;
        }
        boolean snapshot = outcome.snapshotTaken;
        for (RtaState processed : outcome.processed) {
            String agentId = processed.userCode();
            state.agent(agentId).sent(processed.stateCode(), plan.loggedOut().contains(agentId), now);
        }
        if (snapshot) {
            state.lastSnapshotAt = now;
        }
        for (Map.Entry<String, String> refused : outcome.refused.entrySet()) {
            LOG.warning(() -> "rta: Calabrio refused the state of UserCode " + refused.getKey() + " (" + refused.getValue()
                    + "); left out until " + now.plus(park) + " (an unknown UserCode appears in Calabrio once agent"
                    + " statistics with it arrive)");
            state.parked.put(refused.getKey(), new RealtimeState.Parked(now.plus(park), refused.getValue()));
        }
        if (outcome.snapshotTooLarge() && state.snapshotsRefused == null) {
            LOG.warning(() -> "rta: Calabrio refused a snapshot as too large (" + outcome.snapshotRefusal
                    + "): an older RTA server; its states went as changes, and for a day only changes are sent."
                    + " Set RTA_SNAPSHOTS=false to send changes only for good");
        }
        if (outcome.snapshotTooLarge()) {
            state.snapshotsRefused = now;
        }
        state.unmappedSeen.addAll(plan.newlyUnmapped());
        state.lastLoggedOn = plan.loggedOn();
        // A due snapshot that was withheld or refused still owes Calabrio its realignment.
        state.lastTickFailed = outcome.failure() != null || state.lastTickFailed && !snapshot;
    }

    /** Writes the state; when another tick wrote it meanwhile, marks that one so that the next tick realigns. */
    private void save(RealtimeState state, String etag, TickReport.Builder report) {
        try {
            Optional<String> version = store.write(state.toJson(), etag);
            if (version.isPresent()) {
                written = new Loaded(state, version.get(), null);
                return;
            }
            report.stateConflict = true;
            LOG.warning("rta: another tick wrote the state meanwhile; the next tick sends a snapshot");
            for (int attempt = 0; attempt < 3; attempt++) {
                StateStore.Stored latest = store.read();
                RealtimeState theirs = latest.document() == null ? new RealtimeState()
                        : RealtimeState.fromJson(latest.document());
                theirs.lastTickFailed = true;
                if (store.write(theirs.toJson(), latest.etag()).isPresent()) {
                    return;
                }
            }
        } catch (RuntimeException | RealtimeState.Unreadable e) {
            LOG.severe(() -> "rta: the state could not be written (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
            report.saveFailure = "the state could not be written";
        }
    }
}
