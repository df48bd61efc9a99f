package com.wixanswers.wfm.calabrio;

import java.time.Instant;

/**
 * One queue's figures for one interval (docs/contracts/interactions.md, "Queue statistics"); sent as a queue-stats row.
 */
public record QueueStatsRow(
        String queueId,
        String queueName,
        Instant intervalStart,
        long offered,
        long answered,
        long answeredWithinServiceLevel,
        long abandoned,
        long abandonedShort,
        long abandonedWithinServiceLevel,
        long overflowOut,
        long answeredWaitSeconds,
        long longestAnsweredWaitSeconds,
        long abandonedWaitSeconds,
        long longestAbandonedWaitSeconds,
        long talkSeconds,
        long wrapUpSeconds,
        long resolved,
        long resolutionSeconds) {

    /** An interval in which nothing happened: every queue of the day has a row for every interval. */
    public static QueueStatsRow empty(String queueId, String queueName, Instant intervalStart) {
        return new QueueStatsRow(queueId, queueName, intervalStart, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public QueueStatsRow withQueueName(String name) {
        return new QueueStatsRow(queueId, name, intervalStart, offered, answered, answeredWithinServiceLevel,
                abandoned, abandonedShort, abandonedWithinServiceLevel, overflowOut, answeredWaitSeconds,
                longestAnsweredWaitSeconds, abandonedWaitSeconds, longestAbandonedWaitSeconds, talkSeconds,
                wrapUpSeconds, resolved, resolutionSeconds);
    }
}
