package com.wixanswers.wfm.calabrio;

/** The three kinds of historical data, each with its own path under /historical-data/api/v1/. */
public enum HistoricalKind {
    QUEUE_STATS("queue-stats"),
    AGENT_STATS("agent-stats"),
    AGENT_QUEUE_STATS("agent-queue-stats");

    private final String path;

    HistoricalKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
