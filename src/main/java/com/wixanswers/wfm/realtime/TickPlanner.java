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
 * <li>Changes: only agents whose state code differs from the one last sent; an agent going offline is sent as
 * logged out once, then left out.</li>
 * <li>Snapshot (every agent logged on, in ONE request, which logs out everyone else): on the first tick, after a
 * failed one, and every {@code snapshotEvery}; withheld on a sudden collapse of the floor (see
 * {@link #collapse}), when the changes go instead, so that a glitch upstream never logs the floor out.</li>
 * <li>An agent missing from the answer keeps its state (in snapshots too) until it has been missing for
 * {@code snapshotEvery}; then the next snapshot logs it out, or, without snapshots, it is sent as logged out.</li>
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

    public enum Mode { SNAPSHOT, CHANGES }

    /**
     * What to send and what it means once delivered: {@code states} is a snapshot (one request) or the changes;
     * {@code offline}, those of them sent as logged out; {@code loggedOutBySnapshot} and {@code dropped}, the agents
     * offline now or missing too long whom a delivered snapshot logs out by leaving them out; {@code changesInstead},
     * a snapshot's states and the tick's logouts as plain changes, should Calabrio refuse the snapshot;
     * {@code withheld}, why a due snapshot was not sent as one; {@code parked} and {@code carried} count the agents
     * left out as refused earlier and those kept in a snapshot though missing from the answer.
     */
    public record TickPlan(Mode mode, List<RtaState> states, Set<String> offline, Set<String> loggedOutBySnapshot,
                           Set<String> dropped, List<RtaState> changesInstead, boolean snapshotDue, String withheld,
                           Set<String> newlyUnmapped, int parked, int carried, int loggedOn) {
    }

    /** @param snapshots RTA_SNAPSHOTS: false sends changes only */
    public TickPlanner(StateMapping mapping, Duration snapshotEvery, double minRatio, boolean snapshots) {
        this.mapping = mapping;
        this.snapshotEvery = snapshotEvery;
        this.minRatio = minRatio;
        this.snapshots = snapshots;
    }

    /** The plan for an answer of one activity per agent, whose order is the order of the changes sent. */
    public TickPlan plan(RealtimeState state, List<AgentActivity> answer, Instant now) {
        List<RtaState> changes = new ArrayList<>();
        Set<String> offline = new HashSet<>();
        List<RtaState> loggedOnStates = new ArrayList<>();
        Set<String> offlineNow = new HashSet<>();
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
                offlineNow.add(agentId);
                if (last == null || !last.offline) {
                    changes.add(wanted);
                    offline.add(agentId);
                }
            } else {
                loggedOnStates.add(wanted);
                if (last == null || !last.loggedOn() || !last.code.equals(mapped.code())) {
                    changes.add(wanted);
                }
            }
        }

        // Agents Calabrio has logged on whom this answer left out: carried while seen recently, else dropped.
        List<RtaState> carried = new ArrayList<>();
        Set<String> dropped = new TreeSet<>();
        for (Map.Entry<String, RealtimeState.Agent> entry : state.agents.entrySet()) {
            RealtimeState.Agent agent = entry.getValue();
            if (inAnswer.contains(entry.getKey()) || !agent.loggedOn() || state.isParked(entry.getKey(), now)) {
                continue;
            }
            if (agent.lastSeenAt != null && Duration.between(agent.lastSeenAt, now).compareTo(snapshotEvery) < 0) {
                carried.add(new RtaState(entry.getKey(), agent.code));
            } else {
                dropped.add(entry.getKey());
            }
        }

        boolean snapshotsOn = snapshots && (state.snapshotsRefused == null
                || !now.isBefore(state.snapshotsRefused.plus(SNAPSHOT_RETRY_AFTER_REFUSAL)));
        boolean due = snapshotsOn && (state.lastSnapshotAt == null || state.lastTickFailed
                || !now.isBefore(state.lastSnapshotAt.plus(snapshotEvery)));
        String withheld = due ? collapse(loggedOn, state.lastLoggedOn) : null;
        if (due && withheld == null) {
            List<RtaState> snapshot = new ArrayList<>(loggedOnStates);
            snapshot.addAll(carried);
            snapshot.sort(Comparator.comparing(RtaState::userCode));
            List<RtaState> instead = new ArrayList<>(snapshot);
            changes.stream().filter(change -> offline.contains(change.userCode())).forEach(instead::add);
            return new TickPlan(Mode.SNAPSHOT, snapshot, Set.of(), offlineNow, dropped, instead, true, null,
                    newlyUnmapped, parked, carried.size(), loggedOn);
        }
        if (!snapshotsOn) {
            // No snapshot will ever log them out: an agent missing too long is sent as logged out.
            String loggedOutCode = mapping.map(new AgentActivity("", AgentActivity.OFFLINE, null, null)).code();
            for (String agentId : dropped) {
                changes.add(new RtaState(agentId, loggedOutCode));
                offline.add(agentId);
            }
        }
        return new TickPlan(Mode.CHANGES, changes, offline, Set.of(), Set.of(), List.of(), due, withheld,
                newlyUnmapped, parked, 0, loggedOn);
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
