package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.answers.AgentActivity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateMappingTest {
    private static AgentActivity activity(String status, String channel, String reason) {
        return new AgentActivity("agent-1", status, channel, reason);
    }

    @Test
    void everyKnownStatusHasADefault() {
        StateMapping mapping = new StateMapping(Map.of());
        assertEquals("Available", mapping.map(activity("ONLINE", "NONE", null)).code());
        assertEquals("OnCall", mapping.map(activity("IN_WORK", "CALL", null)).code());
        assertEquals("OnChat", mapping.map(activity("IN_WORK", "CHAT", null)).code());
        assertEquals("OnTicket", mapping.map(activity("IN_WORK", "TICKET", null)).code());
        assertEquals("InWork", mapping.map(activity("IN_WORK", "NONE", null)).code());
        assertEquals("Busy", mapping.map(activity("BUSY", "NONE", "Coffee")).code());
        assertEquals("LoggedOut", mapping.map(activity("OFFLINE", null, null)).code());
        assertNull(mapping.map(activity("BUSY", "NONE", "Coffee")).unmappedStatus());
    }

    @Test
    void theMostSpecificKeyWinsCaseInsensitively() {
        StateMapping mapping = new StateMapping(Map.of("BUSY:LUNCH", "Lunch", "BUSY", "Unavailable",
                "IN_WORK:CALL", "Phone"));
        assertEquals("Lunch", mapping.map(activity("BUSY", "NONE", "lunch")).code());
        assertEquals("Unavailable", mapping.map(activity("BUSY", "NONE", "Meeting")).code());
        assertEquals("Phone", mapping.map(activity("IN_WORK", "CALL", null)).code());
        assertEquals("OnChat", mapping.map(activity("IN_WORK", "CHAT", null)).code(), "defaults stay");
    }

    @Test
    void anUnmappedStatusGetsADeterministicFallbackOfAtMost25Characters() {
        StateMapping mapping = new StateMapping(Map.of());
        StateMapping.Mapped away = mapping.map(activity("AWAY", null, null));
        assertEquals("WA_AWAY", away.code());
        assertEquals("AWAY", away.unmappedStatus());
        assertEquals("WA_70", mapping.map(activity("70", null, null)).code());
        String longStatus = "SUPERVISOR-BARGED-INTO-A-CALL";
        String code = mapping.map(activity(longStatus, null, null)).code();
        assertTrue(code.length() <= 25, code);
        assertEquals(code, mapping.map(activity(longStatus, null, null)).code(), "deterministic");
        assertTrue(code.matches("WA_SUPERVISOR_BA_[0-9A-F]{8}"), code);
        assertTrue(!code.equals(mapping.map(activity(longStatus + "S", null, null)).code()),
                "two long statuses do not share a code");
    }

    @Test
    void aFallbackOfExactly25CharactersIsKeptWholeAndOneMoreIsCutAndTagged() {
        StateMapping mapping = new StateMapping(Map.of());
        String exactly = "ABCDEFGHIJKLMNOPQRSTUV"; // WA_ + 22 = 25
        assertEquals("WA_" + exactly, mapping.map(activity(exactly, null, null)).code());
        String oneMore = mapping.map(activity(exactly + "W", null, null)).code();
        assertEquals(25, oneMore.length(), oneMore);
        assertTrue(oneMore.matches("WA_ABCDEFGHIJKLM_[0-9A-F]{8}"), oneMore);
    }
}
