package com.wixanswers.wfm.calabrio;

import java.time.Instant;

/**
 * One agent's figures for one interval with work (docs/contracts/interactions.md, "Agent statistics"); sent as an
 * agent-stats row.
 */
public record AgentStatsRow(
        String agentId,
        String agentName,
        Instant intervalStart,
        long handled,
        long inboundHandled,
        long outboundHandled,
        long directInboundHandled,
        long talkSeconds,
        long wrapUpSeconds,
        long handleSeconds,
        long transferredOut) {

    public AgentStatsRow withAgentName(String name) {
        return new AgentStatsRow(agentId, name, intervalStart, handled, inboundHandled, outboundHandled,
                directInboundHandled, talkSeconds, wrapUpSeconds, handleSeconds, transferredOut);
    }
}
