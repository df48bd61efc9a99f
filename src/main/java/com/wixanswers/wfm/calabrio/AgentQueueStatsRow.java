package com.wixanswers.wfm.calabrio;

import java.time.Instant;

/**
 * One agent's figures in one queue for one interval with work (docs/contracts/interactions.md, "Agent-queue
 * statistics").
 */
public record AgentQueueStatsRow(
        String agentId,
        String queueId,
        Instant intervalStart,
        long answered,
        long talkSeconds,
        long wrapUpSeconds,
        long transferredOut) {
}
