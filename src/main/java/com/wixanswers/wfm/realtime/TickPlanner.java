package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.answers.AgentActivity;
import com.wixanswers.wfm.calabrio.RtaState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what one tick sends, from what Calabrio last heard (the state) and what Wix Answers says now. Pure: it
 * reads the state and changes nothing.
 *
 * <ul>
 * <li>Changes: only agents whose state code differs from the one last sent.</li>
 * <li>Every logout is sent, never implied: an agent offline now, not yet sent as logged out (the first tick's
 * offline agents included), and an agent missing from the answer for {@code snapshotEvery}, go as the logged-out
 * state code, once, in whatever the tick sends. Calabrio's snapshot closing (every agent of the source left out is
 * logged out) does not run on its queued path when one agent of the snapshot is unknown to it, so it is only a
 * second line of defence.</li>
 * <li>Snapshot (every agent logged on and the tick's logouts, in ONE request): on the first tick, after a failed
 * one, and every {@code snapshotEvery}; withheld on a sudden collapse of the floor (see {@link #collapse}), when
 * the changes go instead, so that a glitch upstream never logs the floor out.</li>
 * <li>An agent missing from the answer keeps its state (in snapshots too) until it has been missing for
 * {@code snapshotEvery}.</li>
 * <li>Parked agents (Calabrio refused them) are left out until their park ends.</li>
 * </ul>
 */
public final class TickPlanner {
    /** A drop of fewer agents than this is never a collapse: a small floor empties a few agents at a time. */
    static final int COLLAPSE_MIN_DROP = 10;
    /** After Calabrio refused a snapshot as too large, snapshots are tried again a day later. */
    static final Duration SNAPSHOT_RETRY_AFTER_REFUSAL = Duration.ofDays(1);

    private final StateMapping mapping;
    private final Duration snapshotEvery;
    private final double minRatio;
    private final boolean snapshots;
    private final String loggedOutCode;

    public enum Mode { SNAPSHOT, CHANGES }

    /**
     * What to send and what it means once delivered: {@code states} is a snapshot (one request, which Calabrio may
     * also take as plain changes should it refuse it as a snapshot) or the changes, one state per agent;
     * {@code loggedOut}, the agents among them sent as logged out; {@code withheld}, why a due snapshot was not sent
     * as one; {@code parked} and {@code carried} count the agents left out as refused earlier and those kept in a
     * snapshot though missing from the answer.
     */
    public record TickPlan(Mode mode, List<RtaState> states, Set<String> loggedOut, boolean snapshotDue,
                           String withheld, Set<String> newlyUnmapped, int parked, int carried, int loggedOn) {
    }

    /** @param snapshots RTA_SNAPSHOTS: false sends changes only */
    public TickPlanner(StateMapping mapping, Duration snapshotEvery, double minRatio, boolean snapshots) {
        this.mapping = mapping;
        this.snapshotEvery = snapshotEvery;
        this.minRatio = minRatio;
        this.snapshots = snapshots;
        this.loggedOutCode = mapping.map(new AgentActivity("", AgentActivity.OFFLINE, null, null)).code();
    }

    /** The plan for an answer of one activity per agent, whose order is the order of the changes sent. */
    public TickPlan plan(RealtimeState state, List<AgentActivity> answer, Instant now) {
        List<RtaState> changes = new ArrayList<>();
        Set<String> loggedOut = new HashSet<>();
        List<RtaState> loggedOnStates = new ArrayList<>();
        Set<String> inAnswer = new HashSet<>();
        Set<String> newlyUnmapped = new TreeSet<>();
        int parked = 0;
        int loggedOn = 0;
        for (AgentActivity activity : answer) {
            String agentId = activity.agentId();
            inAnswer.add(agentId);
            loggedOn += activity.isOffline() ? 0 : 1;
            if (state.isParked(agentId, now)) {
                parked++;
                continue;
            }
            StateMapping.Mapped mapped = mapping.map(activity);
            if (mapped.unmappedStatus() != null && !state.unmappedSeen.contains(mapped.unmappedStatus())) {
                newlyUnmapped.add(mapped.unmappedStatus());
            }
            RealtimeState.Agent last = state.agents.get(agentId);
            RtaState wanted = new RtaState(agentId, mapped.code());
            if (activity.isOffline()) {
                if (last == null || !last.offline) {
                    changes.add(wanted);
                    loggedOut.add(agentId);
                }
            } else {
                loggedOnStates.add(wanted);
                if (last == null || !last.loggedOn() || !last.code.equals(mapped.code())) {
                    changes.add(wanted);
                }
            }
        }

        // Agents Calabrio has logged on whom this answer left out: carried while seen recently, else logged out.
        List<RtaState> carried = new ArrayList<>();
        List<RtaState> dropped = new ArrayList<>();
        for (Map.Entry<String, RealtimeState.Agent> entry : state.agents.entrySet()) {
            RealtimeState.Agent agent = entry.getValue();
            if (inAnswer.contains(entry.getKey()) || !agent.loggedOn() || state.isParked(entry.getKey(), now)) {
                continue;
            }
            if (agent.lastSeenAt != null && Duration.between(agent.lastSeenAt, now).compareTo(snapshotEvery) < 0) {
                carried.add(new RtaState(entry.getKey(), agent.code));
            } else {
                dropped.add(new RtaState(entry.getKey(), loggedOutCode));
                loggedOut.add(entry.getKey());
            }
        }
        changes.addAll(dropped);

        boolean snapshotsOn = snapshots && (state.snapshotsRefused == null
                || !now.isBefore(state.snapshotsRefused.plus(SNAPSHOT_RETRY_AFTER_REFUSAL)));
        boolean due = snapshotsOn && (state.lastSnapshotAt == null || state.lastTickFailed
                || !now.isBefore(state.lastSnapshotAt.plus(snapshotEvery)));
        String withheld = due ? collapse(loggedOn, state.lastLoggedOn) : null;
        if (due && withheld == null) {
            List<RtaState> snapshot = new ArrayList<>(loggedOnStates);
            snapshot.addAll(carried);
            changes.stream().filter(change -> loggedOut.contains(change.userCode())).forEach(snapshot::add);
            snapshot.sort(Comparator.comparing(RtaState::userCode));
            return new TickPlan(Mode.SNAPSHOT, snapshot, loggedOut, true, null, newlyUnmapped, parked,
                    carried.size(), loggedOn);
        }
        return new TickPlan(Mode.CHANGES, changes, loggedOut, due, withheld, newlyUnmapped, parked, 0, loggedOn);
    }

    /**
     * Why a snapshot of {@code loggedOn} agents would log out a floor that collapsed since the previous tick's
     * {@code previous}, or null: fewer than {@code minRatio} of them, by at least {@link #COLLAPSE_MIN_DROP}. A floor
     * that empties over an hour never trips it.
     */
    String collapse(int loggedOn, int previous) {
        if (previous - loggedOn < COLLAPSE_MIN_DROP || loggedOn >= minRatio * previous) {
            return null;
        }
        if (loggedOn == 0) {
            return "Wix Answers reported no logged-on agent, against " + previous + " at the previous tick";
        }
        return String.format(Locale.ROOT, "%d logged-on agents, fewer than %.0f%% of the previous tick's %d",
                loggedOn, minRatio * 100, previous);
    }
}
