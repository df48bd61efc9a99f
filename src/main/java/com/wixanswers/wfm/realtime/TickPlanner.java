package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.answers.AgentActivity;
import com.wixanswers.wfm.calabrio.RtaState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what one tick sends, from what Calabrio last heard (the state) and what Wix Answers says now. No I/O, no
 * clock but the tick's instant. It changes one thing in the state, in the same pass: every agent in the answer is
 * marked seen now, a fact of the answer whatever Calabrio replies.
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
 *
 * <p>A plan is made one activity at a time ({@link #begin}), as the answer arrives, and tells an {@link Expectation}
 * what its delivery will do to each record it touches, as it decides.
 */
public final class TickPlanner {
    private final StateMapping mapping;
    private final Duration snapshotEvery;
    private final double minRatio;

    public enum Mode { SNAPSHOT, CHANGES }

    /**
     * What to send and what it means once delivered.
     *
     * @param states              the states to send: all of a snapshot (one request), or the changes
     * @param offline             the agents among {@code states} sent as logged out
     * @param loggedOutBySnapshot agents offline now whom a delivered snapshot logs out (they are not in it)
     * @param dropped             agents missing too long, whom a delivered snapshot logs out
     * @param withheld            why a due snapshot was not sent as one, or null
     * @param newlyUnmapped       statuses no mapping covers, seen for the first time
     */
    public record TickPlan(Mode mode, List<RtaState> states, Set<String> offline, Set<String> loggedOutBySnapshot,
                           Set<String> dropped, String withheld, Set<String> newlyUnmapped, int parked,
                           int carried) {
    }

    /**
     * What delivering the plan will do to the records of the agents it touches, told while the plan is made: the
     * tick applies it ahead of Calabrio's answer, to write the state document while the requests are in flight.
     * For a due snapshot it is told what the snapshot does, should it turn out unsafe and go as changes.
     */
    public interface Expectation {
        /** Nothing to anticipate: the plan alone is wanted. */
        Expectation NONE = new Expectation() {
            @Override
            public void sends(RealtimeState.Agent agent, String code, boolean offline) {
            }

            @Override
            public void logsOut(RealtimeState.Agent agent) {
            }
        };

        /** The agent's state goes out as {@code code}; {@code offline}: as logged out. */
        void sends(RealtimeState.Agent agent, String code, boolean offline);

        /** A snapshot leaves the agent out, which logs it out. */
        void logsOut(RealtimeState.Agent agent);
    }

    /** What Calabrio should hear of an agent in this answer. */
    private record Desired(String agentId, String code, boolean offline) {
    }

    public TickPlanner(StateMapping mapping, Duration snapshotEvery, double minRatio) {
        this.mapping = mapping;
        this.snapshotEvery = snapshotEvery;
        this.minRatio = minRatio;
    }

    /**
     * The plan for a whole answer, one activity per agent (as {@code AgentActivityClient.fetch} gives it); its
     * order is the order of the changes sent.
     */
    public TickPlan plan(RealtimeState state, List<AgentActivity> activities, Instant now) {
        Planning planning = begin(state, now, Expectation.NONE);
        activities.forEach(planning::accept);
        if (planning.irregular()) {
            throw new IllegalArgumentException("an agent comes twice in the activities: pass one per agent");
        }
        return planning.finish();
    }

    /** Starts a plan to be fed the answer's activities as they come. */
    public Planning begin(RealtimeState state, Instant now, Expectation expectation) {
        return new Planning(state, now, expectation);
    }

    /** A plan being made, one activity at a time, on one thread. */
    public final class Planning {
        private final RealtimeState state;
        private final Instant now;
        private final Expectation expectation;
        private final boolean snapshotDue;
        // The changes are worked out in any case: they go instead when a due snapshot turns out unsafe.
        private final List<Desired> desired;
        private final List<RtaState> changes = new ArrayList<>();
        private final Set<String> offline = new HashSet<>();
        private final Set<String> newlyUnmapped = new TreeSet<>();
        private final List<AgentActivity> accepted = new ArrayList<>();
        /** What this plan marks the agents of its answer with (not the plan itself, which would stay reachable). */
        private final Object seen = new Object();
        private int parked;
        private boolean irregular;

        private Planning(RealtimeState state, Instant now, Expectation expectation) {
            this.state = state;
            this.now = now;
            this.expectation = expectation;
            this.snapshotDue = TickPlanner.this.snapshotDue(state, now);
            this.desired = snapshotDue ? new ArrayList<>(Math.max(16, state.agents.size())) : null;
        }

        public boolean snapshotDue() {
            return snapshotDue;
        }

        /**
         * Plans one activity, in the answer's order. Answers the agent's record, marked seen, or null when the agent
         * came earlier in this answer: the plan is then {@link #irregular()}.
         */
        public RealtimeState.Agent accept(AgentActivity activity) {
            accepted.add(activity);
            String agentId = activity.agentId();
            // A new agent's record has no code yet, so it counts as changed below.
            RealtimeState.Agent last = state.agent(agentId);
            if (last.seenBy == seen) {
                irregular = true;
                return null;
            }
            last.seenBy = seen;
            last.lastSeenAt = now;
            if (isParked(state, agentId, now)) {
                parked++;
                return last;
            }
            StateMapping.Mapped mapped = mapping.map(activity);
            if (mapped.unmappedStatus() != null && !state.unmappedSeen.contains(mapped.unmappedStatus())) {
                newlyUnmapped.add(mapped.unmappedStatus());
            }
            boolean goingOffline = activity.isOffline();
            boolean changed = goingOffline
                    ? !last.offline
                    : last.code == null || last.offline || !last.code.equals(mapped.code());
            if (changed) {
                changes.add(new RtaState(agentId, mapped.code()));
                if (goingOffline) {
                    offline.add(agentId);
                }
            }
            if (snapshotDue) {
                desired.add(new Desired(agentId, mapped.code(), goingOffline));
                if (goingOffline) {
                    expectation.logsOut(last);
                } else {
                    expectation.sends(last, mapped.code(), false);
                }
            } else if (changed) {
                expectation.sends(last, mapped.code(), goingOffline);
            }
            return last;
        }

        /** True when an agent came twice: this plan is not to be used; plan the answer again, one per agent. */
        public boolean irregular() {
            return irregular;
        }

        /** Every activity accepted, in order, duplicates included. */
        public List<AgentActivity> accepted() {
            return accepted;
        }

        /** Whether the agent was in this answer. */
        public boolean saw(RealtimeState.Agent agent) {
            return agent.seenBy == seen;
        }

        /** The plan, once every activity of the answer is accepted. */
        public TickPlan finish() {
            String withheld = null;
            if (snapshotDue) {
                TickPlan snapshot = snapshot();
                // Judged on what Wix Answers itself reported logged on: carried agents cannot vouch for an answer.
                withheld = unsafe(snapshot.states().size() - snapshot.carried(), state.lastSnapshotSize);
                if (withheld == null) {
                    return snapshot;
                }
            }
            return new TickPlan(Mode.CHANGES, changes, offline, Set.of(), Set.of(), withheld, newlyUnmapped, parked,
                    0);
        }

        /** Every agent logged on now, and those missing from this answer but seen recently (carried). */
        private TickPlan snapshot() {
            // Agents Calabrio has as logged on but this answer left out: carried while recently seen, else dropped.
            // (An agent in the answer is either desired or parked, and parked agents are skipped below.)
            List<RtaState> carried = new ArrayList<>();
            Set<String> dropped = new HashSet<>();
            state.agents.forEach((agentId, agent) -> {
                if (saw(agent) || agent.code == null || agent.offline || isParked(state, agentId, now)) {
                    return;
                }
                if (agent.lastSeenAt != null && Duration.between(agent.lastSeenAt, now).compareTo(snapshotEvery) < 0) {
                    carried.add(new RtaState(agentId, agent.code));
                    expectation.sends(agent, agent.code, false);
                } else {
                    dropped.add(agentId);
                }
            });
            Set<String> offlineNow = new HashSet<>();
            List<RtaState> states = new ArrayList<>(desired.size() + carried.size());
            for (Desired want : desired) {
                if (want.offline()) {
                    offlineNow.add(want.agentId());
                } else {
                    states.add(new RtaState(want.agentId(), want.code()));
                }
            }
            states.addAll(carried);
            states.sort((a, b) -> a.userCode().compareTo(b.userCode()));
            return new TickPlan(Mode.SNAPSHOT, states, Set.of(), offlineNow, dropped, null, newlyUnmapped, parked,
                    carried.size());
        }
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
