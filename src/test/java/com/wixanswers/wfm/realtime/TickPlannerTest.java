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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of a tick, on plain data: what is sent, and when a snapshot is (not) safe. */
class TickPlannerTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private final TickPlanner planner = new TickPlanner(new StateMapping(Map.of()), Duration.ofMinutes(15), 0.5,
            true);

    private static AgentActivity online(String agent) {
        return new AgentActivity(agent, "ONLINE", "NONE", null);
    }

    private static AgentActivity busy(String agent) {
        return new AgentActivity(agent, "BUSY", "NONE", "Lunch");
    }

    private static AgentActivity offline(String agent) {
        return new AgentActivity(agent, "OFFLINE", null, null);
    }

    private static List<AgentActivity> floor(int size) {
        List<AgentActivity> floor = new ArrayList<>();
        for (int index = 0; index < size; index++) {
            floor.add(online(String.format("agent-%04d", index)));
        }
        return floor;
    }

    /** A tick whose plan Calabrio processes whole, recorded as the tick records it. */
    private TickPlan tick(RealtimeState state, List<AgentActivity> answer, Instant now) {
        TickPlan plan = planner.plan(state, answer, now);
        answer.forEach(activity -> state.agent(activity.agentId()).lastSeenAt = now);
        for (RtaState sent : plan.states()) {
            state.agent(sent.userCode()).sent(sent.stateCode(), plan.loggedOut().contains(sent.userCode()), now);
        }
        if (plan.mode() == Mode.SNAPSHOT) {
            state.lastSnapshotAt = now;
        }
        state.lastLoggedOn = plan.loggedOn();
        state.lastTickFailed = false;
        return plan;
    }

    @Test
    void theFirstTickIsOneSnapshotOfEveryAgentItsOfflineOnesAsLoggedOut() {
        RealtimeState state = new RealtimeState();
        TickPlan plan = tick(state, List.of(online("b"), busy("a"), offline("c")), T0);
        assertEquals(Mode.SNAPSHOT, plan.mode());
        assertEquals(List.of(new RtaState("a", "Busy"), new RtaState("b", "Available"),
                new RtaState("c", "LoggedOut")), plan.states(), "an offline agent is sent, never left to the closing");
        assertEquals(Set.of("c"), plan.loggedOut());
        assertEquals(2, plan.loggedOn());
        TickPlan next = tick(state, List.of(online("b"), busy("a"), offline("c")), T0.plus(Duration.ofMinutes(15)));
        assertEquals(List.of(new RtaState("a", "Busy"), new RtaState("b", "Available")), next.states(),
                "an agent already sent as logged out is not sent again");
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
        assertEquals(Set.of("b"), change.loggedOut());
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
        TickPlan plan = planner.plan(new RealtimeState(), floor(5_000), T0);
        assertEquals(Mode.SNAPSHOT, plan.mode());
        assertEquals(5_000, plan.states().size(), "one request holds every logged-on agent");
    }

    @Test
    void aCollapseAgainstThePreviousTickIsWithheldAndADeclineNeverIs() {
        assertEquals("5 logged-on agents, fewer than 50% of the previous tick's 100", planner.collapse(5, 100));
        assertEquals("Wix Answers reported no logged-on agent, against 40 at the previous tick",
                planner.collapse(0, 40));
        assertNull(planner.collapse(50, 100), "exactly half is not fewer than half");
        assertNull(planner.collapse(49, 58), "a drop of 9 is never a collapse, whatever its share");
        assertNull(planner.collapse(0, 9), "a small floor may empty at once");
        assertEquals("39 logged-on agents, fewer than 50% of the previous tick's 80", planner.collapse(39, 80));
        for (int loggedOn = 100; loggedOn > 0; loggedOn -= 2) {
            assertNull(planner.collapse(loggedOn - 2, loggedOn), "a gradual decline never trips it");
        }
    }

    @Test
    void aCollapsedFloorSendsItsChangesWithoutTheSnapshotFlag() {
        RealtimeState state = new RealtimeState();
        List<AgentActivity> floor = floor(20);
        tick(state, floor, T0);
        // Fifteen minutes on, most of the answer is OFFLINE: a glitch would log out the floor; a real change too.
        List<AgentActivity> shrunk = new ArrayList<>(floor.subList(0, 4));
        for (int index = 4; index < 20; index++) {
            shrunk.add(offline(floor.get(index).agentId()));
        }
        TickPlan plan = planner.plan(state, shrunk, T0.plus(Duration.ofMinutes(15)));
        assertEquals(Mode.CHANGES, plan.mode());
        assertTrue(plan.snapshotDue());
        assertEquals("4 logged-on agents, fewer than 50% of the previous tick's 20", plan.withheld());
        assertEquals(16, plan.states().size(), "the sixteen going offline are still logged out, one by one");
        assertTrue(plan.states().stream().allMatch(s -> s.stateCode().equals("LoggedOut")));
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
        assertEquals(List.of(new RtaState("a", "Available"), new RtaState("b", "LoggedOut")), dropped.states(),
                "missing 20 minutes: sent as logged out in the snapshot itself");
        assertEquals(Set.of("b"), dropped.loggedOut());
        assertFalse(state.agents.get("b").loggedOn());
        assertEquals(List.of(), tick(state, List.of(online("a")), T0.plus(Duration.ofMinutes(31))).states(),
                "and only once");
    }

    @Test
    void anAgentMissingTooLongBetweenSnapshotsIsLoggedOutAsAChangeAtOnce() {
        RealtimeState state = new RealtimeState();
        tick(state, List.of(online("a"), online("b"), online("c")), T0);
        tick(state, List.of(online("a"), online("b"), online("c")), T0.plus(Duration.ofMinutes(1)));
        TickPlan snapshot = tick(state, List.of(online("a"), online("b")), T0.plus(Duration.ofMinutes(15)));
        assertEquals(Mode.SNAPSHOT, snapshot.mode());
        assertEquals(1, snapshot.carried(), "c, missing 14 minutes, is still carried");
        TickPlan gone = tick(state, List.of(online("a"), online("b")), T0.plus(Duration.ofMinutes(16)));
        assertEquals(Mode.CHANGES, gone.mode(), "no snapshot due: the last went a minute ago");
        assertEquals(List.of(new RtaState("c", "LoggedOut")), gone.states(), "missing 15 minutes: logged out now");
        assertEquals(Set.of("c"), gone.loggedOut());
    }

    @Test
    void aSnapshotHoldsTheTicksLogoutsOnePerAgent() {
        RealtimeState state = new RealtimeState();
        tick(state, List.of(online("a"), online("b")), T0);
        TickPlan plan = planner.plan(state, List.of(online("a"), offline("b"), busy("c")),
                T0.plus(Duration.ofMinutes(15)));
        assertEquals(Mode.SNAPSHOT, plan.mode());
        assertEquals(List.of(new RtaState("a", "Available"), new RtaState("b", "LoggedOut"),
                new RtaState("c", "Busy")), plan.states());
        assertEquals(Set.of("b"), plan.loggedOut());
    }

    @Test
    void withSnapshotsOffAnAgentMissingTooLongIsSentAsLoggedOut() {
        TickPlanner changesOnly = new TickPlanner(new StateMapping(Map.of()), Duration.ofMinutes(15), 0.5, false);
        RealtimeState state = new RealtimeState();
        TickPlan first = changesOnly.plan(state, List.of(online("a"), online("b")), T0);
        assertEquals(Mode.CHANGES, first.mode(), "never a snapshot");
        state.agent("a").sent("Available", false, T0);
        state.agent("b").sent("Available", false, T0);
        state.agent("a").lastSeenAt = T0;
        state.agent("b").lastSeenAt = T0;
        assertEquals(List.of(), changesOnly.plan(state, List.of(online("a")), T0.plus(Duration.ofMinutes(14))).states());
        TickPlan later = changesOnly.plan(state, List.of(online("a")), T0.plus(Duration.ofMinutes(15)));
        assertEquals(List.of(new RtaState("b", "LoggedOut")), later.states());
        assertEquals(Set.of("b"), later.loggedOut());
    }

    @Test
    void afterASnapshotRefusedAsTooLargeSnapshotsWaitADay() {
        RealtimeState state = new RealtimeState();
        state.snapshotsRefused = T0;
        assertEquals(Mode.CHANGES, planner.plan(state, List.of(online("a")), T0.plus(Duration.ofHours(23))).mode());
        assertEquals(Mode.SNAPSHOT, planner.plan(state, List.of(online("a")), T0.plus(Duration.ofHours(24))).mode());
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

    @Test
    void planningChangesNothingInTheState() {
        RealtimeState state = new RealtimeState();
        tick(state, List.of(online("a"), online("b")), T0);
        byte[] before = state.toJson();
        planner.plan(state, List.of(busy("a"), offline("b"), online("c")), T0.plus(Duration.ofMinutes(15)));
        assertEquals(new String(before), new String(state.toJson()));
    }
}
