package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.workflow.FailureStatus;

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

    /**
     * What a run or a day sends: every kind of the whole day (the daily run), or only queue statistics for the
     * intervals that had ended by an instant (the intraday run).
     */
    public static class Scope {
        /** Queue statistics only: agent and agent-queue statistics stay with the daily run. */
        public boolean queuesOnly;
        /** The intervals that had ended by this instant (ISO-8601, UTC), or null for the whole day. */
        public String endedBy;

        void scope(Scope other) {
            queuesOnly = other.queuesOnly;
            endedBy = other.endedBy;
        }
    }

    /** Input of the run orchestration: an inclusive range of local days, and what of them to send. */
    public static final class RunRequest extends Scope {
        public String from;
        public String to;

        public RunRequest() {
        }

        public RunRequest(String from, String to) {
            this.from = from;
            this.to = to;
        }
    }

    /** Input of the day orchestration; {@code instance} is filled in for the activities, for their logs. */
    public static final class DayRequest extends Scope {
        public String day;
        public String instance;

        public DayRequest() {
        }

        public DayRequest(String day) {
            this.day = day;
        }
    }

    /** The day's work: the queues and agents with figures, and the invalid rows found. */
    public static final class DayPlan {
        public String day;
        /** The intervals the day covers (all of them, or those ended by the scope's instant), and their end. */
        public int intervals;
        public String until;
        public List<String> queueIds = new ArrayList<>();
        public List<String> agentIds = new ArrayList<>();
        public long invalidRows;
        public List<String> firstInvalidIds = new ArrayList<>();

        public DayPlan() {
        }
    }

    /** Input of a chunk orchestration: at most {@link HistoricalWorkflow#CHUNK_SIZE} queues or agents. */
    public static final class ChunkRequest extends Scope {
        public String day;
        /** The day's instance id, for the activities' logs. */
        public String instance;
        /** {@link HistoricalWorkflow#QUEUES} or {@link HistoricalWorkflow#AGENTS}. */
        public String kind;
        public List<String> ids = new ArrayList<>();

        public ChunkRequest() {
        }

        public ChunkRequest(String day, String instance, String kind, List<String> ids) {
            this.day = day;
            this.instance = instance;
            this.kind = kind;
            this.ids = new ArrayList<>(ids);
        }
    }

    /** Input of the activity that sends one queue's or one agent's rows; {@code instance} is the day's. */
    public static final class ItemRequest extends Scope {
        public String day;
        public String id;
        public String instance;

        public ItemRequest() {
        }

        public ItemRequest(String day, String id, String instance, Scope scope) {
            this.day = day;
            this.id = id;
            this.instance = instance;
            scope(scope);
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
     * the orchestration reports it. Outages are exceptions, which the durable retry policy retries. A refused
     * credential or a wrong setting ({@code stop}) would fail every other queue and agent alike: the day stops.
     */
    public static final class ItemResult {
        public String id;
        public RowCounts rowsSent = new RowCounts();
        public String error;
        public boolean stop;

        public ItemResult() {
        }

        public ItemResult(String id, RowCounts rowsSent, String error, boolean stop) {
            this.id = id;
            this.rowsSent = rowsSent;
            this.error = error;
            this.stop = stop;
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

    /** What a chunk came to: at most {@link HistoricalWorkflow#CHUNK_SIZE} failures, their messages cut. */
    public static final class ChunkResult {
        public String kind;
        public int done;
        public List<Failure> failures = new ArrayList<>();
        public RowCounts rowsSent = new RowCounts();
        /** The first refusal of the credentials or wrong setting met, if any. */
        public String stop;

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

        void add(Progress other) {
            done += other.done;
            failed += other.failed;
            total += other.total;
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
     * A day's progress (its custom status while it runs) and its result (its output once it succeeded); a failed
     * day keeps its last custom status. Bounded by design: counts, the first {@link com.wixanswers.wfm.workflow.Failures#NAMED} failures, cut.
     * Every failure is in the logs, under the day's instance id.
     */
    public static final class DaySummary {
        public String day;
        /** The intervals covered, and the end of the last (UTC): all of the day's, or those ended by the scope's instant. */
        public int intervals;
        public String until;
        public Progress queues = new Progress();
        public Progress agents = new Progress();
        public RowCounts rowsSent = new RowCounts();
        public InvalidRows invalidRows = new InvalidRows();
        public List<String> failures = new ArrayList<>();
        /** Why the day stopped scheduling work (a refused credential, a wrong setting), if it did. */
        public String stopped;
        /**
         * Why the day did not send all it had, in full (its headline and first failures), or null: a day reports
         * its failure here, in its output and custom status, and completes, since the host would store any
         * exception of its own as the generic "Unexpected failure in the task execution".
         */
        public String failure;

        public DaySummary() {
        }
    }

    /**
     * The run's progress and result, bounded like a day's: how many days ended which way, the rows sent, each day's
     * instance id (at most {@link HistoricalRuns#MAX_DAYS}, or the timer's lookback), the first failed days.
     */
    public static final class RunSummary extends Scope implements FailureStatus {
        public String from;
        public String to;
        public int days;
        public int completed;
        public int failed;
        /** The days' queues and intervals, summed. */
        public Progress queues = new Progress();
        public int intervals;
        public RowCounts rowsSent = new RowCounts();
        public List<String> dayInstances = new ArrayList<>();
        public List<String> failures = new ArrayList<>();
        /** Why the run failed, in full, or null: set before it fails, since the host keeps the custom status. */
        public String failure;

        public RunSummary() {
        }

        @Override
        public void failure(String reason) {
            failure = reason;
        }
    }
}
