package com.wixanswers.wfm.historical;

import java.time.Instant;

/**
 * An agent's answered interactions of one queue (null: direct or outbound), one direction and one interval:
 * how many, their talk and wrap-up seconds (NULL counted as 0), and how many the agent transferred out.
 * {@code agentName} is the greatest name among them.
 */
public record AgentWork(
        String agentId,
        String agentName,
        String queueId,
        String direction,
        Instant intervalStart,
        long answered,
        long talkSeconds,
        long wrapUpSeconds,
        long transferredOut) {
}
