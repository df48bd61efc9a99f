package com.wixanswers.wfm.calabrio;

/** The three kinds of historical data, each with its own path under /historical-data/api/v1/ and its row. */
public enum HistoricalKind {
    QUEUE_STATS("queue-stats", QueueStatsRow.class),
    AGENT_STATS("agent-stats", AgentStatsRow.class),
    AGENT_QUEUE_STATS("agent-queue-stats", AgentQueueStatsRow.class);

    private final String path;
    private final Class<?> row;

    HistoricalKind(String path, Class<?> row) {
        this.path = path;
        this.row = row;
    }

    public String path() {
        return path;
    }

    /** The row a body of this kind carries. */
    public Class<?> row() {
        return row;
    }
}
