package com.wixanswers.wfm.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state blob's document: what a tick writes is what the next one reads, whether written at once or agent by agent. */
class StateDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private static RealtimeState.Agent agent(RealtimeState state, String agentId, String code, boolean offline,
                                             Instant sentAt, Instant lastSeenAt) {
        RealtimeState.Agent agent = state.agent(agentId);
        agent.code = code;
        agent.offline = offline;
        agent.sentAt = sentAt;
        agent.lastSeenAt = lastSeenAt;
        return agent;
    }

    private static RealtimeState everyField() {
        RealtimeState state = new RealtimeState();
        state.lastSnapshotAt = T0;
        state.lastSnapshotSize = 2;
        state.lastTickFailed = true;
        agent(state, "agent-1", "OnCall", false, T0, T0.plusSeconds(60));
        agent(state, "agent-2", null, true, T0.plusMillis(1), T0);
        agent(state, "new \"quoted\" agent", null, false, null, null);
        state.parked.put("ghost", new RealtimeState.Parked(T0.plusSeconds(3_600), "No person found for UserCode"));
        state.unmappedSeen.add("AWAY");
        return state;
    }

    private static void assertSameState(RealtimeState expected, RealtimeState actual) {
        assertEquals(expected.version, actual.version);
        assertEquals(expected.lastSnapshotAt, actual.lastSnapshotAt);
        assertEquals(expected.lastSnapshotSize, actual.lastSnapshotSize);
        assertEquals(expected.lastTickFailed, actual.lastTickFailed);
        assertEquals(expected.agents.keySet(), actual.agents.keySet());
        expected.agents.forEach((id, agent) -> {
            RealtimeState.Agent read = actual.agents.get(id);
            assertEquals(agent.code, read.code, id);
            assertEquals(agent.offline, read.offline, id);
            assertEquals(agent.sentAt, read.sentAt, id);
            assertEquals(agent.lastSeenAt, read.lastSeenAt, id);
        });
        assertEquals(expected.parked.keySet(), actual.parked.keySet());
        expected.parked.forEach((id, parked) -> {
            assertEquals(parked.until, actual.parked.get(id).until);
            assertEquals(parked.reason, actual.parked.get(id).reason);
        });
        assertEquals(expected.unmappedSeen, actual.unmappedSeen);
    }

    @Test
    void everyFieldComesBackAsItWasWritten() {
        RealtimeState state = everyField();
        assertSameState(state, RealtimeState.fromJson(state.toJson()));
        assertSameState(new RealtimeState(), RealtimeState.fromJson(new RealtimeState().toJson()));
    }

    @Test
    void writtenAgentByAgentInAnyOrderItIsTheStateAsItIsWhenClosed() throws IOException {
        RealtimeState state = everyField();
        agent(state, "sent-now", "Available", false, T0, T0);
        agent(state, "dropped", "Busy", false, T0, T0);
        StateDocument document = StateDocument.open(state);
        // As a tick writes them: the agents of the answer as it arrives, then the others, never the dropped one.
        List<String> order = List.of("sent-now", "new \"quoted\" agent", "agent-2", "agent-1");
        for (String agentId : order) {
            document.agent(agentId, state.agents.get(agentId));
        }
        state.agents.remove("dropped");
        // The fields after the agents are written as they are at close: a tick's outcome sets them last.
        Instant now = T0.plusSeconds(900);
        state.lastSnapshotAt = now;
        state.lastSnapshotSize = 3;
        state.lastTickFailed = false;
        state.parked.put("another-ghost", new RealtimeState.Parked(now.plusSeconds(3_600), "No person found"));
        state.unmappedSeen.add("70");

        byte[] written = document.close();
        assertEquals(JSON.readTree(state.toJson()), JSON.readTree(written));
        RealtimeState read = RealtimeState.fromJson(written);
        assertSameState(state, read);
        assertFalse(read.agents.containsKey("dropped"));
        assertEquals(now, read.lastSnapshotAt);
    }

    @Test
    void aStateWrittenByTheEarlierReleaseIsStillRead() {
        // As the first release wrote it (Jackson databind): the fields in declaration order, instants in millis.
        String earlier = "{\"version\":1,\"lastSnapshotAt\":1795852800000,\"lastSnapshotSize\":1,"
                + "\"lastTickFailed\":false,\"agents\":{\"agent-1\":{\"code\":\"OnCall\",\"offline\":false,"
                + "\"sentAt\":1795852800000,\"lastSeenAt\":1795852860000},\"agent-2\":{\"code\":null,"
                + "\"offline\":true,\"sentAt\":null,\"lastSeenAt\":null}},\"parked\":{\"ghost\":{\"until\":"
                + "1795856400000,\"reason\":\"No person found\"}},\"unmappedSeen\":[\"AWAY\"]}";
        RealtimeState state = RealtimeState.fromJson(earlier.getBytes(StandardCharsets.UTF_8));
        assertEquals(T0, state.lastSnapshotAt);
        assertEquals(T0.plusSeconds(60), state.agents.get("agent-1").lastSeenAt);
        assertNull(state.agents.get("agent-2").code);
        assertTrue(state.agents.get("agent-2").offline);
        assertEquals(T0.plusSeconds(3_600), state.parked.get("ghost").until);
        assertEquals(Set.of("AWAY"), state.unmappedSeen);
    }
}
