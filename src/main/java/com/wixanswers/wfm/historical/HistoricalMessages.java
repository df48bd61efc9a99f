package com.wixanswers.wfm.historical;

import java.util.ArrayList;
import java.util.List;

/**
 * What the historical orchestrations and activities pass to each other. Plain public fields and no-arg
 * constructors: the orchestrator side serialises with Jackson and the Functions Java worker binds activity
 * inputs and outputs with Gson, so nothing here may need either library's special support (no java.time, no
 * records). Days travel as ISO strings. Everything stays small: activities send their own rows and return
 * counts, far under the host's 4 MB message limit.
 */
public final class HistoricalMessages {
    private HistoricalMessages() {
    }

    /** Input of the run orchestration: an inclusive range of local days. */
    public static final class RunRequest {
        public String from;
        public String to;

        public RunRequest() {
        }

        public RunRequest(String from, String to) {
            this.from = from;
            this.to = to;
        }
    }

    /** Input of the day orchestration and of the activity that plans the day. */
    public static final class DayRequest {
        public String day;

        public DayRequest() {
        }

        public DayRequest(String day) {
            this.day = day;
        }
    }

    /** The day's work: the queues and agents with figures, and the invalid rows found. */
    public static final class DayPlan {
        public String day;
        public List<String> queueIds = new ArrayList<>();
        public List<String> agentIds = new ArrayList<>();
        public long invalidRows;
        public List<String> firstInvalidIds = new ArrayList<>();

        public DayPlan() {
        }
    }

    /** Input of a chunk orchestration: at most {@link HistoricalWorkflow#CHUNK_SIZE} queues or agents. */
    public static final class ChunkRequest {
        public String day;
        /** {@link HistoricalWorkflow#QUEUES} or {@link HistoricalWorkflow#AGENTS}. */
        public String kind;
        public List<String> ids = new ArrayList<>();

        public ChunkRequest() {
        }

        public ChunkRequest(String day, String kind, List<String> ids) {
            this.day = day;
            this.kind = kind;
            this.ids = new ArrayList<>(ids);
        }
    }

    /** Input of the activity that sends one queue's or one agent's rows. */
    public static final class ItemRequest {
        public String day;
        public String id;

        public ItemRequest() {
        }

        public ItemRequest(String day, String id) {
            this.day = day;
            this.id = id;
        }
    }

    /** Rows sent, per kind. */
    public static final class RowCounts {
        public long queue;
        public long agent;
        public long agentQueue;

        public RowCounts() {
        }

        public RowCounts(long queue, long agent, long agentQueue) {
            this.queue = queue;
            this.agent = agent;
            this.agentQueue = agentQueue;
        }

        void add(RowCounts other) {
            queue += other.queue;
            agent += other.agent;
            agentQueue += other.agentQueue;
        }
    }

    /**
     * What sending one queue's or agent's rows came to. A refusal by Calabrio (4xx, a failure envelope) is an
     * answer, not an exception: retrying the same rows cannot help, so it comes back here as {@code error} and
     * the orchestration reports it. Outages are exceptions, which the durable retry policy retries.
     */
    public static final class ItemResult {
        public String id;
        public RowCounts rowsSent = new RowCounts();
        public String error;

        public ItemResult() {
        }

        public ItemResult(String id, RowCounts rowsSent, String error) {
            this.id = id;
            this.rowsSent = rowsSent;
            this.error = error;
        }
    }

    /** A queue or agent whose rows could not all be sent, and why. */
    public static final class Failure {
        public String id;
        public String error;

        public Failure() {
        }

        public Failure(String id, String error) {
            this.id = id;
            this.error = error;
        }
    }

    /** What a chunk came to. */
    public static final class ChunkResult {
        public String kind;
        public int done;
        public List<Failure> failures = new ArrayList<>();
        public RowCounts rowsSent = new RowCounts();

        public ChunkResult() {
        }

        public ChunkResult(String kind) {
            this.kind = kind;
        }
    }

    /** Done, total and failed, for the custom status. */
    public static final class Progress {
        public int done;
        public int failed;
        public int total;

        public Progress() {
        }

        public Progress(int total) {
            this.total = total;
        }
    }

    /** Invalid rows found in the day: how many, and the first ids. */
    public static final class InvalidRows {
        public long count;
        public List<String> firstIds = new ArrayList<>();

        public InvalidRows() {
        }

        public InvalidRows(long count, List<String> firstIds) {
            this.count = count;
            this.firstIds = new ArrayList<>(firstIds);
        }
    }

    /**
     * A day's progress (its custom status while it runs) and its result (its output once it succeeded). A failed
     * day keeps its last custom status, so the figures of a failed day stay readable too.
     */
    public static final class DaySummary {
        public String day;
        public Progress queues = new Progress();
        public Progress agents = new Progress();
        public RowCounts rowsSent = new RowCounts();
        public InvalidRows invalidRows = new InvalidRows();
        public List<Failure> failedQueues = new ArrayList<>();
        public List<Failure> failedAgents = new ArrayList<>();

        public DaySummary() {
        }
    }

    /** A day as the run orchestration saw it end. */
    public static final class DayOutcome {
        public String day;
        public boolean succeeded;
        public DaySummary summary;
        public String error;

        public DayOutcome() {
        }
    }

    /** The run's progress and result: one outcome per day. */
    public static final class RunSummary {
        public String from;
        public String to;
        public List<DayOutcome> days = new ArrayList<>();

        public RunSummary() {
        }
    }
}
