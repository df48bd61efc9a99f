package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.answers.AgentActivity;
import com.wixanswers.wfm.calabrio.RtaState;
import com.wixanswers.wfm.realtime.TickPlanner.Mode;
import com.wixanswers.wfm.realtime.TickPlanner.TickPlan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of a tick, on plain data: what is sent, and when a snapshot is (not) safe. */
class TickPlannerTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private final TickPlanner planner = new TickPlanner(new StateMapping(Map.of()), Duration.ofMinutes(15), 0.5);

    private static AgentActivity online(String agent) {
        return new AgentActivity(agent, "ONLINE", "NONE", null);
    }

    private static AgentActivity busy(String agent) {
        return new AgentActivity(agent, "BUSY", "NONE", "Lunch");
    }

    private static AgentActivity offline(String agent) {
        return new AgentActivity(agent, "OFFLINE", null, null);
    }

    /** What the tick does with a plan when Calabrio processes everything. */
    private static void delivered(RealtimeState state, TickPlan plan, Instant now) {
        for (RtaState sent : plan.states()) {
            RealtimeState.Agent agent = state.agent(sent.userCode());
            agent.code = sent.stateCode();
            agent.offline = plan.offline().contains(sent.userCode());
        }
        if (plan.mode() == Mode.SNAPSHOT) {
            plan.loggedOutBySnapshot().forEach(id -> {
                state.agent(id).offline = true;
                state.agent(id).code = null;
            });
            plan.dropped().forEach(state.agents::remove);
            state.lastSnapshotAt = now;
            state.lastSnapshotSize = plan.states().size();
        }
    }

    /** A tick: the planner marks who was seen, and Calabrio processes everything. */
    private TickPlan tick(RealtimeState state, List<AgentActivity> activities, Instant now) {
        TickPlan plan = planner.plan(state, activities, now);
        delivered(state, plan, now);
        return plan;
    }

    @Test
    void theFirstTickIsOneSnapshotOfEveryLoggedOnAgent() {
        RealtimeState state = new RealtimeState();
        TickPlan plan = tick(state, List.of(online("b"), busy("a"), offline("c")), T0);
        assertEquals(Mode.SNAPSHOT, plan.mode());
        assertEquals(List.of(new RtaState("a", "Busy"), new RtaState("b", "Available")), plan.states());
        assertEquals(Set.of("c"), plan.loggedOutBySnapshot(), "offline agents are left out: the snapshot logs them out");
    }

    @Test
    void thenOnlyChangesAreSentAndAnAgentGoingOfflineIsLoggedOutOnce() {
        RealtimeState state = new RealtimeState();
        tick(state, List.of(online("a"), online("b"), offline("c")), T0);
        TickPlan same = tick(state, List.of(online("a"), online("b"), offline("c")), T0.plusSeconds(60));
        assertEquals(Mode.CHANGES, same.mode());
        assertEquals(List.of(), same.states());

        TickPlan change = tick(state, List.of(busy("a"), offline("b"), offline("c")), T0.plusSeconds(120));
        assertEquals(List.of(new RtaState("a", "Busy"), new RtaState("b", "LoggedOut")), change.states());
        assertEquals(Set.of("b"), change.offline());
        TickPlan again = tick(state, List.of(busy("a"), offline("b"), offline("c")), T0.plusSeconds(180));
        assertEquals(List.of(), again.states(), "logged out once, then left out");

        TickPlan back = tick(state, List.of(busy("a"), online("b"), offline("c")), T0.plusSeconds(240));
        assertEquals(List.of(new RtaState("b", "Available")), back.states());
    }

    @Test
    void aSnapshotGoesEveryFifteenMinutesAndAfterAFailedTick() {
        RealtimeState state = new RealtimeState();
        List<AgentActivity> floor = List.of(online("a"), online("b"));
        tick(state, floor, T0);
        assertEquals(Mode.CHANGES, tick(state, floor, T0.plus(Duration.ofMinutes(14))).mode());
        assertEquals(Mode.SNAPSHOT, tick(state, floor, T0.plus(Duration.ofMinutes(15))).mode());
        assertEquals(Mode.CHANGES, tick(state, floor, T0.plus(Duration.ofMinutes(16))).mode());
        state.lastTickFailed = true;
        assertEquals(Mode.SNAPSHOT, planner.plan(state, floor, T0.plus(Duration.ofMinutes(17))).mode());
    }

    @Test
    void aSnapshotIsNeverSplitWhateverItsSize() {
        List<AgentActivity> floor = new ArrayList<>();
        for (int index = 0; index < 5_000; index++) {
            floor.add(online(String.format("agent-%04d", index)));
        }
        TickPlan plan = planner.plan(new RealtimeState(), floor, T0);
        assertEquals(Mode.SNAPSHOT, plan.mode());
        assertEquals(5_000, plan.states().size(), "one request holds every logged-on agent");
    }

    @Test
    void anEmptyAnswerNeverLogsTheFloorOut() {
        RealtimeState state = new RealtimeState();
        tick(state, List.of(online("a"), online("b")), T0);
        state.lastTickFailed = true;
        TickPlan plan = planner.plan(state, List.of(), T0.plusSeconds(60));
        assertEquals(Mode.CHANGES, plan.mode());
        assertEquals("Wix Answers reported no logged-on agent", plan.withheld());
        assertEquals(List.of(), plan.states());
    }

    @Test
    void aShrunkenAnswerIsSentAsChangesNotAsASnapshot() {
        RealtimeState state = new RealtimeState();
        List<AgentActivity> floor = new ArrayList<>();
        for (int index = 0; index < 10; index++) {
            floor.add(online("agent-" + index));
        }
        tick(state, floor, T0);
        // Fifteen minutes on, half the answer is OFFLINE: a glitch would log out 4 agents; a real change too.
        List<AgentActivity> shrunk = new ArrayList<>(floor.subList(0, 4));
        for (int index = 4; index < 10; index++) {
            shrunk.add(offline("agent-" + index));
        }
        TickPlan plan = planner.plan(state, shrunk, T0.plus(Duration.ofMinutes(15)));
        assertEquals(Mode.CHANGES, plan.mode());
        assertEquals("4 logged-on agents, fewer than 50% of the last snapshot's 10", plan.withheld());
        assertEquals(6, plan.states().size(), "the six going offline are still logged out, one by one");
        assertTrue(plan.states().stream().allMatch(s -> s.stateCode().equals("LoggedOut")));
        // Exactly half is not fewer than half: the snapshot goes.
        List<AgentActivity> half = new ArrayList<>(floor.subList(0, 5));
        assertEquals(Mode.SNAPSHOT, planner.plan(state, half, T0.plus(Duration.ofMinutes(15))).mode());
    }

    @Test
    void anAgentMissingFromAnAnswerKeepsItsStateUntilMissingForASnapshotPeriod() {
        RealtimeState state = new RealtimeState();
        tick(state, List.of(online("a"), busy("b")), T0);
        tick(state, List.of(online("a"), busy("b")), T0.plus(Duration.ofMinutes(10)));
        TickPlan carried = tick(state, List.of(online("a")), T0.plus(Duration.ofMinutes(15)));
        assertEquals(Mode.SNAPSHOT, carried.mode());
        assertEquals(List.of(new RtaState("a", "Available"), new RtaState("b", "Busy")), carried.states(),
                "b, seen 5 minutes ago, stays logged on");
        assertEquals(1, carried.carried());

        TickPlan dropped = tick(state, List.of(online("a")), T0.plus(Duration.ofMinutes(30)));
        assertEquals(List.of(new RtaState("a", "Available")), dropped.states(), "missing 20 minutes: let go");
        assertEquals(Set.of("b"), dropped.dropped());
        assertTrue(!state.agents.containsKey("b"));
    }

    @Test
    void everyAgentInTheAnswerIsMarkedSeenParkedOrNot() {
        RealtimeState state = new RealtimeState();
        state.parked.put("ghost", new RealtimeState.Parked(T0.plus(Duration.ofMinutes(60)), "No person found"));
        planner.plan(state, List.of(online("a"), offline("b"), online("ghost")), T0);
        for (String agent : List.of("a", "b", "ghost")) {
            assertEquals(T0, state.agents.get(agent).lastSeenAt, agent);
        }
    }

    /** What a plan tells its expectation, as "agent=code" (offline: "agent=code/offline"), "agent logged out". */
    private static final class Told implements TickPlanner.Expectation {
        final List<String> told = new ArrayList<>();
        private final RealtimeState state;

        Told(RealtimeState state) {
            this.state = state;
        }

        private String id(RealtimeState.Agent agent) {
            return state.agents.entrySet().stream().filter(e -> e.getValue() == agent).findFirst().orElseThrow()
                    .getKey();
        }

        @Override
        public void sends(RealtimeState.Agent agent, String code, boolean offline) {
            told.add(id(agent) + "=" + code + (offline ? "/offline" : ""));
        }

        @Override
        public void logsOut(RealtimeState.Agent agent) {
            told.add(id(agent) + " logged out");
        }
    }

    private static List<String> told(TickPlanner planner, RealtimeState state, List<AgentActivity> activities,
                                     Instant now) {
        Told told = new Told(state);
        TickPlanner.Planning planning = planner.begin(state, now, told);
        activities.forEach(planning::accept);
        planning.finish();
        told.told.sort(null);
        return told.told;
    }

    @Test
    void whatDeliveryWillDoIsToldAsThePlanIsMadeForTheChangesOrForEveryoneASnapshotTouches() {
        RealtimeState state = new RealtimeState();
        tick(state, List.of(online("a"), online("b"), online("c"), online("d"), online("e")), T0);
        assertEquals(List.of("b=Busy", "c=LoggedOut/offline"),
                told(planner, state, List.of(online("a"), busy("b"), offline("c"), online("d")), T0.plusSeconds(60)),
                "the changes only; d keeps its state, e is missing");

        // A snapshot: everyone in it (e is missing for 5 minutes only: carried), everyone offline now it logs out;
        // d, missing for 16 minutes, is dropped, which needs no record.
        state.agents.get("d").lastSeenAt = T0;
        state.agents.get("e").lastSeenAt = T0.plus(Duration.ofMinutes(11));
        assertEquals(List.of("a=Available", "b=Busy", "c logged out", "e=Available"),
                told(planner, state, List.of(online("a"), busy("b"), offline("c")), T0.plus(Duration.ofMinutes(16))));
    }

    @Test
    void anAgentTwiceInOneAnswerMakesThePlanIrregular() {
        RealtimeState state = new RealtimeState();
        TickPlanner.Planning planning = planner.begin(state, T0, TickPlanner.Expectation.NONE);
        assertTrue(planning.accept(online("a")) != null);
        assertNull(planning.accept(busy("a")), "the second entry is not planned");
        assertTrue(planning.irregular());
        assertEquals(List.of(online("a"), busy("a")), planning.accepted());
        assertThrows(IllegalArgumentException.class,
                () -> planner.plan(new RealtimeState(), List.of(online("a"), busy("a")), T0));
    }

    @Test
    void parkedAgentsAreLeftOutUntilTheirParkEnds() {
        RealtimeState state = new RealtimeState();
        state.parked.put("ghost", new RealtimeState.Parked(T0.plus(Duration.ofMinutes(60)), "No person found"));
        TickPlan plan = tick(state, List.of(online("a"), online("ghost")), T0);
        assertEquals(List.of(new RtaState("a", "Available")), plan.states());
        assertEquals(1, plan.parked());
        state.parked.clear();
        TickPlan released = tick(state, List.of(online("a"), online("ghost")), T0.plusSeconds(60));
        assertEquals(List.of(new RtaState("ghost", "Available")), released.states());
    }

    @Test
    void anUnmappedStatusIsReportedTheFirstTimeOnly() {
        RealtimeState state = new RealtimeState();
        AgentActivity away = new AgentActivity("a", "AWAY", null, null);
        TickPlan first = planner.plan(state, List.of(away), T0);
        assertEquals(Set.of("AWAY"), first.newlyUnmapped());
        assertEquals(List.of(new RtaState("a", "WA_AWAY")), first.states());
        state.unmappedSeen.add("AWAY");
        assertEquals(Set.of(), planner.plan(state, List.of(away), T0).newlyUnmapped());
        assertNull(first.withheld());
    }
}
