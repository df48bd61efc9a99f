package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.answers.AgentActivity;
import com.wixanswers.wfm.calabrio.RtaState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what one tick sends, from what Calabrio last heard (the state) and what Wix Answers says now. Pure: no
 * I/O, no clock but the tick's instant.
 *
 * <ul>
 * <li>Changes: only agents whose state code differs from the one last sent; an agent going offline is sent as
 * logged out once, then left out.</li>
 * <li>Snapshot (every agent logged on, in ONE request, which logs out everyone else): on the first tick, after a
 * failed one, and every {@code snapshotEvery}. Never when the agents Wix Answers reports logged on are none, or
 * fewer than {@code minRatio} of the last snapshot: then the changes go without the snapshot flag, so a glitch
 * upstream never logs the floor out.</li>
 * <li>An agent missing from one answer keeps its last state (in snapshots too) until it has been missing for
 * {@code snapshotEvery}; then the next snapshot lets Calabrio log it out.</li>
 * <li>Parked agents (Calabrio does not know them) are left out until their park ends.</li>
 * </ul>
 */
public final class TickPlanner {
    private final StateMapping mapping;
    private final Duration snapshotEvery;
    private final double minRatio;

    public enum Mode { SNAPSHOT, CHANGES }

    /**
     * What to send and what it means once delivered.
     *
     * @param states            the states to send: all of a snapshot (one request), or the changes
     * @param offline           the agents among {@code states} sent as logged out
     * @param loggedOutBySnapshot agents offline now whom a delivered snapshot logs out (they are not in it)
     * @param dropped           agents missing too long, whom a delivered snapshot logs out
     * @param withheld          why a due snapshot was not sent as one, or null
     * @param newlyUnmapped     statuses no mapping covers, seen for the first time
     */
    public record TickPlan(Mode mode, List<RtaState> states, Set<String> offline, Set<String> loggedOutBySnapshot,
                           Set<String> dropped, String withheld, Set<String> newlyUnmapped, int parked,
                           int carried) {
    }

    private record Desired(String code, boolean offline) {
    }

    public TickPlanner(StateMapping mapping, Duration snapshotEvery, double minRatio) {
        this.mapping = mapping;
        this.snapshotEvery = snapshotEvery;
        this.minRatio = minRatio;
    }

    public TickPlan plan(RealtimeState state, List<AgentActivity> activities, Instant now) {
        // In Wix Answers' order: the plan is deterministic for a given answer, and hashing beats sorting here.
        Map<String, Desired> desired = new LinkedHashMap<>();
        Set<String> newlyUnmapped = new TreeSet<>();
        int parked = 0;
        for (AgentActivity activity : activities) {
            if (isParked(state, activity.agentId(), now)) {
                parked++;
                continue;
            }
            StateMapping.Mapped mapped = mapping.map(activity);
            if (mapped.unmappedStatus() != null && !state.unmappedSeen.contains(mapped.unmappedStatus())) {
                newlyUnmapped.add(mapped.unmappedStatus());
            }
            desired.put(activity.agentId(), new Desired(mapped.code(), activity.isOffline()));
        }

        String withheld = null;
        if (snapshotDue(state, now)) {
            TickPlan snapshot = snapshot(state, desired, now, newlyUnmapped, parked);
            // Judged on what Wix Answers itself reported logged on: carried agents cannot vouch for an answer.
            withheld = unsafe(snapshot.states().size() - snapshot.carried(), state.lastSnapshotSize);
            if (withheld == null) {
                return snapshot;
            }
        }
        List<RtaState> changes = new ArrayList<>();
        Set<String> offline = new TreeSet<>();
        desired.forEach((agentId, want) -> {
            RealtimeState.Agent last = state.agents.get(agentId);
            boolean changed = want.offline()
                    ? last == null || !last.offline
                    : last == null || last.code == null || last.offline || !last.code.equals(want.code());
            if (changed) {
                changes.add(new RtaState(agentId, want.code()));
                if (want.offline()) {
                    offline.add(agentId);
                }
            }
        });
        return new TickPlan(Mode.CHANGES, changes, offline, Set.of(), Set.of(), withheld, newlyUnmapped, parked, 0);
    }

    /** Every agent logged on now, and those missing from this answer but seen recently (carried). */
    private TickPlan snapshot(RealtimeState state, Map<String, Desired> desired, Instant now,
                              Set<String> newlyUnmapped, int parked) {
        // Agents Calabrio has as logged on but this answer left out: carried while recently seen, else dropped.
        // (An agent in the answer is either desired or parked, and parked agents are skipped below.)
        List<RtaState> carried = new ArrayList<>();
        Set<String> dropped = new TreeSet<>();
        state.agents.forEach((agentId, agent) -> {
            if (desired.containsKey(agentId) || agent.code == null || agent.offline || isParked(state, agentId, now)) {
                return;
            }
            if (agent.lastSeenAt != null && Duration.between(agent.lastSeenAt, now).compareTo(snapshotEvery) < 0) {
                carried.add(new RtaState(agentId, agent.code));
            } else {
                dropped.add(agentId);
            }
        });
        Set<String> offlineNow = new TreeSet<>();
        List<RtaState> states = new ArrayList<>(desired.size() + carried.size());
        desired.forEach((agentId, want) -> {
            if (want.offline()) {
                offlineNow.add(agentId);
            } else {
                states.add(new RtaState(agentId, want.code()));
            }
        });
        states.addAll(carried);
        states.sort((a, b) -> a.userCode().compareTo(b.userCode()));
        return new TickPlan(Mode.SNAPSHOT, states, Set.of(), offlineNow, dropped, null, newlyUnmapped, parked,
                carried.size());
    }

    boolean snapshotDue(RealtimeState state, Instant now) {
        return state.lastSnapshotAt == null || state.lastTickFailed
                || !now.isBefore(state.lastSnapshotAt.plus(snapshotEvery));
    }

    /** Why a snapshot of {@code size} agents would be unsafe after one of {@code lastSize}, or null. */
    private String unsafe(int size, int lastSize) {
        if (size == 0) {
            return "Wix Answers reported no logged-on agent";
        }
        if (size < minRatio * lastSize) {
            return String.format(Locale.ROOT, "%d logged-on agents, fewer than %.0f%% of the last snapshot's %d",
                    size, minRatio * 100, lastSize);
        }
        return null;
    }

    private static boolean isParked(RealtimeState state, String agentId, Instant now) {
        RealtimeState.Parked parked = state.parked.get(agentId);
        return parked != null && parked.until.isAfter(now);
    }
}
